// The Edit view (issue 25, point 8): the code parameters behind "Advanced: code parameters",
// previewed by main and saved only once confirmed; invalid values refused beside their field;
// Delete moved here from the list's everyday actions, with the list's Undo. Real Chromium on the
// real main process (support/).
import { describe, expect, it } from 'vitest';
import { codeFor, parseOtpUri } from '../../main/otp';
import type { Account } from '../../main/otp';
import { eventually, listedAccounts, useSession } from './support/session';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const GOOGLE =
  'otpauth://totp/Google:alice%40gmail.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google';
const VPN = 'otpauth://hotp/VPN:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=VPN&counter=4';

const grouped = (code: string) => {
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
};
/** The codes around now for an account: a preview taken a moment ago is one of them. */
const codesAroundNow = (account: Account) =>
  [-account.period, 0, account.period].map((s) => grouped(codeFor(account, Date.now() / 1000 + s)));

describe('Edit view: code parameters', () => {
  const session = useSession();

  it('closed by default; a change shows the code main computes, and saves only once confirmed', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE] });
    const github = main.idOf('GitHub');
    await page.getByRole('option').first().waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    const advanced = page.locator('details.code-params');
    await advanced.locator('summary', { hasText: 'Advanced: code parameters' }).waitFor();
    expect(await advanced.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.getByLabel('Digits').isVisible()).toBe(false);

    await advanced.locator('summary').click();
    await advanced
      .getByText(
        'These must match what the site’s QR code said. Changing them changes every code this account gives',
        { exact: false },
      )
      .waitFor();
    const digits = page.getByLabel('Digits');
    await eventually(async () => expect(await digits.inputValue()).toBe('6'));
    expect(await page.getByLabel('Algorithm').inputValue()).toBe('SHA1');
    expect(await page.getByLabel('Period (seconds)').inputValue()).toBe('30');
    expect(await page.getByLabel('Counter').count()).toBe(0);

    await digits.fill('8');
    await page.getByLabel('Algorithm').selectOption('SHA256');
    const preview = advanced.getByRole('status');
    const changed: Account = { ...parseOtpUri(GITHUB).account, digits: 8, algorithm: 'SHA256' };
    await eventually(async () => {
      const text = (await preview.textContent()) ?? '';
      expect(text).toMatch(/^With these parameters, the code now would be \d{4} \d{4}\.$/);
      expect(codesAroundNow(changed)).toContain(/(\d{4} \d{4})/.exec(text)![1]);
    });

    // Not confirmed: nothing saved, the confirmation asked for beside its box.
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText('Tick “Use these parameters” to save them, or put the saved values back.')
      .waitFor();
    const confirm = page.getByLabel('Use these parameters');
    await eventually(async () =>
      expect(await confirm.evaluate((e) => e === document.activeElement)).toBe(true),
    );
    expect(main.app.session.unlocked().entry(github)).toMatchObject({
      digits: 6,
      algorithm: 'SHA1',
    });

    await confirm.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved GitHub (alice).').waitFor();
    expect(main.app.session.unlocked().entry(github)).toMatchObject({
      digits: 8,
      algorithm: 'SHA256',
    });
    // The list codes with them at once, not from the next period on.
    await eventually(
      async () =>
        expect(codesAroundNow(changed)).toContain(
          (await page.locator(`#account-${github} .code`).textContent())?.trim(),
        ),
      3_000,
    );
  });

  it('refuses an invalid value beside its field; a confirmed save of it saves nothing', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB] });
    const github = main.idOf('GitHub');
    await page.getByRole('option').first().waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    await page.getByText('Advanced: code parameters').click();
    const digits = page.getByLabel('Digits');
    await eventually(async () => expect(await digits.inputValue()).toBe('6'));
    await page.getByLabel('Account name').fill('renamed');
    await digits.fill('4');
    await eventually(async () => expect(await digits.getAttribute('aria-invalid')).toBe('true'));
    const message = 'Digits must be a whole number from 6 to 10, not "4".';
    expect(await page.locator('.field-error').allTextContents()).toContain(message);
    expect((await page.locator('.code-params [role="status"]').textContent()) ?? '').toBe('');

    await page.getByLabel('Use these parameters').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(async () =>
      expect(await digits.evaluate((e) => e === document.activeElement)).toBe(true),
    );
    expect(await page.getByText(message).count()).toBe(1);
    expect(main.app.session.unlocked().entry(github)).toMatchObject({ digits: 6, name: 'alice' });

    const period = page.getByLabel('Period (seconds)');
    await digits.fill('6');
    await period.fill('0');
    await eventually(async () => expect(await period.getAttribute('aria-invalid')).toBe('true'));
    expect(await digits.getAttribute('aria-invalid')).toBe('false');
  });

  it('HOTP: the counter instead of the period, previewed as the next code without using it', async () => {
    const { page, main } = await session.open({ accounts: [VPN] });
    const vpn = main.idOf('VPN');
    await page.getByRole('option').first().waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    await page.getByText('Advanced: code parameters').click();
    const counter = page.getByLabel('Counter');
    await eventually(async () => expect(await counter.inputValue()).toBe('4'));
    expect(await page.getByLabel('Period (seconds)').count()).toBe(0);
    await counter.fill('9');
    const next = codeFor({ ...parseOtpUri(VPN).account, counter: 9 }, 0);
    await page
      .getByText(`With these parameters, the next code would be ${grouped(next)}.`)
      .waitFor();
    expect(main.app.session.unlocked().entry(vpn).counter).toBe(4);
    await page.getByLabel('Use these parameters').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved VPN (alice).').waitFor();
    expect(main.app.session.unlocked().entry(vpn).counter).toBe(9);
  });

  it('sends no secret to the window while previewing and saving', async () => {
    const { page, main, bridge } = await session.open({ accounts: [GITHUB, VPN] });
    await page.getByRole('option').first().waitFor();
    for (const down of [false, true]) {
      if (down) await page.keyboard.press('ArrowDown');
      await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
      await page.getByText('Advanced: code parameters').click();
      await eventually(async () => expect(await page.getByLabel('Digits').inputValue()).toBe('6'));
      await page.getByLabel('Digits').fill('7');
      await page.getByText(/^With these parameters/).waitFor();
      await page.getByLabel('Use these parameters').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText(/^Saved/).waitFor();
    }
    expect(bridge.records.some((r) => r.name === 'previewCode')).toBe(true);
    const sent = JSON.stringify(bridge.toWindow());
    for (const secret of main.secrets())
      expect(sent.toLowerCase()).not.toContain(secret.toLowerCase());
  });
});

describe('Delete is in the Edit view, not among the everyday actions', () => {
  const session = useSession();

  it('the row toolbar has no Delete; Edit → Delete this account deletes, with Undo', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE] });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const toolbar = page.getByRole('toolbar');
    await toolbar.getByRole('button', { name: 'Edit' }).waitFor();
    expect(await toolbar.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    // The Delete key in the list deletes nothing either.
    await page.getByRole('listbox').focus();
    await page.keyboard.press('Delete');
    expect(main.state().accounts).toHaveLength(2);

    await toolbar.getByRole('button', { name: 'Edit' }).click();
    const remove = page.getByRole('button', { name: 'Delete this account' });
    // At the bottom, below the form's own buttons.
    const save = await page.getByRole('button', { name: 'Save' }).boundingBox();
    const box = await remove.boundingBox();
    expect(box!.y).toBeGreaterThan(save!.y + save!.height);
    await remove.click();
    await page.getByText('Deleted Google (alice@gmail.com).').waitFor();
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(1));
    expect(main.state().accounts.map((a) => a.issuer)).toEqual(['GitHub']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Restored Google (alice@gmail.com).').waitFor();
    expect(main.state().accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google']);
  });
});

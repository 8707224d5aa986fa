// The tray window in real Chromium, driven like a person would: what they type, click and
// press, and what they then see. window.trayotp is bridged to the real main process over the real IPC
// handler table (support/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFor, formatOtpUri, parseOtpUri } from '../../main/otp';
import type { Account } from '../../main/otp';
import { TRAY_WINDOW_SIZE } from '../../main/platform/tray-window';
import { testdataPath } from '../support/testdata';
import { eventually, listedAccounts, useSession } from './support/session';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const GOOGLE =
  'otpauth://totp/Google:alice%40gmail.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google';
const ACME =
  'otpauth://totp/Acme%20Corp:bob?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Acme%20Corp&digits=8';
const STEAM = 'otpauth://steam/Steam:gamer?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Steam';

/** The HOTP code for a counter, from the real engine. */
const codeAt = (account: Account, counter: number) => codeFor({ ...account, counter }, 0);

const grouped = (code: string) =>
  code.length < 6 ? code : `${code.slice(0, code.length >> 1)} ${code.slice(code.length >> 1)}`;

describe('tray window', () => {
  const session = useSession();

  it('lists accounts with grouped codes, brand icon or initials, and a countdown', async () => {
    const { page, main, errors } = await session.open({ accounts: [GITHUB, ACME, STEAM] });
    await page.getByRole('option').first().waitFor();
    const github = main.idOf('GitHub');
    await eventually(async () => {
      const text = await page.locator(`#account-${github}`).textContent();
      expect(text).toContain(grouped(main.currentCode(github)));
    });
    const acme = main.idOf('Acme Corp');
    await eventually(async () =>
      expect(await page.locator(`#account-${acme}`).textContent()).toMatch(
        new RegExp(grouped(main.currentCode(acme))),
      ),
    );
    // GitHub has a brand icon (an SVG); Acme Corp has none, so its initials show.
    expect(await page.locator(`#account-${github} .account-icon svg`).count()).toBe(1);
    expect(await page.locator(`#account-${acme} .account-icon`).textContent()).toBe('AC');
    expect(await page.locator(`#account-${github} .ring-text`).textContent()).toMatch(/^\d+$/);
    expect(errors).toEqual([]);
  });

  it('shows a counter-based (HOTP) code without a countdown and gets the next one on request', async () => {
    const hotp =
      'otpauth://hotp/VPN:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=VPN&counter=4';
    const { page, main } = await session.open({ accounts: [hotp] });
    const id = main.idOf('VPN');
    const row = page.locator(`#account-${id}`);
    await row.waitFor();
    // A counter-based code is computed only when asked for: showing one uses it up.
    expect(await row.locator('.ring').count()).toBe(0);
    await page.getByRole('toolbar').getByRole('button', { name: 'Show code' }).click();
    const first = codeAt(parseOtpUri(hotp).account, 4);
    await eventually(async () => expect(await row.textContent()).toContain(grouped(first)));
    await page.getByRole('toolbar').getByRole('button', { name: 'New code' }).click();
    const next = codeAt(parseOtpUri(hotp).account, 5);
    await eventually(async () => expect(await row.textContent()).toContain(grouped(next)));
    expect(next).not.toBe(first);
  });

  it('a HOTP row offers a visible Show code; clicking it shows the code and copies nothing', async () => {
    const hotp =
      'otpauth://hotp/VPN:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=VPN&counter=4';
    const { page, main } = await session.open({ accounts: [GITHUB, hotp] });
    const id = main.idOf('VPN');
    const row = page.locator(`#account-${id}`);
    const show = row.getByText('Show code', { exact: true });
    await show.waitFor();
    expect(await row.textContent()).not.toContain('···');
    // The toolbar says the same for the keyboard once the row is active.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('toolbar').getByRole('button', { name: 'Show code' }).waitFor();
    await show.click();
    const first = codeAt(parseOtpUri(hotp).account, 4);
    await eventually(async () => expect(await row.textContent()).toContain(grouped(first)));
    expect(main.clipboard).toBe('');
    await page.getByRole('toolbar').getByRole('button', { name: 'New code' }).waitFor();
  });

  it("keeps the row's actions on one line at the window's real width, HOTP's too", async () => {
    const hotp =
      'otpauth://hotp/VPN:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=VPN&counter=4';
    const { page } = await session.open({
      accounts: [GITHUB, hotp],
      viewport: TRAY_WINDOW_SIZE,
    });
    const toolbar = page.getByRole('toolbar');
    for (const pressed of [null, 'ArrowDown']) {
      if (pressed) await page.keyboard.press(pressed);
      await toolbar.getByRole('button', { name: 'Edit' }).waitFor();
      const boxes = await toolbar
        .getByRole('button')
        .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().toJSON()));
      expect(boxes.length).toBeGreaterThanOrEqual(5);
      // One row: every button at the first one's height, all inside the window.
      for (const box of boxes) {
        expect(box.top).toBe(boxes[0].top);
        expect(box.right).toBeLessThanOrEqual(TRAY_WINDOW_SIZE.width);
      }
    }
    expect(await toolbar.getByRole('button', { name: 'Show code' }).count()).toBe(1);
  });

  it('adds an account from a pasted otpauth link', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB] });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('otpauth:// link').fill(GOOGLE);
    await page.getByRole('button', { name: 'Add from link' }).click();
    await page.getByRole('status').getByText('Added Google (alice@gmail.com).').waitFor();
    await eventually(async () =>
      expect((await listedAccounts(page)).join('|')).toContain('Google'),
    );
    expect(main.state().accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google']);
  });

  it('says what is wrong with a pasted link and with each field of the form', async () => {
    const { page } = await session.open({ accounts: [] });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('otpauth:// link').fill('otpauth://totp/x?digits=6');
    await page.getByRole('button', { name: 'Add from link' }).click();
    const link = page.getByLabel('otpauth:// link');
    await eventually(async () => expect(await link.getAttribute('aria-invalid')).toBe('true'));
    expect(await page.locator('.field-error').first().textContent()).toMatch(/secret/i);

    await page.getByLabel('Issuer').fill('Example');
    await page.getByRole('button', { name: 'Add account' }).click();
    const secret = page.getByLabel('Secret key');
    await eventually(async () => expect(await secret.getAttribute('aria-invalid')).toBe('true'));
    expect(
      await page.getByText('Type the secret key the site shows next to the QR code.').count(),
    ).toBe(1);

    // Said once, beside the field, in plain words (not "not base32"); the field has the focus.
    await secret.fill('not base32!');
    await page.getByRole('button', { name: 'Add account' }).click();
    const plain =
      'The secret can only contain the letters A–Z and the digits 2–7 (spaces and dashes are fine); “!” is not one of them.';
    await page.getByText(plain).waitFor();
    expect(await page.getByText(plain).count()).toBe(1);
    expect(await page.getByText(/base32/).count()).toBe(0);
    await eventually(async () =>
      expect(await secret.evaluate((e) => e === document.activeElement)).toBe(true),
    );

    await secret.fill('JBSWY3DPEHPK3PXP');
    await page.getByText('Advanced').click();
    await page.getByLabel('Digits').fill('4');
    await page.getByRole('button', { name: 'Add account' }).click();
    const digits = page.getByLabel('Digits');
    await eventually(async () => expect(await digits.getAttribute('aria-invalid')).toBe('true'));
    expect(await page.locator('.field-error').allTextContents()).toContain(
      'Digits must be a whole number from 6 to 10, not "4".',
    );
  });

  it('copies the active code with the keyboard and says when the clipboard clears', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE] });
    const search = page.getByRole('combobox', { name: 'Search accounts' });
    await eventually(async () =>
      expect(await search.evaluate((e) => e === document.activeElement)).toBe(true),
    );
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const before = Date.now();
    await page.keyboard.press('Enter');
    await page.getByText('Copied the Google code. The clipboard clears in 20 seconds.').waitFor();
    const google = parseOtpUri(GOOGLE).account;
    const candidates = [before - 1000, before, Date.now()].map((t) => codeFor(google, t / 1000));
    expect(candidates).toContain(main.clipboard);
  });

  it('filters fuzzily by issuer, name and tag; arrows move; Escape clears, then hides', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE, ACME] });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.type('acp'); // A-cme C-or-p: a subsequence of "Acme Corp"
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(1));
    expect((await listedAccounts(page))[0]).toContain('Acme Corp');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('alice');
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(2));
    const search = page.getByRole('combobox');
    const first = await search.getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowDown');
    await eventually(async () =>
      expect(await search.getAttribute('aria-activedescendant')).not.toBe(first),
    );
    expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);

    await page.keyboard.press('Escape');
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(3));
    expect(await search.inputValue()).toBe('');
    expect(main.hidden).toBe(false);
    await page.keyboard.press('Escape');
    await eventually(() => expect(main.hidden).toBe(true));
  });

  it('edits the name and tags, and finds the account by its new tag', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE] });
    await page.getByRole('option').first().waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Account name').fill('alice-work');
    await page.getByLabel('Tags').fill('work, code');
    await page.getByLabel('Pin to the top of the list').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved GitHub (alice-work).').waitFor();
    const github = main.idOf('GitHub');
    expect(main.state().accounts.find((a) => a.id === github)).toMatchObject({
      name: 'alice-work',
      tags: ['work', 'code'],
      pinned: true,
    });
    await page.keyboard.type('work');
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(1));
    expect((await listedAccounts(page))[0]).toContain('alice-work');
  });

  it('deletes an account (from its Edit view) and brings it back with Undo, in its place', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE, ACME] });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Delete this account' }).click();
    await page.getByText('Deleted Google (alice@gmail.com).').waitFor();
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(2));
    expect(main.state().accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Acme Corp']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Restored Google (alice@gmail.com).').waitFor();
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(3));
    expect(main.state().accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google', 'Acme Corp']);
  });

  it('reorders with Alt+Arrow keys and keeps pinned accounts first', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE, ACME] });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Alt+ArrowDown');
    await eventually(() =>
      expect(main.state().accounts.map((a) => a.issuer)).toEqual(['Google', 'GitHub', 'Acme Corp']),
    );
    await eventually(async () => expect((await listedAccounts(page))[1]).toContain('GitHub'));
    await page.keyboard.press('ArrowDown');
    await page.getByRole('toolbar').getByRole('button', { name: 'Pin' }).click();
    await eventually(async () => expect((await listedAccounts(page))[0]).toContain('Acme Corp'));
  });

  it('reorders by dragging a row onto another', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE, ACME] });
    await page.getByRole('option').first().waitFor();
    await page
      .locator(`#account-${main.idOf('Acme Corp')}`)
      .dragTo(page.locator(`#account-${main.idOf('GitHub')}`));
    await eventually(() =>
      expect(main.state().accounts.map((a) => a.issuer)).toEqual(['Acme Corp', 'GitHub', 'Google']),
    );
    await eventually(async () => expect((await listedAccounts(page))[0]).toContain('Acme Corp'));
  });

  it('announces to screen readers when the selected code is about to expire', async () => {
    const short =
      'otpauth://totp/Short:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Short&period=10';
    const { page } = await session.open({ accounts: [short] });
    await page.getByRole('option').first().waitFor();
    const announcer = page.locator('.visually-hidden[aria-live="polite"]');
    await eventually(
      async () =>
        expect(await announcer.textContent()).toBe('The Short code expires in 5 seconds.'),
      30_000,
    );
  });

  it('picker (opened by the hotkey through a navigate event): Enter types the chosen code', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE] });
    await page.getByRole('option').first().waitFor();
    main.emit('navigate', { view: 'picker' });
    await page.getByRole('heading', { name: 'Type a code' }).waitFor();
    await page.keyboard.type('goo');
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(1));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'TrayOTP' }).waitFor();
    // typeCode in this main copies (it cannot type); the code is Google's, now or a period ago.
    const account = parseOtpUri(GOOGLE).account;
    const now = Date.now() / 1000;
    expect([codeFor(account, now), codeFor(account, now - 30)]).toContain(main.clipboard);
  });

  it("picker opened on main's candidate (issue 27: the last choice on Wayland): Enter types it", async () => {
    const { page, main } = await session.open({ accounts: [GITHUB, GOOGLE] });
    await page.getByRole('option').first().waitFor();
    const google = main.state().accounts.find((a) => a.issuer === 'Google')!;
    main.emit('navigate', { view: 'picker', accountId: google.id });
    await page.getByRole('heading', { name: 'Type a code' }).waitFor();
    // Nothing typed into the search: Enter takes the account the picker opened on.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'TrayOTP' }).waitFor();
    const account = parseOtpUri(GOOGLE).account;
    const now = Date.now() / 1000;
    expect([codeFor(account, now), codeFor(account, now - 30)]).toContain(main.clipboard);
  });

  it('imports an otpauth list: preview with problems and duplicates, then confirm', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB] });
    const fresh = formatOtpUri(parseOtpUri(GOOGLE).account);
    const file = [GITHUB, fresh, 'otpauth://totp/Broken?secret=&issuer=Broken'].join('\n');
    main.nextPickFile = { fileName: 'codes.txt', bytes: new TextEncoder().encode(file) };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('heading', { name: /2 accounts in this/ }).waitFor();
    const duplicate = page.getByLabel('What to do with GitHub (alice), already in TrayOTP');
    expect(await duplicate.inputValue()).toBe('skip');
    expect(await page.getByRole('heading', { name: 'Cannot be imported' }).count()).toBe(1);
    await duplicate.selectOption('keep-both');
    await page.getByRole('button', { name: 'Import 2 accounts' }).click();
    await page.getByText('Imported 2 accounts.').waitFor();
    expect(main.state().accounts.map((a) => a.issuer)).toEqual(['GitHub', 'GitHub', 'Google']);
  });

  it('asks for the password of an encrypted backup and says when it is wrong (shared testdata: Aegis)', async () => {
    const { page, main } = await session.open({ accounts: [] });
    main.nextPickFile = {
      fileName: 'aegis_encrypted.json',
      bytes: readFileSync(testdataPath('interop/aegis/aegis_encrypted.json')),
    };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const password = page.getByLabel('Backup password');
    await password.fill('not-the-password');
    await page.getByRole('button', { name: 'Open' }).click();
    await eventually(
      async () => expect(await password.getAttribute('aria-invalid')).toBe('true'),
      60_000,
    );
    await password.fill('test');
    await page.getByRole('button', { name: 'Open' }).click();
    await page
      .getByRole('heading', { name: /7 accounts in this Aegis/ })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Import 7 accounts' }).click();
    await page.getByText('Imported 7 accounts.').waitFor();
    expect(main.state().accounts).toHaveLength(7);
  }, 120_000);

  it('a KeePass database opens with a key file picked in the Import view', async () => {
    const { page, main } = await session.open({ accounts: [] });
    main.nextPickFile = {
      fileName: 'database.kdbx',
      bytes: readFileSync(testdataPath('keepass/kdbx-rs-kdbx4-argon2d-key-file.kdbx')),
    };
    main.nextKeyFile = {
      fileName: 'database.key',
      bytes: readFileSync(testdataPath('keepass/kdbx-rs-kdbx4-argon2d-key-file.key')),
    };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByLabel('Backup password').fill('kdbxrs');
    await page.getByRole('button', { name: 'Key file…' }).click();
    await page.getByText('Key file: database.key').waitFor();
    await page.getByRole('button', { name: 'Open' }).click();
    await page
      .getByRole('heading', { name: /0 accounts in this KeePass/ })
      .waitFor({ timeout: 60_000 });
  });

  it('an encrypted import shows its progress with Cancel; cancelling keeps the file open to try again', async () => {
    const { page, main, bridge } = await session.open({ accounts: [] });
    main.nextPickFile = {
      fileName: 'aegis_encrypted.json',
      bytes: readFileSync(testdataPath('interop/aegis/aegis_encrypted.json')),
    };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByLabel('Backup password').fill('test');
    await page.getByRole('button', { name: 'Open' }).click();
    // A real bar, named by what the import is doing, and its Cancel.
    const bar = page.getByRole('progressbar', { name: /Opening aegis_encrypted\.json/ });
    await bar.waitFor();
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText('Import cancelled; nothing was added.').waitFor();
    expect(await bar.count()).toBe(0);
    // Main stopped the read: the preview came back cancelled.
    expect(
      bridge.records.some(
        (r) =>
          r.direction === 'result' &&
          r.name === 'importPreview' &&
          (r.payload as { error?: { code: string } }).error?.code === 'cancelled',
      ),
    ).toBe(true);
    // The password form is still there: opening again works.
    await page.getByRole('button', { name: 'Open' }).click();
    await page
      .getByRole('heading', { name: /7 accounts in this Aegis/ })
      .waitFor({ timeout: 60_000 });
    expect(main.state().accounts).toHaveLength(0);
  }, 120_000);

  it('locks, refuses a wrong passphrase, unlocks with the right one', async () => {
    const { page, main } = await session.open({
      accounts: [GITHUB],
      passphrase: 'correct horse',
    });
    await page.getByRole('option').first().waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'TrayOTP is locked' }).waitFor();
    expect(main.vault).toBe('locked');
    expect(await page.getByRole('option').count()).toBe(0);
    const passphrase = page.getByLabel('Passphrase');
    await passphrase.fill('wrong');
    await page.keyboard.press('Enter');
    await page
      .getByRole('alert')
      .getByText(/^Wrong passphrase/)
      .waitFor();
    await passphrase.fill('correct horse');
    await page.keyboard.press('Enter');
    await page.getByRole('option').first().waitFor();
    expect(main.vault).toBe('unlocked');
  });

  it('a damaged vault file: says so, offers the backup, and restoring it brings the accounts back', async () => {
    const { page, main } = await session.open({
      accounts: [GITHUB],
      passphrase: 'correct horse',
      damaged: true,
    });
    await page.getByRole('heading', { name: 'The vault file is damaged' }).waitFor();
    await page.getByText(/^Vault integrity check failed/).waitFor();
    await page.getByRole('button', { name: /^Restore the backup of/ }).click();
    await page.getByRole('heading', { name: 'TrayOTP is locked' }).waitFor();
    expect(main.vault).toBe('locked');
    await page.getByLabel('Passphrase').fill('correct horse');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(1));
  });

  it('first run: creates the vault, requiring a passphrase when the keychain is unavailable', async () => {
    const { page, main } = await session.open({
      vault: 'none',
      keychain: { available: false, weak: false, backend: null },
    });
    await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
    expect(await page.getByText(/system keychain is not available/).count()).toBe(1);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText('Type your passphrase.').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await page.getByLabel('Passphrase again').fill('a long passphrase');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText(/No accounts yet/).waitFor();
    // The vault was made with that passphrase: it (and only it) unlocks it.
    await main.app.session.lock();
    await expect(main.app.session.unlock('another passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await main.app.session.unlock('a long passphrase');
    expect(main.vault).toBe('unlocked');
  });

  it('settings: clipboard time, theme, and a hotkey recorded with conflict feedback', async () => {
    const { page, main } = await session.open({
      accounts: [GITHUB],
      // Held by other applications (a screenshot tool, an editor).
      takenHotkeys: ['CommandOrControl+Alt+S', 'Control+Alt+J'],
    });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page
      .getByText(
        'Ctrl+Alt+S is already used by the system or another application; choose another shortcut here.',
      )
      .waitFor();

    const clear = page.getByLabel('Clear the clipboard after (seconds)');
    await clear.fill('45');
    await clear.press('Enter');
    await eventually(() => expect(main.settings.clipboardClearSeconds).toBe(45));

    await page.getByLabel('Theme').selectOption('dark');
    await eventually(async () =>
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark'),
    );

    const scanRow = page.getByRole('group', { name: 'Scan a QR code from the screen' });
    await scanRow.getByRole('button', { name: 'Change shortcut' }).click();
    await page.keyboard.press('Control+Alt+J');
    await scanRow
      .getByText(
        'Ctrl+Alt+J is already used by the system or another application; choose another shortcut here.',
      )
      .waitFor();
    expect(await scanRow.getByRole('button', { name: 'Use Ctrl+Alt+J' }).isDisabled()).toBe(true);
    await scanRow.getByRole('button', { name: 'Cancel' }).click();
    await scanRow.getByRole('button', { name: 'Change shortcut' }).click();
    await page.keyboard.press('Control+Alt+K');
    await scanRow.getByText('Ctrl+Alt+K is free.').waitFor();
    await scanRow.getByRole('button', { name: 'Use Ctrl+Alt+K' }).click();
    await eventually(() => expect(main.settings.hotkeys.scanScreen).toBe('Control+Alt+K'));
    // The window shows it once main's new state arrives, a moment after main saved it.
    await eventually(async () =>
      expect(await scanRow.locator('kbd').textContent()).toBe('Ctrl+Alt+K'),
    );
    // The registration failure goes once main's new state (the shortcut registered) arrives.
    await eventually(async () => expect(await scanRow.locator('.field-error').count()).toBe(0));

    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Copied the GitHub code. The clipboard clears in 45 seconds.').waitFor();
  });

  it('settings on macOS: shortcuts written in its symbols', async () => {
    const { page } = await session.open({ accounts: [GITHUB], platform: 'darwin' });
    await page.getByRole('button', { name: 'Settings' }).click();
    const typeRow = page.getByRole('group', { name: 'Type the current code' });
    expect(await typeRow.locator('kbd').textContent()).toBe('⌥⌘O');
    const scanRow = page.getByRole('group', { name: 'Scan a QR code from the screen' });
    await scanRow.getByRole('button', { name: 'Change shortcut' }).click();
    await page.keyboard.press('Meta+Alt+KeyK');
    await scanRow.getByText('⌥⌘K is free.').waitFor();
    expect(await scanRow.getByRole('button', { name: 'Use ⌥⌘K' }).count()).toBe(1);
  });

  it('after a screen scan, shows the enrolment view with the big code, Copy and Type into page', async () => {
    const { page, main } = await session.open({
      accounts: [],
      screenCodes: [GITHUB, 'https://apps.example/app'],
    });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Scan screen' }).click();
    await page.getByText('1 other QR code was ignored (not two-step codes).').waitFor();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'GitHub (alice)' }).waitFor();
    const github = main.idOf('GitHub');
    await eventually(async () =>
      expect(await page.locator('.big-code').textContent()).toBe(grouped(main.currentCode(github))),
    );
    expect(await page.getByText(/seconds left/).count()).toBe(1);
    await page.getByRole('button', { name: 'Type into page' }).click();
    await page.getByText(/Could not type into the page, so the code was copied/).waitFor();
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText(/Copied the GitHub code/).waitFor();
  });

  it('scan hotkey or tray item: main scans first, then the window opens on what it found', async () => {
    const { page, main } = await session.open({ accounts: [], screenCodes: [GITHUB] });
    expect(await main.app.scans.fromShortcut('screen')).toBe('shown');
    await page.getByRole('heading', { name: 'Found 1 code' }).waitFor();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'GitHub (alice)' }).waitFor();

    const empty = await session.open({ accounts: [], screenCodes: [] });
    await empty.main.app.scans.fromShortcut('screen');
    await empty.page.getByText('No QR code found. Try Scan a region').waitFor();
  });

  it('exports an otpauth list only after the unencrypted warning is acknowledged', async () => {
    const { page, main } = await session.open({ accounts: [GITHUB] });
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByLabel('otpauth:// link list (not encrypted)').check();
    await page.getByText('This file is not encrypted.').waitFor();
    const save = page.getByRole('button', { name: 'Export…' });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel('I understand the file holds my secrets unencrypted').check();
    await save.click();
    const written = join(main.dir, 'otpauth-links.txt');
    await page.getByText(`Exported to ${written}`).waitFor();
    expect(main.exports).toEqual(['otpauth-links.txt']);
    expect(readFileSync(written, 'utf8')).toContain(`secret=${parseOtpUri(GITHUB).account.secret}`);
  });

  it('region selector: drag a box on the frozen screenshot; Escape cancels', async () => {
    const { page, main } = await session.open({
      hash: '#/region',
      viewport: { width: 800, height: 450 },
    });
    await page.getByText('Preparing the screenshot…').waitFor();
    // A 1600×900 grey PNG from the browser's own canvas, as main would send it.
    const image = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 1600;
      canvas.height = 900;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#888';
      context.fillRect(0, 0, 1600, 900);
      return canvas.toDataURL('image/png');
    });
    main.emit('regionImage', { displayId: '1', image, width: 1600, height: 900 });
    const surface = page.getByRole('application');
    await surface.waitFor();
    await page.mouse.move(100, 50);
    await page.mouse.down();
    await page.mouse.move(300, 200, { steps: 5 });
    await page.mouse.up();
    await eventually(() =>
      expect(main.regionSelections).toEqual([
        { displayId: '1', x: 200, y: 100, width: 400, height: 300 },
      ]),
    );
    // Main opens the next selection with a new screenshot; Escape cancels it.
    main.emit('regionImage', { displayId: '1', image, width: 1600, height: 900 });
    await page.keyboard.press('Escape');
    await eventually(() => expect(main.regionSelections).toHaveLength(2));
    expect(main.regionSelections[1]).toBeNull();
  });

  it('never sends a secret to the window, in any result or event of a whole session', async () => {
    const { page, main, bridge } = await session.open({
      accounts: [GITHUB, ACME, STEAM],
      screenCodes: [GOOGLE],
    });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByText(/Copied the GitHub code/).waitFor();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Scan screen' }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Tags').fill('personal');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Saved/).waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('option').first().waitFor();

    const sent = JSON.stringify(bridge.toWindow());
    expect(bridge.toWindow().length).toBeGreaterThan(10);
    const secrets = main.secrets();
    expect(secrets).toHaveLength(4);
    for (const secret of secrets) {
      expect(sent).not.toContain(secret);
      expect(sent.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});

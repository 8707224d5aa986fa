// The clock check in the window (issue 18), on the real main process: Settings → Check the
// clock measures, the banner above the codes offers the correction, the codes follow it, the
// Enrol view warns, and an account's "Code not accepted?" shows the codes around now.
import { describe, expect, it } from 'vitest';
import { codeFor, parseOtpUri } from '../../main/otp';
import { axeViolations } from './support/harness';
import { eventually, useSession } from './support/session';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK =
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=0';

describe('the clock check', () => {
  const session = useSession();

  it('measured 2 minutes slow: the banner offers the correction, and the codes follow it', async () => {
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      clockOffsetMs: 120_000,
    });
    await page.getByRole('option').first().waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Check the clock' });
    await section.getByRole('button', { name: 'Check now' }).click();
    await page.getByRole('button', { name: 'Back' }).click();

    const banner = page.getByRole('region', { name: /This computer's clock is/ });
    await banner.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await banner.getByRole('button', { name: /^Correct codes by/ }).click();
    await eventually(() => expect(main.state().clock.offsetInUseMs).toBe(120_000));
    // The list shows the code of the corrected time (two minutes ahead of this computer).
    const account = parseOtpUri(GITHUB).account;
    await eventually(async () => {
      const shown = (await page.getByRole('option').first().textContent())?.replace(/\s/g, '');
      const expected = [0, 1].map((p) => codeFor(account, (Date.now() + 120_000) / 1000 - p * 30));
      expect(expected.some((code) => shown?.includes(code))).toBe(true);
    });
    expect(errors).toEqual([]);
  });

  it('a check that fails says why and changes nothing', async () => {
    const { page, main, errors } = await session.open({ accounts: [GITHUB] });
    await page.getByRole('option').first().waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Check the clock' });
    await section.getByRole('button', { name: 'Check now' }).click();
    await section.getByText(/Could not reach/).waitFor();
    expect(main.state().clock.offsetInUseMs).toBe(0);
    expect(errors).toEqual([]);
  });

  it('"Code not accepted?" shows the codes around now; HOTP offers the next codes', async () => {
    const { page, errors } = await session.open({ accounts: [GITHUB, BANK] });
    await page.getByRole('option').first().waitFor();
    const rows = page.getByRole('option');
    await rows.filter({ hasText: 'Bank' }).hover();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).first().click();
    await page.getByRole('button', { name: 'Code not accepted?' }).click();
    const help = page.getByRole('region', { name: 'Code not accepted?' });
    await help
      .getByText(/755\s?224/)
      .first()
      .waitFor(); // RFC 4226, counter 0
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

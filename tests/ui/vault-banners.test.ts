// What the window says about the vault file above the codes list: a backup that could not be
// written, and a vault file older than its newest backup, with that backup restored on request.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFolder } from '../../main/vault';
import { axeViolations } from './support/harness';
import { eventually, listedAccounts, useSession } from './support/session';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const GOOGLE =
  'otpauth://totp/Google:alice%40gmail.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google';

describe('vault banners', () => {
  const session = useSession();

  it('a backup that cannot be written: a banner (and a notification) until one succeeds', async () => {
    const { page, main, errors } = await session.open({ accounts: [GITHUB] });
    await page.getByRole('option').first().waitFor();
    const folder = backupFolder(join(main.dir, 'vault.trayotp'));
    await rm(folder, { recursive: true });
    await writeFile(folder, 'not a folder');

    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('otpauth:// link').fill(GOOGLE);
    await page.getByRole('button', { name: 'Add from link' }).click();
    const banner = page.getByRole('region', { name: 'Backup failed' });
    await banner.getByText(/^Your last change is saved, but its backup copy could not/).waitFor();
    expect(main.notifier.notices.map((n) => n.title)).toEqual([
      'TrayOTP could not back up your accounts',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await rm(folder);
    await page.getByRole('toolbar').getByRole('button', { name: 'Pin' }).click();
    await eventually(async () => expect(await banner.count()).toBe(0));
    expect(errors).toEqual([]);
  });

  it('a rolled-back vault file: said after unlock, and the newer backup restored', async () => {
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      rolledBack: [GOOGLE],
      passphrase: 'correct horse',
    });
    const banner = page.getByRole('region', {
      name: 'This vault file is older than its newest backup',
    });
    await banner.waitFor();
    expect(await listedAccounts(page)).toHaveLength(1);
    expect(await axeViolations(page)).toEqual([]);
    await banner.getByRole('button', { name: 'Restore the newer backup' }).click();
    await page.getByRole('heading', { name: 'TrayOTP is locked' }).waitFor();
    await page.getByLabel('Passphrase').fill('correct horse');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await listedAccounts(page)).toHaveLength(2));
    expect(await banner.count()).toBe(0);
    expect(main.vault).toBe('unlocked');
    expect(errors).toEqual([]);
  });

  it('a rolled-back vault file can be kept as it is', async () => {
    const { page } = await session.open({
      accounts: [GITHUB],
      rolledBack: [GOOGLE],
      passphrase: 'correct horse',
    });
    const banner = page.getByRole('region', {
      name: 'This vault file is older than its newest backup',
    });
    // Plain words: no revision numbers ("the file is version 0").
    expect(await banner.innerText()).toMatch(
      /A backup saved .* holds changes this file does not have/,
    );
    expect(await banner.innerText()).not.toMatch(/version \d/);
    await banner.getByRole('button', { name: 'Keep this version' }).click();
    await eventually(async () => expect(await banner.count()).toBe(0));
    expect(await listedAccounts(page)).toHaveLength(1);
    // Main remembers the choice: the banner stays gone when the list is shown again.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('option').first().waitFor();
    expect(await banner.count()).toBe(0);
  });
});

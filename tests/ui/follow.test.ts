// Settings → Follow a phone's backups in the real window (issue 17): a temp folder holding
// Aegis's own sample backup (tests/fixtures/interop/aegis, see its PROVENANCE.md) is followed
// with its password; the first backup's accounts are merged; a newer backup dropped in the
// folder (one account added, one renamed, one deleted on the phone) reaches the window by itself
// (the real folder watcher), is shown and merged: the addition and the ticked rename, never the
// removal. A wrong password is said beside the form, nothing stored. With TRAYOTP_SCREENSHOTS=1
// it also saves the README's screenshot (docs/screenshots/follow-light.png).
import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { aegisImporter } from '../../main/importers/aegis';
import { exportAegisEncrypted } from '../../main/importers/export/aegis';
import { TRAY_WINDOW_SIZE } from '../../main/platform/tray-window';
import { testdataPath } from '../support/testdata';
import { axeViolations } from './support/harness';
import { eventually, useSession } from './support/session';
import { nextAegisEntries } from '../support/aegis-next-backup';
import { readmeShot } from './support/readme-shots';

const PASSWORD = 'test'; // the sample's (tests/fixtures/interop/aegis/expected.json)
const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function backupFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'trayotp-phone-'));
  folders.push(folder);
  const first = join(folder, 'aegis-backup-20261201-080000.json');
  await copyFile(testdataPath('interop/aegis/aegis_encrypted.json'), first);
  await utimes(first, Date.UTC(2026, 11, 1, 8) / 1000, Date.UTC(2026, 11, 1, 8) / 1000);
  return folder;
}

/** The phone's next automatic backup: Boeing deleted, Codeberg added, WWE renamed. */
async function dropNewerBackup(folder: string): Promise<void> {
  const sample = await readFile(testdataPath('interop/aegis/aegis_encrypted.json'));
  const entries = (await aegisImporter.read({ fileName: 'x.json', bytes: sample }, PASSWORD))
    .entries;
  const next = nextAegisEntries(entries);
  await writeFile(
    join(folder, 'aegis-backup-20261202-080000.json'),
    await exportAegisEncrypted(next, PASSWORD),
  );
}

/** axe with the pointer out of the way (a hovered primary button; see tests/ui/sync.test.ts). */
async function axeAway(page: Page) {
  await page.mouse.move(0, 0);
  return axeViolations(page);
}

async function openFollowSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: "Follow a phone's backups" });
  await section.scrollIntoViewIfNeeded();
  return section;
}

describe("Settings → Follow a phone's backups", () => {
  const session = useSession();

  it('follows a folder, shows what a newer backup changed and merges what is ticked', async () => {
    const folder = await backupFolder();
    const { page, main, errors } = await session.open({ viewport: TRAY_WINDOW_SIZE });
    main.nextFolder = folder;
    const section = await openFollowSettings(page);
    await section.getByRole('button', { name: 'Choose folder…' }).click();
    await section.getByText('Aegis (newest: aegis-backup-20261201-080000.json)').waitFor();

    // A wrong password: the importer's sentence, nothing kept.
    await section.getByLabel('Backup password').fill('wrong');
    await section.getByRole('button', { name: 'Follow this folder' }).click();
    await section
      .getByRole('alert')
      .getByText(/password/i)
      .waitFor();
    expect(main.app.session.unlocked().secret('follow')).toBeUndefined();

    await section.getByLabel('Backup password').fill(PASSWORD);
    await section.getByRole('button', { name: 'Follow this folder' }).click();
    const pending = section.getByRole('group', { name: /Changes in aegis-backup-20261201/ });
    await pending.getByText('New on the phone (7)').waitFor();
    expect(await axeAway(page)).toEqual([]);
    await pending.getByRole('button', { name: 'Merge' }).click();
    await section.getByText('Nothing to merge').waitFor();
    await eventually(() => expect(main.state().accounts).toHaveLength(7));

    // The phone's next backup arrives; the watcher notices it without a click.
    await dropNewerBackup(folder);
    const next = section.getByRole('group', { name: /Changes in aegis-backup-20261202/ });
    // At most one read per 30 s (MIN_READ_INTERVAL_MS): it may come half a minute later.
    await next.waitFor({ timeout: 120_000 });
    await next.getByRole('checkbox', { name: 'Add Codeberg: mason' }).waitFor();
    const rename = next.getByRole('checkbox', { name: 'Update WWE: Mason to WWE: Mason (work)' });
    expect(await rename.isChecked()).toBe(false);
    await next.getByText('Boeing: Sophia').waitFor();
    expect(await axeAway(page)).toEqual([]);
    await readmeShot(page, 'follow-light', 'tests/ui/follow.test.ts', { element: section });

    await rename.check();
    await next.getByRole('button', { name: 'Merge' }).click();
    await section.getByText(/1 added, 1 renamed/).waitFor();
    const labels = main.state().accounts.map((a) => `${a.issuer}:${a.name}`);
    expect(labels).toContain('Codeberg:mason');
    expect(labels).toContain('WWE:Mason (work)');
    expect(labels).toContain('Boeing:Sophia');
    expect(errors).toEqual([]);
  }, 240_000);
});

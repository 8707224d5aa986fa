// Following an Aegis backup folder read-only (docs/sync.md § Following a phone's backups), with
// Aegis's own sample backups (tests/fixtures/interop/aegis, see its PROVENANCE.md): the first
// backup, then a newer one with an account added, one removed and one renamed.
import {
  copyFile,
  mkdtemp,
  readFile,
  readdir,
  rm,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aegisImporter } from '../../../main/importers/aegis';
import { exportAegisEncrypted } from '../../../main/importers/export/aegis';
import { BackupFollower, diffBackups, newestBackup } from '../../../main/sync/backup-follow';
import { testdataPath } from '../../support/testdata';
import { nextAegisEntries } from '../../support/aegis-next-backup';

const PASSWORD = 'test'; // the sample's password (tests/fixtures/interop/aegis/expected.json)
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-aegis-follow-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function put(name: string, bytes: Uint8Array | string, mtime: number) {
  await writeFile(join(folder, name), bytes);
  await utimes(join(folder, name), mtime / 1000, mtime / 1000);
}

async function folderBytes() {
  const names = (await readdir(folder)).sort();
  return Promise.all(
    names.map(async (n) => [n, (await readFile(join(folder, n))).toString('base64')]),
  );
}

describe('following an Aegis backup folder', () => {
  it('shows what a newer backup added, changed and removed, and writes nothing', async () => {
    const sample = await readFile(testdataPath('interop/aegis/aegis_encrypted.json'));
    await put('aegis-backup-20261201-080000.json', sample, Date.UTC(2026, 11, 1, 8));
    const follower = new BackupFollower(folder, () => PASSWORD);

    const first = await follower.check();
    expect(first?.file.name).toBe('aegis-backup-20261201-080000.json');
    expect(first?.diff.added.map((a) => a.issuer)).toEqual([
      'Deno',
      'SPDX',
      'Airbnb',
      'Issuu',
      'Air Canada',
      'WWE',
      'Boeing',
    ]);
    expect(await follower.check()).toBeUndefined(); // nothing new

    // The phone's next automatic backup: Boeing deleted, a new account, WWE renamed.
    const entries = (await aegisImporter.read({ fileName: 'x.json', bytes: sample }, PASSWORD))
      .entries;
    const next = nextAegisEntries(entries);
    await put(
      'aegis-backup-20261202-080000.json',
      await exportAegisEncrypted(next, PASSWORD),
      Date.UTC(2026, 11, 2, 8),
    );
    const before = await folderBytes();

    const second = await follower.check();
    expect(second?.file.name).toBe('aegis-backup-20261202-080000.json');
    expect(second?.diff.added.map((a) => `${a.issuer}:${a.name}`)).toEqual(['Codeberg:mason']);
    expect(second?.diff.removed.map((a) => `${a.issuer}:${a.name}`)).toEqual(['Boeing:Sophia']);
    expect(second?.diff.changed.map((c) => [c.before.name, c.after.name])).toEqual([
      ['Mason', 'Mason (work)'],
    ]);
    expect(await folderBytes()).toEqual(before);
  });

  it('compares the first backup with a baseline (the vault), so only what is new there is offered', async () => {
    const sample = await readFile(testdataPath('interop/aegis/aegis_encrypted.json'));
    await put('aegis-backup-20261201-080000.json', sample, Date.UTC(2026, 11, 1, 8));
    const entries = (await aegisImporter.read({ fileName: 'x.json', bytes: sample }, PASSWORD))
      .entries;
    const inVault = entries.slice(0, 5).map((e) => e.account);
    const result = await new BackupFollower(
      folder,
      () => PASSWORD,
      () => inVault,
    ).check();
    expect(result?.diff.added.map((a) => a.issuer)).toEqual(['WWE', 'Boeing']);
    expect(result?.diff.removed).toEqual([]);
  });

  it('picks the newest backup by time, ignores other files, and reads plain exports too', async () => {
    await copyFile(
      testdataPath('interop/aegis/aegis_plain.json'),
      join(folder, 'aegis-export-plain-20261203.json'),
    );
    await put('aegis-backup-20261201-080000.json', 'old', Date.UTC(2026, 11, 1));
    await put('notes-20261209.json', '{}', Date.UTC(2026, 11, 9));
    expect((await newestBackup(folder))?.name).toBe('aegis-export-plain-20261203.json');
    const result = await new BackupFollower(folder, () => undefined).check();
    expect(result?.accounts).toHaveLength(7);
  });

  it('a backup planted with a 2099 date does not stay the newest: the next real backup wins', async () => {
    const tick = () => new Promise((r) => setTimeout(r, 20)); // arrivals a little apart
    await put('aegis-backup-20990101-000000.json', 'planted', Date.UTC(2099, 0, 1));
    // Alone, it is still the only backup there.
    expect((await newestBackup(folder))?.name).toBe('aegis-backup-20990101-000000.json');
    await tick();
    // The phone's next backup, dated by the phone's clock when it was made.
    await put('aegis-backup-20261203-080000.json', 'real', Date.now());
    expect((await newestBackup(folder))?.name).toBe('aegis-backup-20261203-080000.json');
    await tick();
    const sample = await readFile(testdataPath('interop/aegis/aegis_plain.json'));
    await put('aegis-backup-20261203-190000.json', sample, Date.now());
    await tick();
    // An older backup touched again (its change time moves) keeps its place.
    const older = join(folder, 'aegis-backup-20261203-080000.json');
    await utimes(older, Date.UTC(2026, 0, 1) / 1000, Date.UTC(2026, 0, 1) / 1000);
    const result = await new BackupFollower(folder, () => undefined).check();
    expect(result?.file.name).toBe('aegis-backup-20261203-190000.json');
    expect(result?.accounts).toHaveLength(7);
  });

  it("a wrong password is the importer's error, and changes nothing", async () => {
    await copyFile(
      testdataPath('interop/aegis/aegis_encrypted.json'),
      join(folder, 'aegis-backup-20261201-080000.json'),
    );
    const before = await folderBytes();
    await expect(new BackupFollower(folder, () => 'wrong').check()).rejects.toMatchObject({
      code: 'wrong-password',
    });
    expect(await folderBytes()).toEqual(before);
  });

  it('refuses a backup over 16 MiB before reading it', async () => {
    await writeFile(join(folder, 'aegis-backup-20261201-080000.json'), '');
    await truncate(join(folder, 'aegis-backup-20261201-080000.json'), 17 * 1024 * 1024);
    await expect(new BackupFollower(folder, () => PASSWORD).check()).rejects.toThrow(
      /at most 16 MiB/,
    );
  });

  it('diffBackups matches accounts by secret and type', () => {
    const a = {
      type: 'totp',
      issuer: 'A',
      name: 'a',
      secret: 'AAAA',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    } as const;
    expect(diffBackups([a], [{ ...a, type: 'hotp' }])).toMatchObject({
      added: [{ type: 'hotp' }],
      removed: [{ type: 'totp' }],
    });
    expect(diffBackups([a], [{ ...a, digits: 8 }]).changed).toHaveLength(1);
  });
});

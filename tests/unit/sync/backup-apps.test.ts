// Following 2FAS and Ente backups beside Aegis's (docs/sync.md § Following a phone's backups):
// each app's backup names are recognised, read with its importer and the password, and a hostile
// folder (too many files, a symlink to /dev/zero, a directory or garbage under a backup's name)
// ends in an error sentence or is passed over, never a hang.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_APPS, backupAppOf } from '../../../main/sync/backup-apps';
import {
  BackupFolderError,
  MAX_FOLDER_ENTRIES,
  newestBackup,
  newestBackupOfAnyApp,
  readBackup,
} from '../../../main/sync/backup-follow';
import { testdataPath } from '../../support/testdata';
import { enteBackup } from './ente-backup';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-follow-apps-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function put(name: string, bytes: Uint8Array | string, mtime = Date.UTC(2026, 11, 1)) {
  await writeFile(join(folder, name), bytes);
  await utimes(join(folder, name), mtime / 1000, mtime / 1000);
}

describe("each app's backup names", () => {
  it.each([
    ['aegis-backup-20261201-080000.json', 'aegis'],
    ['aegis-backup-20261201-080000-1.json', 'aegis'],
    ['aegis-export-plain-20261201.json', 'aegis'],
    ['2fas-backup-20261201080000.2fas', '2fas'],
    ['ente-auth-daily-backup-2026-12-01_08-00-00.json', 'ente'],
    ['ente-auth-manual-backup-2026-12-01_08-00-00.json', 'ente'],
    ['ente-auth-auto-backup-2026-12-01_08-00-00.json', 'ente'],
    ['ente-auth-codes-2026-12-01.txt', undefined],
    ['2fas-backup.json', undefined],
    ['notes.json', undefined],
    ['aegis-backup-x.json.sync-conflict', undefined],
  ])('%s is %s', (name, app) => {
    expect(backupAppOf(name)).toBe(app);
  });
});

describe('reading each app with its importer', () => {
  it('2FAS: its encrypted export (schema 4) with the password; a wrong one is its error', async () => {
    await copyFile(
      testdataPath('interop/aegis/2fas_authenticator_encrypted_v4.2fas'),
      join(folder, '2fas-backup-20261201080000.2fas'),
    );
    const found = await newestBackupOfAnyApp(folder);
    expect(found?.app).toBe('2fas');
    const entries = await readBackup(found!.file, 'test', BACKUP_APPS['2fas'].importer);
    expect(entries.map((e) => e.account.issuer)).toContain('Deno');
    await expect(
      readBackup(found!.file, 'wrong', BACKUP_APPS['2fas'].importer),
    ).rejects.toMatchObject({ code: 'wrong-password' });
  });

  it('Ente: its daily backup with the password', async () => {
    await put(
      'ente-auth-daily-backup-2026-12-01_08-00-00.json',
      await enteBackup('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', 'pw'),
    );
    const found = await newestBackupOfAnyApp(folder);
    expect(found?.app).toBe('ente');
    const entries = await readBackup(found!.file, 'pw', BACKUP_APPS.ente.importer);
    expect(entries.map((e) => `${e.account.issuer}:${e.account.name}`)).toEqual(['GitHub:alice']);
  });

  it('the newest of any app wins; other files are passed over', async () => {
    await put('aegis-backup-20261201-080000.json', '{}', Date.UTC(2026, 11, 1));
    await put('2fas-backup-20261202080000.2fas', '{}', Date.UTC(2026, 11, 2));
    await put('notes.txt', 'x', Date.UTC(2026, 11, 9));
    expect(await newestBackupOfAnyApp(folder)).toMatchObject({
      app: '2fas',
      file: { name: '2fas-backup-20261202080000.2fas' },
    });
  });
});

describe('a hostile folder', () => {
  it('more files than it reads is an error sentence, quickly', async () => {
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 10_000 }, (_, i) => writeFile(join(folder, `f${i}`), '')),
    );
    await expect(newestBackupOfAnyApp(folder)).rejects.toThrow(BackupFolderError);
    await expect(newestBackup(folder)).rejects.toThrow(
      new RegExp(`more than ${MAX_FOLDER_ENTRIES.toLocaleString('en')} files`),
    );
    expect(Date.now() - started).toBeLessThan(60_000); // no hang (generous under load)
  });

  it('a symlink to /dev/zero, a directory and a FIFO-free name clash are passed over', async () => {
    await symlink('/dev/zero', join(folder, 'aegis-backup-20261209-080000.json'));
    await mkdir(join(folder, 'aegis-backup-20261208-080000.json'));
    expect(await newestBackupOfAnyApp(folder)).toBeUndefined();
    await put('aegis-backup-20261201-080000.json', '{}');
    expect((await newestBackupOfAnyApp(folder))?.file.name).toBe(
      'aegis-backup-20261201-080000.json',
    );
  });

  it('garbage under a backup name is the importer error, not a crash', async () => {
    await put('aegis-backup-20261201-080000.json', randomBytes(4096));
    const found = await newestBackupOfAnyApp(folder);
    await expect(readBackup(found!.file, 'x', BACKUP_APPS.aegis.importer)).rejects.toMatchObject({
      name: 'ImportError',
    });
  });

  it('an oversized backup is refused before it is read', async () => {
    await put('ente-auth-daily-backup-2026-12-01_08-00-00.json', '');
    const { truncate } = await import('node:fs/promises');
    await truncate(join(folder, 'ente-auth-daily-backup-2026-12-01_08-00-00.json'), 17 << 20);
    const found = await newestBackupOfAnyApp(folder);
    await expect(readBackup(found!.file, 'x', BACKUP_APPS.ente.importer)).rejects.toMatchObject({
      name: 'BackupFolderError',
      code: 'too-large',
    });
  });
});

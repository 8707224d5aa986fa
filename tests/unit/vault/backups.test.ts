// Backups (docs/vault.md § Writing): one verified copy per save, the newest N kept, a copy that
// fails verification deleted and reported, and restore keeping the file it replaces.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  backupFolder,
  backupsToKeep,
  listBackups,
  restoreBackup,
  Vault,
  writeVerifiedBackup,
} from '../../../main/vault';
import { CHEAP, PASSPHRASE, account, fixedClock, tempFolder } from './helpers';

describe('backups', () => {
  it('keep the newest N verified versions, each identical to the vault it saved', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    const clock = fixedClock();
    const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP, backups: 4 });
    for (let i = 1; i <= 7; i++) {
      await vault.add(account(`a${i}`));
      expect(vault.lastBackup).toEqual({
        ok: true,
        path: join(backupFolder(path), `${String(i).padStart(12, '0')}.trayotp`),
      });
      expect(await readFile(vault.lastBackup!.path)).toEqual(await readFile(path));
    }
    const backups = await listBackups(path);
    expect(backups.map((b) => [b.revision, b.problem])).toEqual([
      [7, undefined],
      [6, undefined],
      [5, undefined],
      [4, undefined],
    ]);
    // Each backup holds its version: the one of revision 5 has five accounts.
    const five = Vault.fromBytes(path, await readFile(backups[2]!.path), { clock });
    await five.unlock({ passphrase: PASSPHRASE });
    expect(five.entries.map((e) => e.name)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(await readdir(backupFolder(path))).toHaveLength(4);
  });

  it('the default keeps 10', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    const vault = await Vault.create(path, {
      clock: fixedClock(),
      passphrase: PASSPHRASE,
      ...CHEAP,
    });
    for (let i = 0; i < 12; i++) await vault.add(account(`a${i}`));
    expect((await listBackups(path)).map((b) => b.revision)).toEqual([
      12, 11, 10, 9, 8, 7, 6, 5, 4, 3,
    ]);
  });

  it('a copy that fails verification is deleted and reported, and pushes out no good one', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    await writeFile(path, 'x');
    const good = await writeVerifiedBackup(path, Buffer.from('first'), 1, () => undefined, 1);
    expect(good.ok).toBe(true);
    const bad = await writeVerifiedBackup(
      path,
      Buffer.from('second'),
      2,
      () => {
        throw new Error('the copy decrypts to different accounts');
      },
      1,
    );
    expect(bad).toEqual({
      ok: false,
      path: join(backupFolder(path), '000000000002.trayotp'),
      problem: 'the copy decrypts to different accounts',
    });
    expect(await readdir(backupFolder(path))).toEqual(['000000000001.trayotp']);
  });

  it('a save whose backup cannot be written still saves, and tells the listeners', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    const clock = fixedClock();
    const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
    const heard = vi.fn();
    vault.onBackupProblem(heard);
    await rm(backupFolder(path), { recursive: true });
    await writeFile(backupFolder(path), 'a file where the folder should be');
    await vault.add(account('alice'));
    expect(vault.lastBackup).toMatchObject({ ok: false });
    expect(heard).toHaveBeenCalledWith(vault.lastBackup);
    const reopened = await Vault.open(path, { clock });
    await reopened.unlock({ passphrase: PASSPHRASE });
    expect(reopened.entries.map((e) => e.name)).toEqual(['alice']);
  });

  it('list reports a damaged backup instead of offering it, and restore refuses it', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    const clock = fixedClock();
    const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
    await vault.add(account('alice'));
    const [newest] = await listBackups(path);
    const bytes = await readFile(newest!.path);
    await writeFile(newest!.path, bytes.subarray(0, bytes.length - 3));
    const listed = await listBackups(path);
    expect(listed[0]).toMatchObject({ revision: 1, savedAt: undefined });
    expect(listed[0]!.problem).toMatch(/^Vault integrity check failed: the file is shorter/);
    expect(listed[1]).toMatchObject({ revision: 0, problem: undefined });
    const before = await readFile(path);
    await expect(restoreBackup(path, newest!.path, clock.now())).rejects.toMatchObject({
      code: 'truncated',
    });
    expect(await readFile(path)).toEqual(before);
    await expect(restoreBackup(path, join(folder, 'nope'), clock.now())).rejects.toMatchObject({
      code: 'backup-not-found',
    });
  });

  it('using codes writes no backup, so it never rotates out the one taken before a deletion', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    const clock = fixedClock();
    const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
    const alice = await vault.add(account('alice'));
    const bob = await vault.add(account('bob', { type: 'hotp' }));
    await vault.remove(alice.id);
    const beforeDelete = (await listBackups(path)).find((b) => b.reason === 'delete');
    expect(beforeDelete).toMatchObject({ revision: 2, problem: undefined });
    const count = (await readdir(backupFolder(path))).length;
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      await vault.markUsed(bob.id);
      await vault.code(bob.id);
    }
    expect(await readdir(backupFolder(path))).toHaveLength(count);
    // One import of 14 accounts: 14 content saves rotate the plain backups, not that one.
    for (let i = 0; i < 14; i++) await vault.add(account(`imported ${i}`));
    const kept = (await listBackups(path)).find((b) => b.reason === 'delete');
    expect(kept?.path).toBe(beforeDelete!.path);
    const copy = Vault.fromBytes(path, await readFile(kept!.path), { clock });
    await copy.unlock({ passphrase: PASSPHRASE });
    expect(copy.entries.map((e) => e.name)).toEqual(['alice', 'bob']);
  });

  it('an import can ask for a backup of the version before it', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    const clock = fixedClock();
    const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
    await vault.add(account('alice'));
    const imported = await Vault.create(join(folder, 'other.trayotp'), {
      clock,
      passphrase: PASSPHRASE,
      ...CHEAP,
    });
    const entry = await imported.add(account('imported'));
    await vault.replaceEntries([...vault.entries, entry], { before: 'import' });
    const listed = await listBackups(path);
    expect(listed.map((b) => [b.revision, b.reason])).toEqual([
      [2, undefined],
      [1, undefined],
      [1, 'import'],
      [0, undefined],
    ]);
    expect(await readFile(listed[2]!.path)).toEqual(await readFile(listed[1]!.path));
  });

  const DAY = 24 * 60 * 60 * 1000;
  const NOW = Date.UTC(2026, 10, 28, 12);
  const file = (revision: number, daysAgo: number, reason?: 'import' | 'delete' | 'restore') => ({
    name: `${revision}${reason ?? ''}`,
    revision,
    reason,
    savedAtMs: NOW - daysAgo * DAY,
  });

  it.each([
    ['the newest N plain backups', [file(5, 0), file(4, 0), file(3, 0), file(2, 0)], 2, ['5', '4']],
    [
      'plus the newest of each of the last 7 days',
      [file(9, 0), file(8, 0), file(7, 1), file(6, 1), file(5, 3), file(4, 6.9), file(3, 7.5)],
      1,
      ['9', '7', '5', '4'],
    ],
    [
      'plus the newest 20 "before" backups, whatever their age',
      [file(30, 0), ...Array.from({ length: 22 }, (_, i) => file(29 - i, 100, 'delete'))],
      1,
      ['30', ...Array.from({ length: 20 }, (_, i) => `${29 - i}delete`)],
    ],
    [
      'an unreadable backup (no time) counts only by its revision',
      [file(3, 0), { name: 'x', revision: 2, reason: undefined, savedAtMs: undefined }],
      1,
      ['3'],
    ],
  ])('keeps %s', (_, files, keep, expected) => {
    expect([...backupsToKeep(files, keep, NOW)].sort()).toEqual(expected.sort());
  });
});

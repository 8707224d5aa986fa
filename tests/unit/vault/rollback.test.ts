// Rollback (docs/vault.md § Rollback): a vault file older than its newest good backup — put back
// by a sync tool, a disk image or someone who kept an old copy — is detected at open and
// reported, never restored on its own; a restore the person chose is not a rollback.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups, restoreBackup, Vault } from '../../../main/vault';
import { CHEAP, PASSPHRASE, account, fixedClock, snapshot, tempFolder } from './helpers';

async function vaultWithHistory() {
  const folder = await tempFolder();
  const path = join(folder, 'vault.trayotp');
  const clock = fixedClock();
  const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
  await vault.add(account('alice'));
  const old = await readFile(path);
  await vault.add(account('bob'));
  await vault.add(account('carol'));
  return { folder, path, clock, old };
}

describe('rollback', () => {
  it('an old copy put back over the vault opens with `rollback` set, and nothing is written', async () => {
    const { folder, path, clock, old } = await vaultWithHistory();
    await writeFile(path, old); // what a sync tool restoring an old version does
    const before = await snapshot(folder);
    const vault = await Vault.open(path, { clock });
    const newest = (await listBackups(path))[0]!;
    expect(vault.rollback).toEqual({
      vaultRevision: 1,
      backupRevision: 3,
      backupPath: newest.path,
    });
    await vault.unlock({ passphrase: PASSPHRASE });
    expect(vault.entries.map((e) => e.name)).toEqual(['alice']);
    expect(await snapshot(folder)).toEqual(before);
    // The way back is the named backup.
    await restoreBackup(path, vault.rollback!.backupPath, clock.now());
    const restored = await Vault.open(path, { clock });
    expect(restored.rollback).toBeUndefined();
    await restored.unlock({ passphrase: PASSPHRASE });
    expect(restored.entries.map((e) => e.name)).toEqual(['alice', 'bob', 'carol']);
  });

  it('a backup the person restored on purpose is no rollback, and its first save sorts last', async () => {
    const { path, clock } = await vaultWithHistory();
    const oldest = (await listBackups(path)).find((b) => b.revision === 1)!;
    await restoreBackup(path, oldest.path, clock.now());
    const vault = await Vault.open(path, { clock });
    expect(vault.rollback).toBeUndefined();
    // The version it replaced is kept as a "before restore" backup.
    expect((await listBackups(path)).find((b) => b.reason === 'restore')).toMatchObject({
      revision: 3,
      problem: undefined,
    });
    await vault.unlock({ passphrase: PASSPHRASE });
    await vault.add(account('dave'));
    expect(vault.revision).toBe(4);
    // A later copy of that older version put back again is a rollback once more.
    await copyFile(oldest.path, path);
    expect((await Vault.open(path, { clock })).rollback).toMatchObject({
      vaultRevision: 1,
      backupRevision: 4,
    });
  });

  it('a damaged newest backup is skipped: the newest good one counts', async () => {
    const { path, clock, old } = await vaultWithHistory();
    const [newest, second] = await listBackups(path);
    await writeFile(newest!.path, 'damaged');
    await writeFile(path, old);
    const vault = await Vault.open(path, { clock });
    expect(vault.rollback).toEqual({
      vaultRevision: 1,
      backupRevision: 2,
      backupPath: second!.path,
    });
  });

  it('stays detected through saves that only record use, until a content change', async () => {
    const { path, clock, old } = await vaultWithHistory();
    await writeFile(path, old);
    const vault = await Vault.open(path, { clock });
    await vault.unlock({ passphrase: PASSPHRASE });
    const [alice] = vault.entries;
    await vault.markUsed(alice!.id);
    expect(vault.rollback).toMatchObject({ vaultRevision: 1, backupRevision: 3 });
    expect((await Vault.open(path, { clock })).rollback).toMatchObject({
      vaultRevision: 1,
      backupRevision: 3,
    });
    await vault.add(account('dave'));
    expect(vault.rollback).toBeUndefined();
    expect(vault.revision).toBe(4);
    expect((await Vault.open(path, { clock })).rollback).toBeUndefined();
  });
});

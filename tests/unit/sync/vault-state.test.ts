// The vault side of G1 (docs/sync.md § Applying): Vault.replaceEntries saves secrets in the same
// locked write as the entries, so sync's record of what it applied can never part from them; a
// save of that record alone (bookkeeping) writes no backup, like a save that only records use.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault';
import { CHEAP, PASSPHRASE, account, fixedClock, tempFolder } from '../vault/helpers';

async function newVault() {
  const path = join(await tempFolder(), 'vault.trayotp');
  const clock = fixedClock();
  const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
  return { path, clock, vault };
}

describe('Vault.replaceEntries with secrets', () => {
  it('saves the entries and the secrets in one write, and removes a secret set to undefined', async () => {
    const { path, clock, vault } = await newVault();
    await vault.setSecret('sync-state.1', 'old chunk');
    await vault.add(account('alice'));
    const next = vault.entries.map((e) => ({ ...e, name: 'renamed by sync' }));
    await vault.replaceEntries(next, {
      secrets: { 'sync-state.0': 'what sync applied', 'sync-state.1': undefined },
    });
    const reopened = await Vault.open(path, { clock });
    await reopened.unlock({ passphrase: PASSPHRASE });
    expect(reopened.entries.map((e) => e.name)).toEqual(['renamed by sync']);
    expect(reopened.secret('sync-state.0')).toBe('what sync applied');
    expect(reopened.secret('sync-state.1')).toBeUndefined();
  });

  it('a bookkeeping save writes no backup; a save that changes entries still does', async () => {
    const { vault } = await newVault();
    await vault.add(account('alice'));
    const backup = vault.lastBackup;
    expect(backup?.ok).toBe(true);
    await vault.replaceEntries([...vault.entries], {
      secrets: { 'sync-state.0': 'bookkeeping' },
      bookkeeping: true,
    });
    expect(vault.secret('sync-state.0')).toBe('bookkeeping');
    expect(vault.lastBackup).toBe(backup);
    await vault.replaceEntries(
      vault.entries.map((e) => ({ ...e, name: 'changed' })),
      { secrets: { 'sync-state.0': 'after a merge' }, bookkeeping: false },
    );
    expect(vault.lastBackup).not.toBe(backup);
  });

  it('refuses a secret name the vault does not allow, saving nothing', async () => {
    const { vault } = await newVault();
    await expect(
      vault.replaceEntries([], { secrets: { 'Not A Name': 'x' } }),
    ).rejects.toMatchObject({ code: 'invalid-entry' });
  });
});

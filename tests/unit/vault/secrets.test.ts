// The vault's secrets section (docs/vault.md § Body plaintext): the app's own small secrets (sync
// keys, a followed backup's password) saved with the accounts, under the same keys and lock, and
// kept when another program saves the same vault meanwhile.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault';
import { parseBody, serializeBody } from '../../../main/vault/entries';
import { CHEAP, PASSPHRASE, account, fixedClock, snapshot, tempFolder } from './helpers';

async function newVault() {
  const folder = await tempFolder();
  const path = join(folder, 'vault.trayotp');
  const clock = fixedClock();
  const vault = await Vault.create(path, { ...CHEAP, passphrase: PASSPHRASE, clock });
  return { folder, path, clock, vault };
}

async function reopen(path: string) {
  const vault = await Vault.open(path, { clock: fixedClock() });
  await vault.unlock({ passphrase: PASSPHRASE });
  return vault;
}

describe('the vault keeps the app’s secrets', () => {
  it('saves, reads back after reopening, and removes one secret', async () => {
    const { path, vault } = await newVault();
    await vault.add(account('alice'));
    await vault.setSecret('sync', '{"key":"abc"}');
    expect(vault.secret('sync')).toBe('{"key":"abc"}');
    const again = await reopen(path);
    expect(again.secret('sync')).toBe('{"key":"abc"}');
    expect(again.entries.map((e) => e.name)).toEqual(['alice']);
    await again.setSecret('sync', undefined);
    expect((await reopen(path)).secret('sync')).toBeUndefined();
  });

  it('leaves the body as older versions wrote it while there are no secrets', () => {
    const json = (secrets: Record<string, string>) =>
      JSON.parse(serializeBody({ entries: [], secrets }).toString('utf8')) as object;
    expect(json({})).toEqual({ entries: [] });
    expect(json({ sync: 'k' })).toEqual({ entries: [], secrets: { sync: 'k' } });
  });

  it('keeps a secret another program saved while this one adds an account, and the reverse', async () => {
    const { path, vault } = await newVault();
    const other = await reopen(path);
    await other.setSecret('sync', 'from the other program');
    await vault.add(account('added here'));
    await vault.setSecret('follow', 'from this program');
    const both = await reopen(path);
    expect(both.secret('sync')).toBe('from the other program');
    expect(both.secret('follow')).toBe('from this program');
    expect(both.entries.map((e) => e.name)).toEqual(['added here']);
    await other.add(account('added there'));
    const last = await reopen(path);
    expect(last.entries.map((e) => e.name).sort()).toEqual(['added here', 'added there']);
    expect(last.secret('follow')).toBe('from this program');
  });

  it('refuses a bad name, a value too large, or too many secrets, and saves nothing', async () => {
    const { folder, vault } = await newVault();
    await vault.setSecret('s0', 'kept');
    const before = await snapshot(folder);
    await expect(vault.setSecret('Bad Name', 'x')).rejects.toThrow(/not a secret's name/);
    expect(() => vault.secret('../etc')).toThrow(/not a secret's name/);
    await expect(vault.setSecret('big', 'x'.repeat(64 * 1024 + 1))).rejects.toThrow(
      /cannot be saved/,
    );
    for (let i = 1; i < 32; i++) await vault.setSecret(`s${i}`, 'v');
    const full = await snapshot(folder);
    await expect(vault.setSecret('one-more', 'v')).rejects.toThrow(/cannot be saved/);
    expect(await snapshot(folder)).toEqual(full);
    expect(vault.secret('one-more')).toBeUndefined();
    expect(before).not.toEqual(full);
  });

  it('is locked with the accounts', async () => {
    const { vault } = await newVault();
    await vault.setSecret('sync', 'v');
    vault.lock();
    expect(() => vault.secret('sync')).toThrow(/locked/);
    await expect(vault.setSecret('sync', 'w')).rejects.toThrow(/locked/);
  });

  it('refuses to read a body whose secrets are not strings', () => {
    const body = (secrets: unknown) =>
      new TextEncoder().encode(JSON.stringify({ entries: [], secrets }));
    expect(parseBody(body({ sync: 'ok' })).secrets).toEqual({ sync: 'ok' });
    expect(() => parseBody(body({ sync: 1 }))).toThrow(/cannot be read/);
    expect(() => parseBody(body({ 'Not A Name': 'x' }))).toThrow(/cannot be read/);
    expect(() => parseBody(body(['x']))).toThrow(/cannot be read/);
  });
});

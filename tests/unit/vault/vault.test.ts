// The vault's use cases end to end on real files: create, unlock, change, lock, HOTP, passphrase
// changes, keychain slots, and the guarantees of docs/vault.md (mode 0600, never overwrite on
// create, the HOTP counter on disk before the code is shown).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeBase32, hotp } from '../../../main/otp';
import { decodeVault, decryptBody } from '../../../main/vault/format';
import { unwrapPassphraseSlot } from '../../../main/vault/slots';
import {
  DEFAULT_KDF,
  Vault,
  VaultFileError,
  VaultUsageError,
  WeakKeychainError,
  WrongKeyError,
} from '../../../main/vault';
import { CHEAP, PASSPHRASE, account, fakeKeychain, fixedClock, tempFolder } from './helpers';

async function newVault(options: Partial<Parameters<typeof Vault.create>[1]> = {}) {
  const folder = await tempFolder();
  const path = join(folder, 'vault.trayotp');
  const clock = fixedClock();
  const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP, ...options });
  return { folder, path, clock, vault };
}

describe('Vault', () => {
  it('creates a 0600 file that unlocks to what was saved, after a lock', async () => {
    const { path, clock, vault } = await newVault();
    const added = await vault.add(account('alice'), { tags: ['work'], pinned: true });
    clock.advance(1000);
    await vault.update(added.id, { issuer: 'GitHub', sortOrder: 3 });
    await vault.add(account('bob'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const before = vault.entries.map((e) => ({ ...e }));
    expect(before).toHaveLength(2);
    expect(before[0]).toMatchObject({
      issuer: 'GitHub',
      name: 'alice',
      tags: ['work'],
      pinned: true,
      sortOrder: 3,
      createdAt: Date.UTC(2026, 10, 28, 12, 0, 0),
      updatedAt: Date.UTC(2026, 10, 28, 12, 0, 1),
      lastUsedAt: null,
    });

    const reopened = await Vault.open(path, { clock });
    expect(reopened.isUnlocked).toBe(false);
    expect(reopened.revision).toBe(vault.revision);
    await reopened.unlock({ passphrase: PASSPHRASE });
    expect(reopened.entries).toEqual(before);
    await reopened.remove(added.id);
    expect(reopened.entries.map((e) => e.name)).toEqual(['bob']);
  });

  it('lock drops the entries and the key, tells every listener, and needs a new unlock', async () => {
    const { vault } = await newVault();
    await vault.add(account('alice'));
    const heard = vi.fn();
    const unsubscribed = vi.fn();
    vault.onLock(heard);
    vault.onLock(unsubscribed)();
    vault.lock();
    vault.lock(); // a second lock is a no-op, not a second notification
    expect(heard).toHaveBeenCalledTimes(1);
    expect(unsubscribed).not.toHaveBeenCalled();
    expect(vault.isUnlocked).toBe(false);
    expect(() => vault.entries).toThrow(VaultUsageError);
    await expect(vault.add(account('x'))).rejects.toMatchObject({ code: 'locked' });
    await vault.unlock({ passphrase: PASSPHRASE });
    expect(vault.entries.map((e) => e.name)).toEqual(['alice']);
  });

  it('saves the advanced HOTP counter before it returns the code', async () => {
    const { path, clock, vault } = await newVault();
    const entry = await vault.add(account('h', { type: 'hotp', counter: 7 }));
    const key = decodeBase32(entry.secret);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(await vault.code(entry.id));
      // Already on disk when the code arrives:
      const onDisk = await Vault.open(path, { clock });
      await onDisk.unlock({ passphrase: PASSPHRASE });
      expect(onDisk.entry(entry.id).counter).toBe(8 + i);
    }
    expect(codes).toEqual([7, 8, 9].map((c) => hotp(key, c, 'SHA1', 6)));

    // A save that fails returns no code and leaves the counter where it was.
    await unlink(path);
    await mkdir(path); // rename over a folder fails
    await expect(vault.code(entry.id)).rejects.toBeInstanceOf(VaultFileError);
    expect(vault.entry(entry.id).counter).toBe(10);
  });

  it('TOTP codes come from the injected clock and write nothing', async () => {
    const { vault } = await newVault();
    const entry = await vault.add(
      account('rfc', { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 }),
    );
    const revision = vault.revision;
    const clock = fixedClock(59_000);
    const atFiftyNine = await Vault.open(vault.path, { clock });
    await atFiftyNine.unlock({ passphrase: PASSPHRASE });
    expect(await atFiftyNine.code(entry.id)).toBe('94287082');
    expect(atFiftyNine.revision).toBe(revision);
  });

  it('changing the passphrase makes a new master key: an old backup plus the old passphrase opens only that backup', async () => {
    const { path, clock, vault } = await newVault();
    await vault.add(account('alice'));
    const oldFile = await readFile(path);
    const keyCheck = async () => decodeVault(await readFile(path)).header.keyCheck;
    const checkBefore = await keyCheck();
    await vault.changePassphrase('a new passphrase', { ...CHEAP, current: PASSPHRASE });
    expect(await keyCheck()).not.toBe(checkBefore);
    await vault.add(account('bob'));
    const reopened = await Vault.open(path, { clock });
    await expect(reopened.unlock({ passphrase: PASSPHRASE })).rejects.toBeInstanceOf(WrongKeyError);
    await reopened.unlock({ passphrase: 'a new passphrase' });
    expect(reopened.entries.map((e) => e.name)).toEqual(['alice', 'bob']);
    // The old file's slot still yields the old key (the old file still opens), and that key
    // no longer decrypts the current vault.
    const oldHeader = decodeVault(oldFile).header;
    const oldSlot = oldHeader.slots.find((slot) => slot.type === 'passphrase')!;
    const oldKey = await unwrapPassphraseSlot(oldSlot, PASSPHRASE, oldHeader.keyCheck);
    expect(() => decryptBody(decodeVault(oldFile), oldKey)).not.toThrow();
    expect(() => decryptBody(decodeVault(readFileSync(path)), oldKey)).toThrow(
      /Vault integrity check failed/,
    );
  });

  it('changing or removing the passphrase needs the current one, proven against its slot', async () => {
    const { path, vault } = await newVault();
    await vault.add(account('alice'));
    const before = await readFile(path);
    await expect(vault.changePassphrase('next', CHEAP)).rejects.toMatchObject({
      code: 'passphrase-required',
      message: 'Enter the current passphrase to change it; nothing was changed.',
    });
    await expect(
      vault.changePassphrase('next', { ...CHEAP, current: 'not it' }),
    ).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const { keychain } = fakeKeychain();
    await expect(vault.removePassphrase(keychain)).rejects.toMatchObject({
      code: 'passphrase-required',
      message: 'Enter the current passphrase to remove it; nothing was changed.',
    });
    await expect(vault.removePassphrase(keychain, { current: 'not it' })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await readFile(path)).toEqual(before);
  });

  it('with a keychain slot, a passphrase change re-wraps it (and is refused without the keychain)', async () => {
    const { keychain } = fakeKeychain();
    const { path, clock, vault } = await newVault({ keychain });
    await vault.add(account('alice'));
    const before = await readFile(path);
    await expect(
      vault.changePassphrase('next', { ...CHEAP, current: PASSPHRASE }),
    ).rejects.toMatchObject({ code: 'keychain-required' });
    expect(await readFile(path)).toEqual(before);
    await vault.changePassphrase('next', { ...CHEAP, current: PASSPHRASE, keychain });
    expect(decodeVault(await readFile(path)).header.keyCheck).not.toBe(
      decodeVault(before).header.keyCheck,
    );
    const byKeychain = await Vault.open(path, { clock });
    await byKeychain.unlock({ keychain });
    expect(byKeychain.entries.map((e) => e.name)).toEqual(['alice']);
    const byPassphrase = await Vault.open(path, { clock });
    await byPassphrase.unlock({ passphrase: 'next' });
    expect(byPassphrase.entries.map((e) => e.name)).toEqual(['alice']);
  });

  it.each([
    [{ passphrase: '' }, 'empty-passphrase'],
    [
      { passphrase: PASSPHRASE, kdf: { ...DEFAULT_KDF, memoryKiB: 4096 }, allowWeakKdf: false },
      'weak-kdf',
    ],
    [
      {
        passphrase: PASSPHRASE,
        kdf: { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 },
        allowWeakKdf: false,
      },
      'weak-kdf',
    ],
    [
      { passphrase: PASSPHRASE, kdf: { ...DEFAULT_KDF, memoryKiB: 4_000_000 }, allowWeakKdf: true },
      'weak-kdf',
    ],
    [{ passphrase: undefined }, 'no-slot'],
  ] as const)('create refuses %j with %s and writes nothing', async (options, code) => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    await expect(
      Vault.create(path, { clock: fixedClock(), ...CHEAP, ...options }),
    ).rejects.toMatchObject({ code });
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('create never overwrites an existing file', async () => {
    const { path, clock } = await newVault();
    const before = await readFile(path);
    await expect(
      Vault.create(path, { clock, passphrase: 'other', ...CHEAP }),
    ).rejects.toMatchObject({ code: 'exists' });
    expect(await readFile(path)).toEqual(before);
  });

  it('a keychain vault unlocks through the keychain; a passphrase slot is a second way in', async () => {
    const { keychain, safeStorage } = fakeKeychain();
    const { path, clock, vault } = await newVault({ keychain });
    await vault.add(account('alice'));
    expect(vault.slots).toEqual({
      passphrase: true,
      keychain: { platform: 'linux', backend: 'gnome_libsecret' },
    });
    const reopened = await Vault.open(path, { clock });
    await reopened.unlock({ keychain });
    expect(reopened.entries.map((e) => e.name)).toEqual(['alice']);
    expect(safeStorage.calls).toContain('decryptStringAsync');
  });

  it('refuses to trust basic_text alone, and a keychain-only vault cannot use a passphrase', async () => {
    const weak = fakeKeychain({ backend: 'basic_text' }).keychain;
    const folder = await tempFolder();
    await expect(
      Vault.create(join(folder, 'v'), { clock: fixedClock(), keychain: weak }),
    ).rejects.toBeInstanceOf(WeakKeychainError);
    await expect(
      Vault.create(join(folder, 'v'), {
        clock: fixedClock(),
        keychain: weak,
        passphrase: PASSPHRASE,
        ...CHEAP,
      }),
    ).rejects.toBeInstanceOf(WeakKeychainError);

    await expect(
      Vault.create(join(folder, 'v'), {
        clock: fixedClock(),
        keychain: fakeKeychain({ ready: false }).keychain,
      }),
    ).rejects.toMatchObject({ code: 'keychain-unavailable' });

    const { keychain } = fakeKeychain();
    const { path, clock } = await newVault({ keychain, passphrase: undefined });
    const reopened = await Vault.open(path, { clock });
    await expect(reopened.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'no-passphrase-slot',
    });
  });

  it('after a backend change, unlock with the passphrase and re-bind the keychain on purpose', async () => {
    const libsecret = fakeKeychain();
    const { path, clock } = await newVault({ keychain: libsecret.keychain });
    const kwallet = fakeKeychain({ backend: 'kwallet6' });
    const reopened = await Vault.open(path, { clock });
    await expect(reopened.unlock({ keychain: kwallet.keychain })).rejects.toMatchObject({
      code: 'keychain-backend-changed',
      flag: 'gnome-libsecret',
    });
    await reopened.unlock({ passphrase: PASSPHRASE });
    await reopened.bindKeychain(kwallet.keychain);
    const again = await Vault.open(path, { clock });
    await again.unlock({ keychain: kwallet.keychain });
    expect(again.slots.keychain).toEqual({ platform: 'linux', backend: 'kwallet6' });
  });

  it('removes the passphrase: keychain only afterwards; refused, file untouched, with a weak keychain', async () => {
    const { path, clock, vault } = await newVault();
    await vault.add(account('alice'));
    const before = await readFile(path);
    const current = { current: PASSPHRASE };
    const weak = fakeKeychain({ backend: 'basic_text' }).keychain;
    await expect(vault.removePassphrase(weak, current)).rejects.toBeInstanceOf(WeakKeychainError);
    const asleep = fakeKeychain({ available: false }).keychain;
    await expect(vault.removePassphrase(asleep, current)).rejects.toMatchObject({
      code: 'keychain-unavailable',
    });
    expect(await readFile(path)).toEqual(before);

    const { keychain } = fakeKeychain();
    await vault.removePassphrase(keychain, current);
    expect(decodeVault(await readFile(path)).header.keyCheck).not.toBe(
      decodeVault(before).header.keyCheck,
    );
    expect(vault.slots).toEqual({
      passphrase: false,
      keychain: { platform: 'linux', backend: 'gnome_libsecret' },
    });
    const reopened = await Vault.open(path, { clock });
    await expect(reopened.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'no-passphrase-slot',
    });
    await reopened.unlock({ keychain });
    expect(reopened.entries.map((e) => e.name)).toEqual(['alice']);
  });

  it('marks use times from the clock and reports weak KDF parameters', async () => {
    const { clock, vault } = await newVault();
    const entry = await vault.add(account('alice'));
    clock.advance(5000);
    await vault.markUsed(entry.id);
    expect(vault.entry(entry.id).lastUsedAt).toBe(clock.now());
    expect(vault.kdfIsWeak).toBe(true);
    await expect(vault.update('no-such-id', { pinned: true })).rejects.toMatchObject({
      code: 'entry-not-found',
    });
    const revision = vault.revision;
    await expect(vault.update(entry.id, { digits: 4 })).rejects.toMatchObject({
      code: 'invalid-entry',
      message:
        'That change cannot be saved (entries.0.digits: Too small: expected number to be >=5); nothing was changed.',
    });
    expect(vault.entry(entry.id).digits).toBe(6);
    expect(vault.revision).toBe(revision);
  });

  it('applies a change on top of what another program saved since it opened the file', async () => {
    const { path, clock, vault } = await newVault();
    const kept = await vault.add(account('kept'));
    const other = await Vault.open(path, { clock });
    await other.unlock({ passphrase: PASSPHRASE });
    await other.add(account('from the CLI'));
    await other.update(kept.id, { pinned: true });
    await vault.add(account('from the app'));
    expect(vault.entries.map((e) => [e.name, e.pinned])).toEqual([
      ['kept', true],
      ['from the CLI', false],
      ['from the app', false],
    ]);
    const reopened = await Vault.open(path, { clock });
    await reopened.unlock({ passphrase: PASSPHRASE });
    expect(reopened.entries.map((e) => e.name)).toEqual(['kept', 'from the CLI', 'from the app']);
    // A whole-list change computed from the old list keeps the other program's account too.
    await other.add(account('second from the CLI'));
    await vault.replaceEntries(vault.entries.map((e) => ({ ...e, sortOrder: 7 })));
    const last = await Vault.open(path, { clock });
    await last.unlock({ passphrase: PASSPHRASE });
    expect(last.entries.map((e) => [e.name, e.sortOrder])).toEqual([
      ['kept', 7],
      ['from the CLI', 7],
      ['from the app', 7],
      ['second from the CLI', 0],
    ]);
  });

  it('an HOTP code advances the counter found on disk, not a stale one in memory', async () => {
    const { path, clock, vault } = await newVault();
    const entry = await vault.add(account('hotp', { type: 'hotp', counter: 0 }));
    const other = await Vault.open(path, { clock });
    await other.unlock({ passphrase: PASSPHRASE });
    const first = await other.code(entry.id);
    const second = await vault.code(entry.id);
    expect(second).not.toBe(first);
    expect(vault.entry(entry.id).counter).toBe(2);
  });

  it('refuses to save when another program changed the passphrase (and so the key) meanwhile', async () => {
    const { path, clock, vault } = await newVault();
    const other = await Vault.open(path, { clock });
    await other.unlock({ passphrase: PASSPHRASE });
    await other.changePassphrase('their new one', { ...CHEAP, current: PASSPHRASE });
    const saved = await readFile(path);
    await expect(vault.add(account('from the app'))).rejects.toMatchObject({
      code: 'changed-on-disk',
    });
    expect(await readFile(path)).toEqual(saved);
    expect(vault.entries).toEqual([]);
  });

  it('a lock during a save still finishes the save and its verified backup', async () => {
    // The save asks for its nonce after it has started (and taken its copy of the key):
    // the lock lands right there.
    let lockNow: (() => void) | undefined;
    const random = (length: number) => {
      lockNow?.();
      lockNow = undefined;
      return randomBytes(length);
    };
    const { path, clock, vault } = await newVault({ random });
    lockNow = () => vault.lock();
    await vault.add(account('alice'));
    expect(vault.isUnlocked).toBe(false);
    expect(vault.lastBackup?.ok).toBe(true);
    const reopened = await Vault.open(path, { clock });
    await reopened.unlock({ passphrase: PASSPHRASE });
    expect(reopened.entries.map((e) => e.name)).toEqual(['alice']);
  });
});

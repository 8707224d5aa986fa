// The safeStorage adapter (main/platform/keychain.ts) over the fake safeStorage: the behaviour
// the vault relies on, and that the fake behaves like Electron's (async API, throws when
// unavailable, 'unknown' before ready, basic_text recognisably unprotected).
import { describe, expect, it } from 'vitest';
import { isWeakKeychainBackend, passwordStoreFlag } from '../../../main/vault/keychain';
import { KeychainNotReadyError } from '../../../main/platform/keychain';
import { fakeKeychain } from '../vault/helpers';

describe('SafeStorageKeychain over a fake safeStorage', () => {
  it('round-trips a string through the async API', async () => {
    const { keychain, safeStorage } = fakeKeychain();
    const sealed = await keychain.encryptString('master key');
    expect(Buffer.from(sealed).subarray(0, 3).toString()).toBe('v11');
    expect(await keychain.decryptString(sealed)).toBe('master key');
    expect(safeStorage.calls).toEqual(['encryptStringAsync', 'decryptStringAsync']);
  });

  it.each([
    ['linux', 'gnome_libsecret'],
    ['darwin', 'macos_keychain'],
    ['win32', 'windows_dpapi'],
    ['freebsd', 'unknown'],
  ])('names the backend on %s: %s', (platform, backend) => {
    expect(fakeKeychain({}, platform).keychain.backend()).toBe(backend);
  });

  it('before app ready: unknown backend, unavailable, and no call reaches safeStorage', async () => {
    const { keychain, safeStorage } = fakeKeychain({ ready: false });
    expect(keychain.backend()).toBe('unknown');
    expect(await keychain.isAvailable()).toBe(false);
    await expect(keychain.encryptString('x')).rejects.toBeInstanceOf(KeychainNotReadyError);
    await expect(keychain.decryptString(Buffer.from('v11'))).rejects.toBeInstanceOf(
      KeychainNotReadyError,
    );
    expect(safeStorage.calls).toEqual([]);
  });

  it('unavailable keyring: isAvailable false, encrypt and decrypt throw like Electron', async () => {
    const { keychain } = fakeKeychain({ available: false });
    expect(await keychain.isAvailable()).toBe(false);
    await expect(keychain.encryptString('x')).rejects.toThrow(/Encryption is not available/);
    await expect(keychain.decryptString(Buffer.from('v11xxxx'))).rejects.toThrow(/decrypting/);
  });

  it('another keyring secret cannot decrypt; basic_text can be read by anyone', async () => {
    const mine = fakeKeychain({ password: 'mine' }).keychain;
    const theirs = fakeKeychain({ password: 'theirs' }).keychain;
    await expect(theirs.decryptString(await mine.encryptString('secret'))).rejects.toThrow();
    const basicA = fakeKeychain({ backend: 'basic_text', password: 'a' }).keychain;
    const basicB = fakeKeychain({ backend: 'basic_text', password: 'b' }).keychain;
    expect(await basicB.decryptString(await basicA.encryptString('secret'))).toBe('secret');
  });

  it.each([
    ['basic_text', true, 'basic'],
    ['unknown', true, undefined],
    ['gnome_libsecret', false, 'gnome-libsecret'],
    ['kwallet6', false, 'kwallet6'],
    ['macos_keychain', false, undefined],
  ] as const)('%s: weak %s, flag %s', (backend, weak, flag) => {
    expect(isWeakKeychainBackend(backend)).toBe(weak);
    expect(passwordStoreFlag(backend)).toBe(flag);
  });
});

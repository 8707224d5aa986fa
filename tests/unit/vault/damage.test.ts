// Damaged files and failed unlocks (docs/vault.md § Reading): each gives its typed error and
// leaves every file byte-identical; then the newest good backup brings the accounts back.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../../../main/vault/keychain';
import {
  KeychainBackendChangedError,
  KeychainUnavailableError,
  listBackups,
  restoreBackup,
  Vault,
  VaultFileError,
  VaultFormatError,
  VaultIntegrityError,
  WrongKeyError,
} from '../../../main/vault';
import type { UnlockWith } from '../../../main/vault';
import {
  CHEAP,
  PASSPHRASE,
  account,
  fakeKeychain,
  fixedClock,
  snapshot,
  tempFolder,
} from './helpers';

type ErrorClass = abstract new (...args: never[]) => Error;

async function setUp() {
  const folder = await tempFolder();
  const path = join(folder, 'vault.trayotp');
  const clock = fixedClock();
  const { keychain } = fakeKeychain();
  const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, keychain, ...CHEAP });
  for (const name of ['alice', 'bob', 'carol']) {
    clock.advance(60_000);
    await vault.add(account(name));
  }
  const names = vault.entries.map((e) => e.name);
  vault.lock();
  return { folder, path, clock, keychain, names };
}

type Damage = (file: Buffer) => Buffer;
const damages: [string, Damage, ErrorClass, string][] = [
  ['emptied', () => Buffer.alloc(0), VaultIntegrityError, 'empty'],
  ['zero-filled', (f) => Buffer.alloc(f.length), VaultIntegrityError, 'zero-filled'],
  ['cut to 5 bytes', (f) => f.subarray(0, 5), VaultIntegrityError, 'truncated'],
  ['cut inside the header', (f) => f.subarray(0, 100), VaultIntegrityError, 'truncated'],
  ['cut by one byte', (f) => f.subarray(0, f.length - 1), VaultIntegrityError, 'truncated'],
  ['cut by half', (f) => f.subarray(0, f.length >> 1), VaultIntegrityError, 'truncated'],
  [
    'one trailing byte',
    (f) => Buffer.concat([f, Buffer.of(0)]),
    VaultIntegrityError,
    'trailing-bytes',
  ],
  ['a second copy appended', (f) => Buffer.concat([f, f]), VaultIntegrityError, 'trailing-bytes'],
  ['replaced by text', () => Buffer.from('hello, world\n'), VaultFormatError, 'not-a-vault'],
  ['a newer version', (f) => patch(f, 8, Buffer.of(0, 2)), VaultFormatError, 'unsupported-version'],
  [
    'body byte changed',
    (f) => patch(f, f.length - 20, Buffer.of(f[f.length - 20]! ^ 1)),
    VaultIntegrityError,
    'body-authentication',
  ],
  [
    'header byte changed',
    (f) => patch(f, 20, Buffer.of(f[20]! ^ 0x20)),
    VaultIntegrityError,
    'header-checksum',
  ],
];

function patch(file: Buffer, offset: number, bytes: Buffer): Buffer {
  const copy = Buffer.from(file);
  bytes.copy(copy, offset);
  return copy;
}

async function attempt(path: string, clock: { now(): number }, how: UnlockWith) {
  const vault = await Vault.open(path, { clock });
  await vault.unlock(how);
  return vault;
}

describe('a damaged vault', () => {
  it.each(damages)(
    '%s → %o (%s); files unchanged; newest backup restores',
    async (_what, damage, type, code) => {
      const { folder, path, clock, names } = await setUp();
      await writeFile(path, damage(await readFile(path)));
      const before = await snapshot(folder);
      const error = await attempt(path, clock, { passphrase: PASSPHRASE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(error).toMatchObject({ code });
      expect(await snapshot(folder)).toEqual(before);

      const backups = await listBackups(path);
      expect(backups.map((b) => b.revision)).toEqual([3, 2, 1, 0]);
      expect(backups.every((b) => b.problem === undefined)).toBe(true);
      const { keptAs } = await restoreBackup(path, backups[0]!.path, clock.now());
      expect(keptAs).toMatch(/vault\.trayotp\.damaged-2026-11-28T12-03-00-000Z$/);
      expect(await readFile(keptAs!)).toEqual(damage(await readFile(backups[0]!.path)));
      const restored = await attempt(path, clock, { passphrase: PASSPHRASE });
      expect(restored.entries.map((e) => e.name)).toEqual(names);
      // New saves sort after every old backup.
      await restored.add(account('dave'));
      expect(restored.revision).toBe(4);
    },
  );

  it('a missing file is VaultFileError not-found, and nothing is created', async () => {
    const { folder, path, clock } = await setUp();
    await unlink(path);
    const before = await snapshot(folder);
    await expect(attempt(path, clock, { passphrase: PASSPHRASE })).rejects.toMatchObject({
      constructor: VaultFileError,
      code: 'not-found',
    });
    expect(await snapshot(folder)).toEqual(before);
  });
});

describe('a failed unlock', () => {
  const keychains: [string, (k: Keychain) => UnlockWith, ErrorClass, string][] = [
    [
      'a wrong passphrase',
      () => ({ passphrase: 'Correct horse battery staple' }),
      WrongKeyError,
      'wrong-passphrase',
    ],
    [
      'a missing keychain',
      () => ({ keychain: fakeKeychain({ available: false }).keychain }),
      KeychainUnavailableError,
      'keychain-unavailable',
    ],
    [
      'a keychain before app ready',
      () => ({ keychain: fakeKeychain({ ready: false }).keychain }),
      KeychainUnavailableError,
      'keychain-unavailable',
    ],
    [
      'a backend change',
      () => ({ keychain: fakeKeychain({ backend: 'kwallet5' }).keychain }),
      KeychainBackendChangedError,
      'keychain-backend-changed',
    ],
    [
      'a switch to basic_text',
      () => ({ keychain: fakeKeychain({ backend: 'basic_text' }).keychain }),
      KeychainBackendChangedError,
      'keychain-backend-changed',
    ],
    [
      'another system',
      () => ({ keychain: fakeKeychain({}, 'darwin').keychain }),
      KeychainBackendChangedError,
      'keychain-backend-changed',
    ],
    [
      'a new keyring secret',
      () => ({ keychain: fakeKeychain({ password: 'new keyring' }).keychain }),
      WrongKeyError,
      'keychain-key-mismatch',
    ],
  ];

  it.each(keychains)('with %s → %o (%s); files unchanged', async (_what, how, type, code) => {
    const { folder, path, clock, keychain } = await setUp();
    const before = await snapshot(folder);
    const error = await attempt(path, clock, how(keychain)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code });
    expect(await snapshot(folder)).toEqual(before);
    // The right key still works afterwards.
    expect((await attempt(path, clock, { keychain })).entries).toHaveLength(3);
  });

  it('a backend change names the --password-store flag to start with', async () => {
    const { path, clock } = await setUp();
    const error = await attempt(path, clock, {
      keychain: fakeKeychain({ backend: 'basic_text' }).keychain,
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      "The vault's key is in gnome_libsecret but this session uses basic_text. Nothing was changed; quit and start TrayOTP with --password-store=gnome-libsecret, or unlock with your passphrase.",
    );
  });
});

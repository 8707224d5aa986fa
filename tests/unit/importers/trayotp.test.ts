// TrayOTP's encrypted backup: written by encodeBackupFile, read back through the importer
// registry (detection from content), with the vault's own checks.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../main/importers';
import { parseOtpUri } from '../../../main/otp';
import { encodeBackupFile, newEntry, Vault } from '../../../main/vault';
import type { Entry } from '../../../main/vault';
import { SafeStorageKeychain } from '../../../main/platform/keychain';
import { FakeSafeStorage } from '../../fakes/safe-storage';

const clock = { now: () => Date.UTC(2026, 10, 28) };
const cheap = {
  kdf: { name: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 },
  allowWeakKdf: true,
} as const;
const PASS = 'a long backup passphrase';

const entries: Entry[] = [
  newEntry(
    parseOtpUri('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub').account,
    '0b5c6a1e-1111-4c1a-9c1a-000000000001',
    clock.now(),
    { tags: ['work'] },
  ),
  newEntry(
    parseOtpUri('otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&counter=7&issuer=Bank').account,
    '0b5c6a1e-1111-4c1a-9c1a-000000000002',
    clock.now(),
  ),
  newEntry(
    parseOtpUri('otpauth://steam/Steam:gaben?secret=KRSXG5CTMVRXEZLU').account,
    '0b5c6a1e-1111-4c1a-9c1a-000000000003',
    clock.now(),
  ),
];

describe('TrayOTP backup', () => {
  it('round-trips every account, with tags as groups, detected from content', async () => {
    const bytes = await encodeBackupFile(entries, PASS, { clock, ...cheap });
    const input = { fileName: 'renamed.bin', bytes };
    expect(detectFormat(input)).toMatchObject({ importer: { id: 'trayotp' }, encrypted: true });
    const result = await importFile(input, { password: PASS });
    expect(result.format).toBe('trayotp');
    expect(result.entries.map((e) => e.account)).toEqual(
      entries.map(({ type, issuer, name, secret, algorithm, digits, period, counter }) => ({
        type,
        issuer,
        name,
        secret,
        algorithm,
        digits,
        period,
        counter,
      })),
    );
    expect(result.entries[0]!.groups).toEqual(['work']);
  });

  it('refuses OWASP-weak KDF parameters unless told (tests only)', async () => {
    await expect(encodeBackupFile(entries, PASS, { clock, kdf: cheap.kdf })).rejects.toThrow(
      /below OWASP/,
    );
  });

  it('asks for the passphrase, says when it is wrong, and calls damage damage', async () => {
    const bytes = await encodeBackupFile(entries, PASS, { clock, ...cheap });
    const input = { fileName: 'backup.trayotp', bytes };
    await expect(importFile(input)).rejects.toMatchObject({ code: 'password-required' });
    await expect(importFile(input, { password: 'nope' })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 20]! ^= 1;
    await expect(
      importFile({ fileName: 'b', bytes: damaged }, { password: PASS }),
    ).rejects.toMatchObject({
      code: 'damaged',
      message: expect.stringMatching(/^Vault integrity check failed/),
    });
    await expect(
      importFile({ fileName: 'b', bytes: bytes.subarray(0, 40) }, { password: PASS }),
    ).rejects.toMatchObject({
      code: 'damaged',
    });
  });

  it('a vault protected only by a keychain says where to export from', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trayotp-backup-'));
    const keychain = new SafeStorageKeychain(new FakeSafeStorage(), () => true, 'linux');
    const vault = await Vault.create(join(dir, 'v.trayotp'), { clock, keychain });
    vault.lock();
    const bytes = await readFile(join(dir, 'v.trayotp'));
    await expect(
      importFile({ fileName: 'v.trayotp', bytes }, { password: 'x' }),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/keychain of the computer that made it/),
    });
  });
});

// Stratum / Authenticator Pro backups: plain JSON, current (Argon2id + AES-GCM) and legacy
// (PBKDF2-SHA1 + AES-CBC) encryption.
import { describe, expect, it } from 'vitest';
import { stratumImporter } from '../../../main/importers/stratum';
import { describeInterop } from './interop-harness';

describeInterop({
  set: 'aegis',
  format: 'stratum',
  files: ['stratum_plain.json', 'stratum_encrypted.bin', 'stratum_encrypted_legacy.bin'],
});

const encode = (json: unknown) => ({
  fileName: 'backup.json',
  bytes: new TextEncoder().encode(JSON.stringify(json)),
});

describe('stratum importer', () => {
  it('skips mOTP and Yandex entries and unknown algorithms with the reason', async () => {
    const base = { Issuer: 'X', Username: 'u', Secret: 'JBSWY3DPEHPK3PXP', Digits: 6, Period: 30 };
    const result = await stratumImporter.read(
      encode({
        Authenticators: [
          { ...base, Type: 3, Algorithm: 0 },
          { ...base, Type: 5, Algorithm: 0 },
          { ...base, Type: 2, Algorithm: 7 },
          { ...base, Type: 2, Algorithm: 0 },
        ],
      }),
    );
    expect(result.entries).toHaveLength(1);
    expect(result.skipped).toEqual([
      {
        label: 'X: u',
        reason: 'Unsupported OTP type "motp" (mOTP): TrayOTP supports totp, hotp and steam.',
      },
      {
        label: 'X: u',
        reason: 'Unsupported OTP type "yaotp" (Yandex.Key): TrayOTP supports totp, hotp and steam.',
      },
      {
        label: 'X: u',
        reason: 'Unknown algorithm "code 7": TrayOTP supports SHA1, SHA256 and SHA512.',
      },
    ]);
  });

  it.each([
    ['current', 'AUTHENTICATORPRO'],
    ['legacy', 'AuthenticatorPro'],
  ])('calls a %s backup cut short damaged', async (_what, header) => {
    const input = { fileName: 'b.bin', bytes: new TextEncoder().encode(`${header}short`) };
    await expect(stratumImporter.read(input, 'x')).rejects.toMatchObject({ code: 'damaged' });
  });
});

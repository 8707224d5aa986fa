// 2FAS backups: the Aegis project's test files for schema 1-4, plain and encrypted, plus an
// encrypted backup written here to check groups and the `reference` password check.
import { createCipheriv, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/importers';
import { describeInterop, importError } from './interop-harness';

describeInterop({
  set: 'aegis',
  format: '2fas',
  files: [
    '2fas_authenticator.json',
    '2fas_authenticator_plain.2fas',
    '2fas_authenticator_encrypted.2fas',
    '2fas_authenticator_plain_v3.2fas',
    '2fas_authenticator_encrypted_v3.2fas',
    '2fas_authenticator_plain_v4.2fas',
    '2fas_authenticator_encrypted_v4.2fas',
  ],
});

/** Encrypts as 2FAS does: base64(ciphertext+tag):base64(salt):base64(iv). */
function seal(plain: string, password: string, salt = Buffer.alloc(256, 7)): string {
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const iv = Buffer.alloc(12, 3);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return [data, salt, iv].map((part) => part.toString('base64')).join(':');
}
const backup = (value: object) => ({
  fileName: 'backup.2fas',
  bytes: new TextEncoder().encode(JSON.stringify(value)),
});
const service = {
  name: 'GitHub',
  secret: 'JBSWY3DPEHPK3PXP',
  groupId: 'g1',
  otp: { account: 'alice', digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP' },
};

describe('2FAS backups written here', () => {
  it('reads an encrypted v4 backup with its group names', async () => {
    const result = await importFile(
      backup({
        schemaVersion: 4,
        services: [],
        groups: [{ id: 'g1', name: 'Work' }],
        servicesEncrypted: seal(JSON.stringify([service]), 'pw'),
        reference: seal('reference constant', 'pw', Buffer.alloc(256, 9)),
      }),
      { password: 'pw' },
    );
    expect(result.entries.map((e) => [e.account.issuer, e.account.name, e.groups])).toEqual([
      ['GitHub', 'alice', ['Work']],
    ]);
  });

  it('says "wrong password" from the reference before decrypting the services', async () => {
    const error = await importError(
      backup({
        schemaVersion: 4,
        services: [],
        // Services sealed with the password tried, reference with another: only the reference
        // check can catch this.
        servicesEncrypted: seal('[]', 'tried'),
        reference: seal('reference constant', 'real'),
      }),
      { password: 'tried' },
    );
    expect([error.code, error.message]).toEqual([
      'wrong-password',
      'Wrong password for this 2FAS backup.',
    ]);
  });

  it.each([
    [
      { schemaVersion: 5, services: [] },
      'unsupported',
      'This 2FAS backup uses schema version 5; TrayOTP reads versions 1 to 4.',
    ],
    [
      { schemaVersion: 4, servicesEncrypted: 'abc' },
      'damaged',
      'This 2FAS backup is damaged: its encrypted services are not ciphertext:salt:iv.',
    ],
  ])('refuses %j', async (value, code, message) => {
    const error = await importError(backup(value), { password: 'pw' });
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('skips an entry of unknown token type with the reason', async () => {
    const result = await importFile(
      backup({
        schemaVersion: 4,
        services: [service, { ...service, otp: { ...service.otp, tokenType: 'YAOTP' } }],
      }),
    );
    expect(result.entries).toHaveLength(1);
    expect(result.skipped).toEqual([
      {
        label: 'GitHub: alice',
        reason: 'Unsupported OTP type "YAOTP" (Yandex.Key): TrayOTP supports totp, hotp and steam.',
      },
    ]);
  });
});

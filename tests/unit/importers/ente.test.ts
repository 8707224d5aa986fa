// Ente Auth encrypted exports. No sample file exists in the test data, so exports are written
// here exactly as Ente's export_widget.dart does (format: ente-io/ente
// docs/docs/auth/migration/export.md): Argon2id (libsodium crypto_pwhash: t = opsLimit,
// m = memLimit bytes, 1 lane) and one crypto_secretstream_xchacha20poly1305 message.
// Small KDF limits keep the test fast; Ente itself uses up to 1 GiB.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../main/importers';
import { argon2idKey } from '../../../main/importers/crypto/kdf';
import { secretstreamEncrypt } from '../../../main/importers/crypto/secretstream';
import { importError } from './interop-harness';

const display = encodeURIComponent(
  JSON.stringify({ pinned: false, trashed: false, tags: ['Work'] }),
);
const plainExport = [
  `otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30&codeDisplay=${display}`,
  'otpauth://hotp/Bank:bob?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Bank&algorithm=sha512&digits=8&period=30&counter=4',
].join('\n');

async function enteExport(plain: string, password: string, overrides: object = {}) {
  const salt = randomBytes(16);
  const memLimit = 8 * 1024 * 1024;
  const opsLimit = 2;
  const key = await argon2idKey(
    password,
    salt,
    { iterations: opsLimit, memoryKiB: memLimit / 1024, parallelism: 1 },
    32,
  );
  const { header, ciphertext } = await secretstreamEncrypt(key, new TextEncoder().encode(plain));
  const file = {
    version: 1,
    kdfParams: { memLimit, opsLimit, salt: salt.toString('base64') },
    encryptedData: Buffer.from(ciphertext).toString('base64'),
    encryptionNonce: Buffer.from(header).toString('base64'),
    ...overrides,
  };
  return {
    fileName: 'ente-auth-codes-2026-01-01.txt',
    bytes: new TextEncoder().encode(JSON.stringify(file)),
  };
}

describe('Ente Auth encrypted exports (written here)', () => {
  it('round-trips: detected as encrypted Ente, decrypted, read like the plain export', async () => {
    const input = await enteExport(plainExport, 'hunter2');
    expect(detectFormat(input)).toMatchObject({ importer: { id: 'ente' }, encrypted: true });
    const result = await importFile(input, { password: 'hunter2' });
    expect(result.format).toBe('ente');
    expect(
      result.entries.map((e) => [
        e.account.type,
        e.account.issuer,
        e.account.name,
        e.account.algorithm,
        e.account.counter,
        e.groups,
      ]),
    ).toEqual([
      ['totp', 'GitHub', 'alice', 'SHA1', 0, ['Work']],
      ['hotp', 'Bank', 'bob', 'SHA512', 4, undefined],
    ]);
  });

  it('asks for the password and says when it is wrong', async () => {
    const input = await enteExport(plainExport, 'hunter2');
    expect((await importError(input)).code).toBe('password-required');
    const wrong = await importError(input, { password: 'hunter3' });
    expect([wrong.code, wrong.message]).toEqual([
      'wrong-password',
      'Wrong password for this Ente Auth export.',
    ]);
  });

  it.each([
    [
      { version: 2 },
      'unsupported',
      'This Ente Auth export has version 2; TrayOTP reads version 1.',
    ],
    [
      { kdfParams: { memLimit: 2 ** 31, opsLimit: 4, salt: 'AAAA' } },
      'unsupported',
      "This Ente Auth export's key settings (memLimit 2147483648, opsLimit 4) are outside what TrayOTP accepts.",
    ],
    [
      { kdfParams: { opsLimit: 4, salt: 'AAAA' } },
      'damaged',
      'This Ente Auth export is damaged: its key parameters or data are missing.',
    ],
  ])('refuses %j', async (overrides, code, message) => {
    const error = await importError(await enteExport(plainExport, 'pw', overrides), {
      password: 'pw',
    });
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('says a cut-short export is wrong-password-or-tampered, never reads part of it', async () => {
    const input = await enteExport(plainExport, 'pw');
    const file = JSON.parse(new TextDecoder().decode(input.bytes));
    file.encryptedData = Buffer.from(file.encryptedData, 'base64')
      .subarray(0, 40)
      .toString('base64');
    const error = await importError(
      { ...input, bytes: new TextEncoder().encode(JSON.stringify(file)) },
      { password: 'pw' },
    );
    expect(error.code).toBe('wrong-password');
  });
});

// andOTP backups: the Aegis project's test files (plain, encrypted new and old format), and
// encrypted backups written here to check the formats' edges.
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../main/importers';
import { describeInterop, importError } from './interop-harness';

describeInterop({
  set: 'aegis',
  format: 'andotp',
  files: ['andotp_plain.json', 'andotp_encrypted.bin', 'andotp_encrypted_old.bin'],
  // Deliberate deviation: old andOTP labels are "Issuer - Issuer:name". Aegis keeps
  // "Issuer:name" as the name (expected.json follows it); we drop the duplicated "Issuer:" as
  // we do for Google's exports, so the name is the account's own name ("Mason").
  adjust: (entry, file) =>
    file === 'andotp_encrypted_old.bin' && entry.name.startsWith(`${entry.issuer}:`)
      ? { ...entry, name: entry.name.slice(entry.issuer.length + 1) }
      : entry,
});

const entries = [
  {
    secret: 'JBSWY3DPEHPK3PXP====',
    issuer: 'GitHub',
    label: 'alice',
    digits: 6,
    type: 'TOTP',
    algorithm: 'SHA1',
    period: 30,
    tags: ['work'],
  },
];
const file = (bytes: Uint8Array) => ({ fileName: 'otp_accounts.json.aes', bytes });

function encryptNew(plain: string, password: string, iterations: number): Uint8Array {
  const salt = Buffer.alloc(12, 1);
  const nonce = Buffer.alloc(12, 2);
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha1');
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(iterations);
  return Buffer.concat([
    head,
    salt,
    nonce,
    cipher.update(plain),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
}

function encryptOld(plain: string, password: string): Uint8Array {
  const nonce = Buffer.alloc(12, 5);
  const cipher = createCipheriv(
    'aes-256-gcm',
    createHash('sha256').update(password).digest(),
    nonce,
  );
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

describe('andOTP backups written here', () => {
  it.each([
    ['new format', encryptNew(JSON.stringify(entries), 'pw', 1000)],
    ['old format', encryptOld(JSON.stringify(entries), 'pw')],
  ])('reads the %s with tags as groups', async (_what, bytes) => {
    expect(detectFormat(file(bytes))).toMatchObject({ encrypted: true });
    const result = await importFile(file(bytes), { password: 'pw' });
    expect(result.entries.map((e) => [e.account.issuer, e.account.secret, e.groups])).toEqual([
      ['GitHub', 'JBSWY3DPEHPK3PXP', ['work']],
    ]);
  });

  it('says a decrypted file that is not a list is damaged', async () => {
    const error = await importError(file(encryptOld('{"not":"a list"}'.repeat(5), 'pw')), {
      password: 'pw',
    });
    expect([error.code, error.message]).toEqual([
      'damaged',
      'The andOTP backup decrypted, but holds no list of entries.',
    ]);
  });

  it('does not claim short or low-entropy binary data', () => {
    expect(() => detectFormat(file(new Uint8Array(2000)))).toThrow(
      /not an export TrayOTP can read/,
    );
    expect(() => detectFormat(file(new Uint8Array([1, 2, 3])))).toThrow(/not an export/);
  });
});

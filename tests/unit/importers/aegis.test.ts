// Aegis vault exports: the Aegis project's own test files (plain, encrypted with a scrypt
// password slot, db v2 with group names), db v3 groups, and every way an export can be wrong.
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/importers';
import { legacyPasswordBytes } from '../../../main/importers/aegis';
import { describeInterop, importError, readInterop } from './interop-harness';

describeInterop({
  set: 'aegis',
  format: 'aegis',
  files: ['aegis_plain.json', 'aegis_encrypted.json', 'vault/aegis_plain_grouped_v2.json'],
});

const json = (value: unknown) => ({
  fileName: 'aegis.json',
  bytes: new TextEncoder().encode(JSON.stringify(value)),
});
const entry = (extra: object = {}, info: object = {}) => ({
  type: 'totp',
  uuid: 'e1',
  name: 'alice',
  issuer: 'GitHub',
  info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30, ...info },
  ...extra,
});
const plain = (db: object) => json({ version: 1, header: { slots: null, params: null }, db });

describe('Aegis groups (interop files)', () => {
  it('keeps the v2 group names as groups (VaultTest.testGroupConversion)', async () => {
    const result = await importFile(readInterop('aegis', 'vault/aegis_plain_grouped_v2.json'));
    const byGroup = (name: string) =>
      result.entries
        .filter((e) => e.groups?.includes(name))
        .map((e) => `${e.account.issuer}/${e.account.name}`);
    expect(byGroup('group1')).toEqual(['Deno/Mason', 'Airbnb/Elijah']);
    expect(byGroup('group2')).toEqual(['Issuu/James']);
    expect(result.entries.filter((e) => !e.groups)).toHaveLength(4);
  });
});

describe('Aegis db versions and entries', () => {
  it('resolves v3 group uuids to names and keeps notes', async () => {
    const result = await importFile(
      plain({
        version: 3,
        entries: [entry({ groups: ['g1', 'unknown'], note: ' recovery codes in the safe ' })],
        groups: [{ uuid: 'g1', name: 'Work' }],
      }),
    );
    expect(result.entries[0]).toMatchObject({
      groups: ['Work'],
      note: 'recovery codes in the safe',
    });
  });

  it.each([
    [
      'an unsupported type',
      entry({ type: 'yandex' }),
      'Unsupported OTP type "yandex": TrayOTP supports totp, hotp and steam.',
    ],
    [
      'a bad secret',
      entry({}, { secret: '0000' }),
      'The secret is not base32: "0" is not one of A–Z, 2–7.',
    ],
    [
      'an unknown algorithm',
      entry({}, { algo: 'MD5' }),
      'Unknown algorithm "MD5": TrayOTP supports SHA1, SHA256 and SHA512.',
    ],
    ['4 digits', entry({}, { digits: 4 }), 'Digits must be a whole number from 6 to 10, not "4".'],
  ])('skips an entry with %s and imports the rest', async (_what, bad, reason) => {
    const result = await importFile(plain({ version: 2, entries: [entry({ name: 'ok' }), bad] }));
    expect(result.entries.map((e) => e.account.name)).toEqual(['ok']);
    expect(result.skipped).toEqual([{ label: 'GitHub: alice', reason }]);
  });

  it.each([
    [
      'a db version from the future',
      plain({ version: 4, entries: [] }),
      'unsupported',
      'This Aegis export uses db version 4; TrayOTP reads versions 1 to 3. Update TrayOTP or export from an older Aegis.',
    ],
    [
      'a db without entries',
      plain({ version: 1 }),
      'damaged',
      'This Aegis export is damaged: its db has no entries list.',
    ],
    [
      'an encrypted db with only a biometric slot',
      json({ version: 1, header: { slots: [{ type: 2 }], params: {} }, db: 'AAAA' }),
      'unsupported',
      'This Aegis vault can only be unlocked by a key kept on the phone (biometric or raw slot); export it from Aegis with a password.',
    ],
    [
      'an encrypted db without nonce',
      json({ version: 1, header: { slots: [{ type: 1 }], params: {} }, db: 'AAAA' }),
      'damaged',
      'This Aegis export is damaged: its encrypted data or their nonce and tag are missing.',
    ],
  ])('refuses %s', async (_what, input, code, message) => {
    const error = await importError(input, { password: 'x' });
    expect([error.code, error.message]).toEqual([code, message]);
  });
});

describe('Aegis password slots written before the "repaired" fix', () => {
  it.each([
    ['short', 'test', 4],
    ['10 characters', 'abcdefghij', 11],
    ['non-ASCII (8 chars, 10 bytes: 8 → 2×8+1)', 'pässwörd', 17],
  ])("derive the key from Java's old password bytes (%s)", (_what, password, length) => {
    const bytes = legacyPasswordBytes(password);
    expect(bytes.length).toBe(length);
    expect(bytes.subarray(0, Buffer.byteLength(password))).toEqual(Buffer.from(password));
  });

  it('opens a non-repaired slot with the legacy bytes', async () => {
    const password = 'correct horse battery';
    const masterKey = randomBytes(32);
    const salt = randomBytes(32);
    const seal = (key: Buffer, plain: Buffer) => {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const data = Buffer.concat([cipher.update(plain), cipher.final()]);
      return { data, nonce: nonce.toString('hex'), tag: cipher.getAuthTag().toString('hex') };
    };
    const slotKey = seal(
      scryptSync(legacyPasswordBytes(password), salt, 32, { N: 1024, r: 8, p: 1 }),
      masterKey,
    );
    const db = seal(masterKey, Buffer.from(JSON.stringify({ version: 1, entries: [entry()] })));
    const file = {
      version: 1,
      header: {
        slots: [
          {
            type: 1,
            uuid: 'a8325752-c1be-458a-9b3e-5e0a8154d9ec',
            key: slotKey.data.toString('hex'),
            key_params: { nonce: slotKey.nonce, tag: slotKey.tag },
            n: 1024,
            r: 8,
            p: 1,
            salt: salt.toString('hex'),
          },
        ],
        params: { nonce: db.nonce, tag: db.tag },
      },
      db: db.data.toString('base64'),
    };
    const result = await importFile(json(file), { password });
    expect(result.entries.map((e) => e.account.issuer)).toEqual(['GitHub']);
    expect((await importError(json(file), { password: 'wrong' })).code).toBe('wrong-password');
  });
});

// The byte layout of docs/vault.md § File layout, and the header and body checks that need a
// consistent checksum to be reached (a writer's bug or a newer version, not damage).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyCheck } from '../../../main/vault/crypto';
import { VaultFormatError } from '../../../main/vault/errors';
import { decodeVault, decryptBody, encodeVault, MAGIC } from '../../../main/vault/format';
import { parseEntries } from '../../../main/vault/entries';
import { newEntry } from '../../../main/vault';
import { account } from './helpers';

const key = Buffer.alloc(32, 7);
const b64 = (n: number, fill = 1) => Buffer.alloc(n, fill).toString('base64');
const header = {
  revision: 3,
  savedAt: '2026-11-28T12:00:00.000Z',
  keyCheck: keyCheck(key).toString('base64'),
  body: { cipher: 'aes-256-gcm' as const, nonce: b64(12) },
  slots: [
    {
      type: 'passphrase' as const,
      kdf: {
        name: 'argon2id' as const,
        memoryKiB: 65536,
        iterations: 2,
        parallelism: 1,
        salt: b64(32),
      },
      nonce: b64(12),
      wrapped: b64(48),
    },
  ],
};

/** A file with this header (a string is taken verbatim) and a correct checksum. */
function withHeader(json: unknown): Buffer {
  const headerBytes = Buffer.from(typeof json === 'string' ? json : JSON.stringify(json));
  const prefix = Buffer.alloc(14);
  MAGIC.copy(prefix);
  prefix.writeUInt16BE(1, 8);
  prefix.writeUInt32BE(headerBytes.length, 10);
  const checked = Buffer.concat([prefix, headerBytes]);
  return Buffer.concat([checked, createHash('sha256').update(checked).digest(), Buffer.alloc(16)]);
}

describe('vault file layout', () => {
  it('is magic, version, header length, header JSON, SHA-256, ciphertext, tag', () => {
    const plaintext = Buffer.from('{"entries":[]}');
    const file = encodeVault(header, key, plaintext);
    expect(file.subarray(0, 8).toString('ascii')).toBe('TRAYOTPV');
    expect(file.readUInt16BE(8)).toBe(1);
    const h = file.readUInt32BE(10);
    const json = JSON.parse(file.subarray(14, 14 + h).toString('utf8'));
    expect(json).toEqual({ ...header, body: { ...header.body, length: plaintext.length } });
    expect(file.subarray(14 + h, 46 + h)).toEqual(
      createHash('sha256')
        .update(file.subarray(0, 14 + h))
        .digest(),
    );
    expect(file.length).toBe(62 + h + plaintext.length);
    const parsed = decodeVault(file);
    expect(parsed.aad).toEqual(file.subarray(0, 46 + h));
    expect(decryptBody(parsed, key)).toEqual(plaintext);
  });

  it('encrypts with the nonce the header names: same input, same nonce → same bytes', () => {
    const plaintext = Buffer.from('{"entries":[]}');
    expect(encodeVault(header, key, plaintext)).toEqual(encodeVault(header, key, plaintext));
    const other = encodeVault(
      { ...header, body: { ...header.body, nonce: b64(12, 2) } },
      key,
      plaintext,
    );
    expect(other.subarray(-30)).not.toEqual(encodeVault(header, key, plaintext).subarray(-30));
  });

  const full = { ...header, body: { ...header.body, length: 0 } };
  const kdf = header.slots[0]!.kdf;
  it.each([
    ['not JSON', '{"revision":'],
    ['an unknown field', { ...full, extra: 1 }],
    ['no slots', { ...full, slots: [] }],
    ['two passphrase slots', { ...full, slots: [header.slots[0], header.slots[0]] }],
    ['an unknown cipher', { ...full, body: { ...full.body, cipher: 'aes-128-cbc' } }],
    ['a short nonce', { ...full, body: { ...full.body, nonce: b64(8) } }],
    [
      '4 GiB of Argon2 memory',
      { ...full, slots: [{ ...header.slots[0], kdf: { ...kdf, memoryKiB: 4 * 1024 * 1024 } }] },
    ],
    [
      'scrypt N not a power of two',
      {
        ...full,
        slots: [
          { ...header.slots[0], kdf: { name: 'scrypt', N: 1000, r: 8, p: 1, salt: b64(32) } },
        ],
      },
    ],
    [
      'an unknown KDF',
      { ...full, slots: [{ ...header.slots[0], kdf: { ...kdf, name: 'pbkdf2' } }] },
    ],
    ['a negative revision', { ...full, revision: -1 }],
    ['a savedAt that is not a time', { ...full, savedAt: 'yesterday' }],
  ])('a header with %s is VaultFormatError bad-header', (_what, json) => {
    expect(() => decodeVault(withHeader(json))).toThrow(
      expect.objectContaining({ constructor: VaultFormatError, code: 'bad-header' }),
    );
  });
});

describe('vault body', () => {
  const entry = newEntry(account('alice'), '6f1c2f4e-4a43-4d4c-9b7e-3c8f1d2a9b10', 0);
  const body = (entries: unknown[]) => Buffer.from(JSON.stringify({ entries }));
  it('reads entries back', () => {
    expect(parseEntries(body([entry]))).toEqual([entry]);
  });
  it.each([
    ['not JSON', Buffer.from('{')],
    ['not UTF-8', Buffer.from([0xff, 0xfe])],
    ['an unknown field', body([{ ...entry, color: 'red' }])],
    ['a missing field', body([{ ...entry, pinned: undefined }])],
    ['a lower-case secret', body([{ ...entry, secret: 'jbswy3dp' }])],
    ['4 digits', body([{ ...entry, digits: 4 }])],
    ['a Steam entry with 6 digits', body([{ ...entry, type: 'steam' }])],
    ['a remote icon', body([{ ...entry, icon: 'https://example.com/x.png' }])],
    ['a duplicate id', body([entry, entry])],
    ['a negative counter', body([{ ...entry, counter: -1 }])],
  ])('with %s is VaultFormatError invalid-entries', (_what, bytes) => {
    expect(() => parseEntries(bytes)).toThrow(
      expect.objectContaining({ constructor: VaultFormatError, code: 'invalid-entries' }),
    );
  });
});

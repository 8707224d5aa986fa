// Aegis vault exports: the Aegis project's own test files (plain, encrypted with a scrypt
// password slot, db v2 with group names), db v3 groups, and every way an export can be wrong.
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/importers';
import type { ImportError, ImportProgress } from '../../../main/importers';
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

describe('Aegis key slots: cost bounds, each derivation once, progress, cancel', () => {
  const seal = (key: Buffer, plain: Buffer) => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { data, nonce: nonce.toString('hex'), tag: cipher.getAuthTag().toString('hex') };
  };
  interface SlotSpec {
    N?: number;
    r?: number;
    p?: number;
    salt?: Buffer;
    repaired?: boolean;
    /** Derive its key for real (false: a slot no password opens, for refusals). */
    password?: string;
  }
  /** An encrypted Aegis export with the given password slots, as Aegis's VaultFile writes it. */
  function aegisFile(slots: SlotSpec[]) {
    const masterKey = randomBytes(32);
    const db = seal(masterKey, Buffer.from(JSON.stringify({ version: 2, entries: [entry()] })));
    return json({
      version: 1,
      header: {
        slots: slots.map(
          ({ N = 1024, r = 8, p = 1, salt = randomBytes(32), repaired, password }) => {
            const key = password
              ? scryptSync(password, salt, 32, { N, r, p, maxmem: 256 << 20 })
              : randomBytes(32);
            const wrapped = seal(key, masterKey);
            return {
              type: 1,
              uuid: randomBytes(16).toString('hex'),
              key: wrapped.data.toString('hex'),
              key_params: { nonce: wrapped.nonce, tag: wrapped.tag },
              n: N,
              r,
              p,
              salt: salt.toString('hex'),
              ...(repaired === undefined ? {} : { repaired }),
            };
          },
        ),
        params: { nonce: db.nonce, tag: db.tag },
      },
      db: db.data.toString('base64'),
    });
  }
  async function progressOf(input: ReturnType<typeof json>, password: string) {
    const seen: ImportProgress[] = [];
    const outcome = await importFile(input, { password }, { onProgress: (p) => seen.push(p) }).then(
      (result) => result.entries.map((e) => e.account.issuer).join(),
      (error: ImportError) => error.code,
    );
    return { outcome, seen, derivations: seen.filter((p) => p.stage === 'deriving-key').length };
  }

  it.each([
    [
      'N=2^20, r=64: 8 GiB of memory (issue 13)',
      [{ N: 2 ** 20, r: 64 }],
      "This Aegis export asks for scrypt with N=1048576, r=64, p=1 (8 GiB of memory, 256 times the work of Aegis's own N=32768, r=8, p=1). TrayOTP refuses more than 256 MiB per key (8 times what Aegis uses)",
    ],
    [
      'p=32: 32 times the work of an Aegis key',
      [{ N: 2 ** 15, r: 8, p: 32 }],
      "scrypt with N=32768, r=8, p=32 (32 MiB of memory, 32 times the work of Aegis's own N=32768, r=8, p=1). TrayOTP refuses more than 16 times the work of Aegis per key",
    ],
    [
      '100 password slots',
      Array.from({ length: 100 }, () => ({})),
      'This Aegis export asks for 100 password slots, each its own scrypt key. TrayOTP refuses more than 4 (Aegis keeps one password slot)',
    ],
    [
      '4 unrepaired slots at 5 times the work (8 derivations, 40 times one Aegis key)',
      Array.from({ length: 4 }, () => ({ N: 2 ** 15, r: 8, p: 5, repaired: false })),
      'This Aegis export asks for 8 scrypt derivations (40 times the work of one Aegis key). TrayOTP refuses more than 32 times the work of one Aegis key in all',
    ],
  ])('refuses %s before deriving anything', async (_what, slots, says) => {
    const started = performance.now();
    const { outcome, derivations } = await progressOf(aegisFile(slots), 'abcdefghij');
    const error = await importError(aegisFile(slots), { password: 'abcdefghij' });
    expect(outcome).toBe('too-costly');
    expect(derivations).toBe(0);
    expect(error.message).toContain(says);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("accepts Aegis's own settings and more up to the bounds (N=2^15, r=8, p=2, unrepaired)", async () => {
    const input = aegisFile([{ N: 2 ** 15, r: 8, p: 2, repaired: false, password: 'pw' }]);
    expect((await progressOf(input, 'pw')).outcome).toBe('GitHub');
  });

  it('derives each distinct slot once per password form', async () => {
    const salt = randomBytes(32);
    // Two slots with one salt and settings share one key; "test" has the same legacy bytes.
    const twins = aegisFile([
      { salt, repaired: false },
      { salt, repaired: false },
    ]);
    expect(await progressOf(twins, 'test')).toMatchObject({
      outcome: 'wrong-password',
      derivations: 1,
    });
    // "abcdefghij": UTF-8 and Java's old bytes differ, so an unrepaired slot is tried twice…
    expect(await progressOf(twins, 'abcdefghij')).toMatchObject({ derivations: 2 });
    // …and a repaired one once; two distinct slots, once each.
    const repaired = aegisFile([{ repaired: true }, { repaired: true }]);
    expect(await progressOf(repaired, 'abcdefghij')).toMatchObject({ derivations: 2 });
  });

  it('reports progress as steps done of steps planned: slots left untried once one opens leave the plan', async () => {
    const input = aegisFile([{ repaired: true, password: 'pw' }, { repaired: true }]);
    const { outcome, seen } = await progressOf(input, 'pw');
    expect(outcome).toBe('GitHub');
    expect(seen).toEqual([
      { fraction: 0, stage: 'deriving-key' },
      { fraction: 1 / 3, stage: 'decrypting' },
      { fraction: 2 / 3, stage: 'reading-entries' },
      { fraction: 1, stage: 'done' },
    ]);
  });

  it('cancel ends the import "cancelled" at once and starts no further derivation', async () => {
    const slots = [0, 1, 2].map(() => ({ N: 2 ** 15, r: 8, p: 4, repaired: true }));
    const controller = new AbortController();
    const stages: string[] = [];
    const importing = importFile(
      aegisFile(slots),
      { password: 'pw' },
      { signal: controller.signal, onProgress: (p) => stages.push(p.stage) },
    ).then(
      () => undefined,
      (error: ImportError) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    controller.abort();
    const error = await importing;
    const cancelMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the run under way may end now
    expect(error?.code).toBe('cancelled');
    expect(cancelMs).toBeLessThan(100);
    expect(stages).toEqual(['deriving-key']);
  });
});

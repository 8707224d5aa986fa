// KeePass / KeePassXC databases (.kdbx): files from the test suites of KeePassXC (KDBX 3.1 and 4
// with AES-KDF, legacy "TOTP Seed"/"TOTP Settings"), keepass-rs and kdbx-rs (KDBX 4, Argon2d and
// Argon2id, KeePassXC's `otp` attribute, a Recycle Bin, a key file, Twofish) and kdbxweb (a v2 key
// file without password); see tests/fixtures/keepass/PROVENANCE.md. The other TOTP storage forms
// (Steam "30;S", KeeOtp's key=…, KeePass 2.47's TimeOtp-*/HmacOtp-* fields) are written here with
// kdbxweb, the KDBX library KeeWeb uses. Then passwords, key files, cost bounds and damaged files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile, importers } from '../../../main/importers';
import type { ImportInput, ImportResult } from '../../../main/importers';
import { KEEPASS_LIMITS, readKeePassDatabase } from '../../../main/importers/keepass';
import { argon2dKey } from '../../../main/importers/keepass-kdf';
import { loopDuring } from '../../support/event-loop';
import { testdataPath } from '../../support/testdata';
import { importError } from './interop-harness';

const bytesOf = (file: string) => new Uint8Array(readFileSync(testdataPath(`keepass/${file}`)));
const fixture = (file: string, fileName = file): ImportInput => ({
  fileName,
  bytes: bytesOf(file),
});
const keepass = importers.find((i) => i.id === 'keepass')!;

const rows = (result: ImportResult) =>
  result.entries.map(({ account: a, groups }) => [
    a.type,
    a.issuer,
    a.name,
    a.secret,
    a.algorithm,
    a.digits,
    a.type === 'hotp' ? a.counter : a.period,
    groups ?? [],
  ]);

const NO_TOTP_WARNING =
  "No entry of this KeePass database has a TOTP secret (KeePassXC's otp attribute, TOTP Seed and TOTP Settings, or KeePass's TimeOtp fields), so there is nothing to import.";

describe('KeePass databases written by KeePass, KeePassXC and their libraries', () => {
  it.each([
    ['keepassxc-NewDatabase.kdbx', 'a'],
    ['keepassxc-NewDatabaseBrowser.kdbx', 'a'],
  ])('%s (legacy TOTP Seed and TOTP Settings "30;6")', async (file, password) => {
    const result = await importFile(fixture(file), { password });
    expect(result.format).toBe('keepass');
    expect(rows(result)).toEqual([
      ['totp', 'Sample Entry', 'User Name', 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', 'SHA1', 6, 30, []],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it("keepass-rs-totp-entry.kdbx (Argon2d, KeePassXC's otp attribute with its default label)", async () => {
    const result = await importFile(fixture('keepass-rs-totp-entry.kdbx'), { password: 'test' });
    // The link's label is KeePassXC's placeholder "KeePassXC:none"; the entry's title is the name.
    expect(rows(result)).toEqual([
      ['totp', 'this entry has totp', '', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, []],
    ]);
  });

  it('keepass-rs-totp-sha512-entry.kdbx (SHA-512, a padded secret)', async () => {
    const result = await importFile(fixture('keepass-rs-totp-sha512-entry.kdbx'), {
      password: 'test',
    });
    expect(rows(result)).toEqual([['totp', 'sha512 totp', '', 'GEZDGNBVGY', 'SHA512', 6, 30, []]]);
  });

  it('kdbx-rs-keepassxc-otp.kdbx: the entry in the Recycle Bin is skipped, not imported', async () => {
    const result = await importFile(fixture('kdbx-rs-keepassxc-otp.kdbx'), {
      password: 'kdbxrs',
    });
    expect(rows(result)).toEqual([
      ['totp', 'Entry & OTP', 'kdbxrs', 'ABCDEFGHIJKLMNOP', 'SHA1', 6, 30, []],
    ]);
    expect(result.skipped).toEqual([
      { label: 'Entry & with OTP: kdbxrs', reason: "The entry is in KeePass's Recycle Bin." },
    ]);
  });

  it('kdbx-rs-kdbx4-argon2id.kdbx (Argon2id) opens and says it holds no TOTP entry', async () => {
    const result = await importFile(fixture('kdbx-rs-kdbx4-argon2id.kdbx'), {
      password: 'kdbxrs',
    });
    expect([result.entries, result.skipped, result.warnings]).toEqual([[], [], [NO_TOTP_WARNING]]);
  });

  it.each([
    'keepassxc-NewDatabase.kdbx',
    'keepass-rs-totp-entry.kdbx',
    'kdbx-rs-kdbx4-argon2id.kdbx',
    'kdbx-rs-kdbx4-argon2d-twofish.kdbx',
    'kdbxweb-KeyV2.kdbx',
  ])('%s is detected as KeePass (encrypted) from its signature, also as export.bin', (file) => {
    for (const name of [file, 'export.bin']) {
      expect(detectFormat(fixture(file, name))).toMatchObject({ encrypted: true });
      expect(detectFormat(fixture(file, name)).importer.id).toBe('keepass');
    }
  });
});

describe('KeePass passwords and key files', () => {
  it.each([
    ['keepassxc-NewDatabase.kdbx (KDBX 3.1)', 'keepassxc-NewDatabase.kdbx'],
    ['keepass-rs-totp-entry.kdbx (KDBX 4)', 'keepass-rs-totp-entry.kdbx'],
  ])('%s: a wrong password is "wrong-password"', async (_what, file) => {
    const error = await importError(fixture(file), { password: 'not it' });
    expect([error.code, error.message]).toEqual([
      'wrong-password',
      'Wrong password for this KeePass database (or it also needs its key file).',
    ]);
  });

  it('no password is "password-required"', async () => {
    const error = await importError(fixture('keepass-rs-totp-entry.kdbx'));
    expect([error.code, error.message]).toEqual([
      'password-required',
      'This KeePass database is encrypted; enter its master password.',
    ]);
  });

  it('opens a database with a password and a key file (kdbx-rs, a key file of 8 bytes)', async () => {
    const input = fixture('kdbx-rs-kdbx4-argon2d-key-file.kdbx');
    const result = await readKeePassDatabase(input, {
      password: 'kdbxrs',
      keyFile: bytesOf('kdbx-rs-kdbx4-argon2d-key-file.key'),
    });
    expect([result.format, result.entries, result.warnings]).toEqual([
      'keepass',
      [],
      [NO_TOTP_WARNING],
    ]);
    // Without the key file the password alone does not open it.
    expect((await importError(input, { password: 'kdbxrs' })).code).toBe('wrong-password');
  });

  it('reads bytes that are a view into a larger buffer (as Node pools small files)', async () => {
    const inside = (bytes: Uint8Array) => {
      const pool = new Uint8Array(bytes.length + 64).fill(0xaa);
      pool.set(bytes, 32);
      return Buffer.from(pool.buffer, 32, bytes.length);
    };
    const result = await readKeePassDatabase(
      { fileName: 'db.kdbx', bytes: inside(bytesOf('kdbx-rs-kdbx4-argon2d-key-file.kdbx')) },
      { password: 'kdbxrs', keyFile: inside(bytesOf('kdbx-rs-kdbx4-argon2d-key-file.key')) },
    );
    expect(result.format).toBe('keepass');
  });

  it('opens a database with only a key file (kdbxweb, XML key file version 2)', async () => {
    const result = await readKeePassDatabase(fixture('kdbxweb-KeyV2.kdbx'), {
      keyFile: bytesOf('kdbxweb-KeyV2.keyx'),
    });
    expect(result.warnings).toEqual([NO_TOTP_WARNING]);
  });

  it('refuses Twofish (which KeePassXC can write) before deriving any key', async () => {
    const started = performance.now();
    const error = await importError(fixture('kdbx-rs-kdbx4-argon2d-twofish.kdbx'), {
      password: 'kdbxrs',
    });
    expect([error.code, error.message]).toEqual([
      'unsupported',
      "This KeePass database is encrypted with Twofish, which TrayOTP cannot decrypt. In KeePassXC's Database Settings → Security → Encryption, choose AES-256 or ChaCha20, save, and import it again.",
    ]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

/** The database written by kdbxweb: every TOTP storage form KeePass tools use. */
async function builtDatabase(): Promise<ImportInput> {
  const db = kdbxweb.Kdbx.create(
    new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('built')),
    'Built',
  );
  db.setKdf(kdbxweb.Consts.KdfId.Aes);
  db.header.kdfParameters!.set(
    'R',
    kdbxweb.VarDictionary.ValueType.UInt64,
    new kdbxweb.Int64(1000),
  );
  const root = db.getDefaultGroup();
  const work = db.createGroup(db.createGroup(root, 'Work'), 'Servers');
  const add = (
    group: kdbxweb.KdbxGroup,
    fields: Record<string, string>,
    protect: string[] = [],
  ) => {
    const entry = db.createEntry(group);
    for (const [name, value] of Object.entries(fields)) {
      entry.fields.set(
        name,
        protect.includes(name) ? kdbxweb.ProtectedValue.fromString(value) : value,
      );
    }
  };
  add(root, {
    Title: 'Steam',
    UserName: 'gaben',
    'TOTP Seed': 'KRSXG5CTMVRXEZLU',
    'TOTP Settings': '30;S',
  });
  add(root, {
    Title: 'KeeOtp site',
    UserName: 'k',
    otp: 'key=JBSWY3DPEHPK3PXP&size=8&step=60&otpHashMode=Sha256',
  });
  add(
    work,
    {
      Title: 'KeePass 2.47',
      UserName: 'kp',
      'TimeOtp-Secret-Base32': 'MFRGGZDFMZTWQ2LK',
      'TimeOtp-Algorithm': 'HMAC-SHA-512',
      'TimeOtp-Length': '8',
      'TimeOtp-Period': '60',
    },
    ['TimeOtp-Secret-Base32'],
  );
  add(root, { Title: 'Hex secret', 'TimeOtp-Secret-Hex': '48656c6c6f21deadbeef' });
  add(root, {
    Title: 'Counter',
    UserName: 'c',
    'HmacOtp-Secret-Base32': 'ONSWG4TFOQ',
    'HmacOtp-Counter': '7',
  });
  add(
    root,
    {
      Title: 'URI in otp',
      UserName: 'u',
      otp: 'otpauth://totp/Old:x?secret=NB2W45DFOIZA&digits=7',
    },
    ['otp'],
  );
  add(root, { Title: 'Broken', UserName: 'b', otp: 'otpauth://totp/x?secret=0000' });
  add(root, { Title: 'Bad digits', 'TOTP Seed': 'JBSWY3DPEHPK3PXP', 'TOTP Settings': '30;4' });
  add(root, { Title: 'Just a password', UserName: 'p', Password: 'hunter2' });
  return { fileName: 'built.kdbx', bytes: new Uint8Array(await db.save()) };
}

describe('TOTP storage forms (a database written with kdbxweb)', () => {
  it('reads Steam "30;S", KeeOtp, TimeOtp-* (Base32 and hex), HmacOtp-* and an otp link', async () => {
    const result = await importFile(await builtDatabase(), { password: 'built' });
    expect(rows(result)).toEqual([
      ['steam', 'Steam', 'gaben', 'KRSXG5CTMVRXEZLU', 'SHA1', 5, 30, []],
      ['totp', 'KeeOtp site', 'k', 'JBSWY3DPEHPK3PXP', 'SHA256', 8, 60, []],
      ['totp', 'Hex secret', '', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, []],
      ['hotp', 'Counter', 'c', 'ONSWG4TFOQ', 'SHA1', 6, 7, []],
      ['totp', 'URI in otp', 'u', 'NB2W45DFOIZA', 'SHA1', 7, 30, []],
      ['totp', 'KeePass 2.47', 'kp', 'MFRGGZDFMZTWQ2LK', 'SHA512', 8, 60, ['Work/Servers']],
    ]);
    expect(result.skipped).toEqual([
      {
        label: 'Broken: b',
        reason: 'The secret is not base32: "0" is not one of A–Z, 2–7.',
      },
      { label: 'Bad digits', reason: 'Digits must be a whole number from 6 to 10, not "4".' },
    ]);
  });
});

/** The file with the 8-byte value after `marker` replaced (a KDF parameter in the header). */
function patched(file: string, marker: number[], value: bigint): ImportInput {
  const bytes = Uint8Array.from(bytesOf(file));
  const at = Buffer.from(bytes).indexOf(Buffer.from(marker));
  expect(at).toBeGreaterThan(0);
  Buffer.from(bytes.buffer).writeBigUInt64LE(value, at + marker.length);
  return { fileName: file, bytes };
}
/**
 * A KDBX 4 file whose header hash (the SHA-256 after the header, checked before any key is
 * derived) is made to match a patched header again, so the patch reaches the key derivation.
 */
function rehashed(input: ImportInput): ImportInput {
  const bytes = Buffer.from(input.bytes);
  let at = 12; // signature (8) and version (4)
  for (;;) {
    const type = bytes[at]!;
    at += 5 + bytes.readUInt32LE(at + 1);
    if (type === 0) break;
  }
  createHash('sha256').update(bytes.subarray(0, at)).digest().copy(bytes, at);
  return { fileName: input.fileName, bytes: Uint8Array.from(bytes) };
}
// KDBX 4 VarDictionary items: type UInt64 (5), key length 1, key, value length 8.
const ARGON2_MEMORY = [0x05, 1, 0, 0, 0, 0x4d, 8, 0, 0, 0];
const ARGON2_PASSES = [0x05, 1, 0, 0, 0, 0x49, 8, 0, 0, 0];
const AES_ROUNDS_KDBX4 = [0x05, 1, 0, 0, 0, 0x52, 8, 0, 0, 0];
// KDBX 3.1 header field 6 (TransformRounds), 8 bytes long.
const AES_ROUNDS_KDBX3 = [0x06, 8, 0];

describe('KeePass key derivation bounds (checked before any derivation)', () => {
  it.each([
    [
      'Argon2 memory over 1 GiB',
      patched('keepass-rs-totp-entry.kdbx', ARGON2_MEMORY, 2n * 1024n ** 3n),
      'This KeePass database asks for Argon2d with 2 GiB of memory × 2 passes. TrayOTP refuses more than 1 GiB of memory',
    ],
    [
      'Argon2 work over 8 GiB·passes',
      patched('keepass-rs-totp-entry.kdbx', ARGON2_PASSES, 1000n),
      'This KeePass database asks for Argon2d with 64 MiB of memory × 1000 passes. TrayOTP refuses more than 8 GiB·passes',
    ],
    [
      'AES-KDF rounds over the bound (KDBX 4)',
      patched('keepassxc-NewDatabaseBrowser.kdbx', AES_ROUNDS_KDBX4, 10n ** 12n),
      'This KeePass database asks for AES-KDF with 1000000000000 rounds. TrayOTP refuses more than 50000000 rounds',
    ],
    [
      'AES-KDF rounds over the bound (KDBX 3.1)',
      patched('keepassxc-NewDatabase.kdbx', AES_ROUNDS_KDBX3, 10n ** 9n),
      'This KeePass database asks for AES-KDF with 1000000000 rounds. TrayOTP refuses more than 50000000 rounds',
    ],
  ])('refuses %s as too costly, at once', async (_what, input, start) => {
    const started = performance.now();
    const error = await importError(input, { password: 'x' });
    expect(error.code).toBe('too-costly');
    expect(error.message.startsWith(start)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses Argon2 memory below 8 KiB per lane as damaged, a typed error (hash-wasm would throw untyped)', async () => {
    // The fixture has two lanes: 8 KiB is enough for one, not for two (RFC 9106 §3.1).
    const error = await importError(
      rehashed(patched('keepass-rs-totp-entry.kdbx', ARGON2_MEMORY, 8n * 1024n)),
      { password: 'x' },
    );
    expect(error.code).toBe('damaged');
    // Refused from the header, before any derivation is tried.
    expect(error.message).toMatch(/its Argon2d settings/);
  });

  it('the bounds are the documented numbers', () => {
    expect(KEEPASS_LIMITS).toEqual({
      maxArgon2MemoryKiB: 1024 * 1024,
      maxArgon2WorkKiB: 8 * 1024 * 1024,
      maxArgon2Parallelism: 64,
      maxAesRounds: 50_000_000,
      maxEntries: 100_000,
    });
  });
});

describe('damaged KeePass files and detection', () => {
  const file = bytesOf('keepass-rs-totp-entry.kdbx');
  it.each([
    ['only the signature', file.subarray(0, 12)],
    ['cut in the header', file.subarray(0, 100)],
    ['cut in the data', file.subarray(0, file.length - 200)],
  ])('%s: a typed ImportError', async (_what, bytes) => {
    const error = await importError({ fileName: 'x.kdbx', bytes }, { password: 'test' });
    expect(['damaged', 'wrong-password']).toContain(error.code);
    expect(error.message).toMatch(/KeePass/);
  });

  it('a KeePass 1 (.kdb) file is recognised and refused with what to do', async () => {
    const kdb = Uint8Array.from([
      0x03,
      0xd9,
      0xa2,
      0x9a,
      0x65,
      0xfb,
      0x4b,
      0xb5,
      ...new Array(120).fill(0),
    ]);
    const input = { fileName: 'old.kdb', bytes: kdb };
    expect(keepass.detect(input)).toEqual({ confidence: 2, encrypted: true });
    const error = await importError(input, { password: 'x' });
    expect([error.code, error.message]).toEqual([
      'unsupported',
      'This is a KeePass 1 database (.kdb). Open it in KeePassXC or KeePass 2, save it as a .kdbx database, and import that.',
    ]);
  });

  it.each([
    ['a ZIP', [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]],
    ['the first signature only', [0x03, 0xd9, 0xa2, 0x9a, 0, 0, 0, 0]],
    ['text', [...new TextEncoder().encode('otpauth://totp/a?secret=A')]],
  ])('does not claim %s', (_what, bytes) => {
    expect(keepass.detect({ fileName: 'x.kdbx', bytes: Uint8Array.from(bytes) })).toEqual({
      confidence: 0,
      encrypted: false,
    });
  });
});

describe('Argon2d engines', () => {
  // Electron's Node has no node:crypto Argon2: there hash-wasm derives the key. Both must agree.
  it('hash-wasm (the fallback) and node:crypto derive the same Argon2d key', async () => {
    const message = new TextEncoder().encode('composite key hash');
    const nonce = new Uint8Array(32).fill(7);
    const params = { iterations: 3, memoryKiB: 1024, parallelism: 2 };
    const wasm = await argon2dKey(message, nonce, params, 32, 'wasm');
    const native = await argon2dKey(message, nonce, params, 32, 'native');
    expect(Buffer.from(wasm).toString('hex')).toBe(Buffer.from(native).toString('hex'));
    expect(wasm).toHaveLength(32);
  });
});

describe('Argon2d without node:crypto (as in Electron)', () => {
  it("runs in the importers' worker thread: the main thread's timers keep firing", async () => {
    const message = new TextEncoder().encode('composite key hash');
    const nonce = new Uint8Array(32).fill(7);
    let params = { iterations: 2, memoryKiB: 32 * 1024, parallelism: 1 };
    await argon2dKey(message, nonce, params, 32, 'wasm'); // start the worker: observe what follows
    let run = await loopDuring(() => argon2dKey(message, nonce, params, 32, 'wasm'));
    // A derivation far longer than the allowed stall (a fast machine gets more passes).
    while (run.durationMs < 1000 && params.iterations < 64) {
      params = { ...params, iterations: params.iterations * 2 };
      run = await loopDuring(() => argon2dKey(message, nonce, params, 32, 'wasm'));
    }
    expect(run.durationMs).toBeGreaterThan(500);
    expect(run.longestGapMs).toBeLessThan(250);
  });
});

describe('KeePass progress, cancellation and an empty password', () => {
  it('reports deriving the key, reading the entries, then done', async () => {
    const stages: string[] = [];
    await importFile(
      fixture('keepassxc-NewDatabase.kdbx'),
      { password: 'a' },
      { onProgress: ({ stage, fraction }) => stages.push(`${stage} ${fraction}`) },
    );
    expect(stages).toEqual(['deriving-key 0', 'reading-entries 0.5', 'done 1']);
  });

  it('stops at once when cancelled while the Argon2id key is being derived', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = importFile(
      fixture('kdbx-rs-kdbx4-argon2id.kdbx'),
      { password: 'kdbxrs' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('an empty password also opens a database that has a key file and no password', async () => {
    const result = await readKeePassDatabase(fixture('kdbxweb-KeyV2.kdbx'), {
      password: '',
      keyFile: bytesOf('kdbxweb-KeyV2.keyx'),
    });
    expect(result.warnings).toEqual([NO_TOTP_WARNING]);
  });
});

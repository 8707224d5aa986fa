// Ente Auth encrypted exports. No sample file exists in the test data, so exports are written
// here exactly as Ente's export_widget.dart does (format: ente-io/ente
// docs/docs/auth/migration/export.md): Argon2id (libsodium crypto_pwhash: t = opsLimit,
// m = memLimit bytes, 1 lane) and one crypto_secretstream_xchacha20poly1305 message.
// Small KDF limits keep the test fast; Ente itself uses 4 GiB·passes (256 MiB × 16).
// As in Electron, whose BoringSSL has no Argon2, node:crypto's argon2 is taken away here: every
// Argon2id runs in a worker thread, the importers' own or the vault's.
import { randomBytes } from 'node:crypto';
import type * as NodeCrypto from 'node:crypto';
import sodium from 'libsodium-wrappers';
import { describe, expect, it, vi } from 'vitest';
import { ImportError, detectFormat, importFile } from '../../../main/importers';
import type { ImportProgress } from '../../../main/importers';
import { argon2idKey, importArgon2Thread } from '../../../main/importers/crypto/kdf';
import { secretstreamEncrypt } from '../../../main/importers/crypto/secretstream';
import { DEFAULT_KDF, deriveKey } from '../../../main/vault/kdf';
import { importError } from './interop-harness';

vi.mock('node:crypto', async (original) => ({
  ...(await original<typeof NodeCrypto>()),
  argon2: undefined,
}));

const display = encodeURIComponent(
  JSON.stringify({ pinned: false, trashed: false, tags: ['Work'] }),
);
const plainExport = [
  `otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30&codeDisplay=${display}`,
  'otpauth://hotp/Bank:bob?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Bank&algorithm=sha512&digits=8&period=30&counter=4',
].join('\n');

async function enteExport(
  plain: string,
  password: string,
  overrides: object = {},
  kdf = { memLimit: 8 * 1024 * 1024, opsLimit: 2 },
  encrypt: (key: Uint8Array, plain: Uint8Array) => Promise<EncryptedBlob> = secretstreamEncrypt,
) {
  const salt = randomBytes(16);
  const { memLimit, opsLimit } = kdf;
  const key = await argon2idKey(
    password,
    salt,
    { iterations: opsLimit, memoryKiB: memLimit / 1024, parallelism: 1 },
    32,
  );
  const { header, ciphertext } = await encrypt(key, new TextEncoder().encode(plain));
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

interface EncryptedBlob {
  header: Uint8Array;
  ciphertext: Uint8Array;
}

/**
 * What Ente Auth's desktop app wrote (ente_crypto_dart chachaEncryptData before its November
 * 2025 "Adds FinalPush" fix): createPush emitted the header, the data as one chunk tagged
 * MESSAGE, then an empty FINAL chunk, which the app dropped. libsodium directly, not our helper.
 */
async function desktopEncrypt(key: Uint8Array, plain: Uint8Array): Promise<EncryptedBlob> {
  await sodium.ready;
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const ciphertext = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    plain,
    null,
    sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
  );
  return { header, ciphertext };
}

async function cancelled(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => new Error('the import was not cancelled'),
    (e: unknown) => e,
  );
  if (!(error instanceof ImportError)) throw error;
  return error;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
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
      { kdfParams: { memLimit: 4096, opsLimit: 4, salt: 'AAAA' } },
      'damaged',
      "This Ente Auth export is damaged: its key memory (4096 bytes) is below libsodium's minimum of 8 KiB.",
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

describe('Ente Auth exports as the apps really write them', () => {
  it("reads the desktop app's export: one chunk tagged MESSAGE, no FINAL (issue 20)", async () => {
    const input = await enteExport(plainExport, 'hunter2', {}, undefined, desktopEncrypt);
    const result = await importFile(input, { password: 'hunter2' });
    expect(result.entries.map((e) => `${e.account.issuer}:${e.account.name}`)).toEqual([
      'GitHub:alice',
      'Bank:bob',
    ]);
    // …and still says "wrong password" when it is.
    expect((await importError(input, { password: 'hunter3' })).code).toBe('wrong-password');
  });

  it('calls data too short to be a chunk damaged, not a wrong password', async () => {
    const input = await enteExport(plainExport, 'pw');
    const file = JSON.parse(new TextDecoder().decode(input.bytes));
    file.encryptedData = Buffer.from(file.encryptedData, 'base64')
      .subarray(0, 10)
      .toString('base64');
    const error = await importError(
      { ...input, bytes: new TextEncoder().encode(JSON.stringify(file)) },
      { password: 'pw' },
    );
    expect([error.code, error.message]).toEqual([
      'damaged',
      'This Ente Auth export is damaged: its encrypted data or its header is too short.',
    ]);
  });
});

describe('Ente Auth key settings: cost bounds, progress, cancel', () => {
  it.each([
    [
      '1 GiB × 1024 passes (issue 13)',
      { memLimit: 2 ** 30, opsLimit: 1024, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' },
      'Argon2id with 1 GiB of memory × 1024 passes × 1 lane (1 TiB·passes of work). TrayOTP refuses more than 8 GiB·passes (twice the 4 GiB·passes every Ente Auth export uses)',
    ],
    [
      '2 GiB × 1 pass',
      { memLimit: 2 ** 31, opsLimit: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' },
      "Argon2id with 2 GiB of memory × 1 pass × 1 lane (2 GiB·passes of work). TrayOTP refuses more than 1 GiB of memory (libsodium's SENSITIVE setting, the most Ente Auth uses)",
    ],
  ])(
    'refuses %s before deriving anything, saying what it asks for',
    async (_what, kdfParams, says) => {
      const input = await enteExport(plainExport, 'pw', { kdfParams });
      const started = performance.now();
      const error = await importError(input, { password: 'pw' });
      expect(error.code).toBe('too-costly');
      expect(error.message).toContain(says);
      expect(error.message).toContain('it was changed after export; export it again.');
      expect(performance.now() - started).toBeLessThan(1_000);
    },
  );

  it('reports real progress: one step per derivation, decryption and reading, then done', async () => {
    const input = await enteExport(plainExport, 'pw');
    const seen: ImportProgress[] = [];
    await importFile(input, { password: 'pw' }, { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { fraction: 0, stage: 'deriving-key' },
      { fraction: 1 / 3, stage: 'decrypting' },
      { fraction: 2 / 3, stage: 'reading-entries' },
      { fraction: 1, stage: 'done' },
    ]);
  });

  it('cancel stops a long derivation at once: its worker is terminated, the import ends "cancelled"', async () => {
    // 256 MiB × 8 passes: many seconds of Argon2id, half of what Ente asks for.
    const input = await enteExport(plainExport, 'pw', {}, { memLimit: 8 << 20, opsLimit: 1 });
    const file = JSON.parse(new TextDecoder().decode(input.bytes));
    file.kdfParams = { ...file.kdfParams, memLimit: 256 << 20, opsLimit: 8 };
    const costly = { ...input, bytes: new TextEncoder().encode(JSON.stringify(file)) };
    const controller = new AbortController();
    const stages: string[] = [];
    const importing = importFile(
      costly,
      { password: 'pw' },
      { signal: controller.signal, onProgress: (p) => stages.push(p.stage) },
    );
    await until(() => importArgon2Thread.liveWorkers === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    controller.abort();
    const error = await cancelled(importing);
    const cancelMs = performance.now() - started;
    console.log(
      `Ente import (256 MiB × 8) cancelled after 300 ms: rejected in ${cancelMs.toFixed(1)} ms`,
    );
    expect([error.code, error.message]).toEqual([
      'cancelled',
      'The import was cancelled; nothing was imported.',
    ]);
    expect(cancelMs).toBeLessThan(200);
    expect(stages).toEqual(['deriving-key']);
    await until(() => importArgon2Thread.liveWorkers === 0, 2_000);
    // An import already cancelled does not start.
    const aborted = AbortSignal.abort();
    expect((await cancelled(importFile(input, { password: 'pw' }, { signal: aborted }))).code).toBe(
      'cancelled',
    );
  });

  it('an unlock completes promptly while a long import derivation runs (its own worker)', async () => {
    const salt = randomBytes(16);
    await deriveKey('warm up the vault worker', salt, DEFAULT_KDF);
    let started = performance.now();
    await deriveKey('correct horse battery staple', salt, DEFAULT_KDF);
    const aloneMs = performance.now() - started;

    const input = await enteExport(plainExport, 'pw', {}, { memLimit: 8 << 20, opsLimit: 1 });
    const file = JSON.parse(new TextDecoder().decode(input.bytes));
    file.kdfParams = { ...file.kdfParams, memLimit: 256 << 20, opsLimit: 8 };
    const costly = { ...input, bytes: new TextEncoder().encode(JSON.stringify(file)) };
    const controller = new AbortController();
    let importSettled = false;
    const importing = importFile(costly, { password: 'pw' }, { signal: controller.signal }).finally(
      () => (importSettled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the import's derivation is under way
    started = performance.now();
    await deriveKey('correct horse battery staple', salt, DEFAULT_KDF);
    const duringMs = performance.now() - started;
    const importStillRunning = !importSettled;
    controller.abort();
    await cancelled(importing);
    console.log(
      `vault unlock (64 MiB × 3 × 4): ${aloneMs.toFixed(0)} ms alone, ${duringMs.toFixed(0)} ms during an import's 256 MiB × 8 derivation`,
    );
    // The unlock did not wait for the import: it finished while the import was still deriving.
    expect(importStillRunning).toBe(true);
  });
});

// Argon2id in a worker thread: the same keys as hash-wasm on the calling thread (and as
// node:crypto's independent Argon2 where Node has it), an event loop that stays responsive during
// a default-strength derivation, errors that arrive as the same messages, and a worker that is
// terminated once idle. From source the worker runs through tsx; the built one
// (out/main/argon2id-worker.js) is tested too where `npm run build` has made it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { argon2id } from 'hash-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeArgon2id } from '../../../main/importers/crypto/kdf';
import { Argon2idThread, defaultWorkerLocation } from '../../../main/vault/argon2id-thread';
import type { Argon2idInput } from '../../../main/vault/argon2id-thread';
import { DEFAULT_KDF, deriveKey, passphraseBytes } from '../../../main/vault/kdf';
import { maxDelayDuring } from '../../support/event-loop';

const built = new URL('../../../out/main/argon2id-worker.js', import.meta.url);
const salt = Buffer.from('0123456789abcdef');
/** Small and quick: most cases are about the thread, not the cost. */
const OWASP_SMALL = { iterations: 2, memoryKiB: 1024, parallelism: 1, hashLength: 32 };

function inThread(input: Argon2idInput): Promise<Uint8Array> {
  return argon2id({
    password: input.password,
    salt: input.salt,
    iterations: input.iterations,
    memorySize: input.memoryKiB,
    parallelism: input.parallelism,
    hashLength: input.hashLength,
    outputType: 'binary',
  });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const threads: Argon2idThread[] = [];
function thread(idleMs = 100): Argon2idThread {
  const created = new Argon2idThread({ idleMs });
  threads.push(created);
  return created;
}
afterAll(async () => {
  await Promise.all(threads.map((t) => t.close()));
});

describe('Argon2id in a worker thread (from source, via tsx)', () => {
  it.each([
    { password: 'pässword', iterations: 2, memoryKiB: 8192, parallelism: 1, hashLength: 32 },
    { password: 'pässword', iterations: 1, memoryKiB: 4096, parallelism: 4, hashLength: 32 },
    { password: 'a', iterations: 3, memoryKiB: 64, parallelism: 2, hashLength: 16 },
    { password: '🔑 密码', iterations: 2, memoryKiB: 1024, parallelism: 1, hashLength: 64 },
  ])('$iterations passes, $memoryKiB KiB, $parallelism lanes: the in-thread key', async (p) => {
    const worker = thread();
    for (const password of [p.password, passphraseBytes(p.password)]) {
      const input = { ...p, password, salt };
      const expected = Buffer.from(await inThread(input));
      const key = Buffer.from(await worker.derive(input));
      expect(key).toEqual(expected);
      const native = await nativeArgon2id(password, salt, p, p.hashLength);
      if (native) expect(key).toEqual(Buffer.from(native));
    }
  });

  it('leaves the caller its password bytes (a copy is handed to the worker)', async () => {
    const password = new Uint8Array(Buffer.from('do not detach me'));
    await thread().derive({ ...OWASP_SMALL, password, salt });
    expect(Buffer.from(password).toString()).toBe('do not detach me');
  });

  it('vault deriveKey at the default strength: the in-thread key, and the event loop stays responsive', async () => {
    const passphrase = 'correct horse battery staple';
    const input = {
      password: passphraseBytes(passphrase),
      salt,
      iterations: DEFAULT_KDF.iterations,
      memoryKiB: DEFAULT_KDF.memoryKiB,
      parallelism: DEFAULT_KDF.parallelism,
      hashLength: 32,
    };
    await deriveKey(passphrase, salt, DEFAULT_KDF); // start the shared worker: measure what follows
    let key: Uint8Array | undefined;
    let started = performance.now();
    const worker = await maxDelayDuring(async () => {
      key = await deriveKey(passphrase, salt, DEFAULT_KDF);
    });
    const workerMs = performance.now() - started;
    let expected: Uint8Array | undefined;
    started = performance.now();
    const blocked = await maxDelayDuring(async () => {
      expected = await inThread(input);
    });
    const inThreadMs = performance.now() - started;
    // What the loop suffers with nothing to do, for as long, on this machine right now.
    const idle = await maxDelayDuring(
      () => new Promise((resolve) => setTimeout(resolve, Math.max(300, workerMs))),
    );
    console.log(
      `Argon2id 64 MiB, t=3, p=4: event-loop delay max ${blocked.toFixed(1)} ms in-thread ` +
        `(${inThreadMs.toFixed(0)} ms), ${worker.toFixed(1)} ms with the worker ` +
        `(${workerMs.toFixed(0)} ms); idle max ${idle.toFixed(1)} ms`,
    );
    expect(Buffer.from(key!)).toEqual(Buffer.from(expected!));
    expect(worker).toBeLessThan(50 + idle);
    // The baseline is real: in-thread, the loop waits for most of the derivation.
    expect(blocked).toBeGreaterThan(inThreadMs / 2);
  });

  it.each<[string, Partial<Argon2idInput>]>([
    ['a salt shorter than 8 bytes', { salt: Buffer.from('short') }],
    ['less memory than 8 KiB per lane', { memoryKiB: 16, parallelism: 4 }],
    ['no passes', { iterations: 0 }],
  ])('%s: the same error as in-thread', async (_name, change) => {
    const input = { ...OWASP_SMALL, password: 'x', salt, ...change };
    const message = await inThread(input).then(
      () => 'no error',
      (error: Error) => error.message,
    );
    expect(message).not.toBe('no error');
    await expect(thread().derive(input)).rejects.toThrow(message);
  });

  it('a burst reuses one worker, which is terminated once idle; the next call starts another', async () => {
    const worker = thread(150);
    const input = { ...OWASP_SMALL, password: 'x', salt };
    const keys = await Promise.all([worker.derive(input), worker.derive(input)]);
    expect(keys[0]).toEqual(keys[1]);
    expect(worker.liveWorkers).toBe(1);
    await until(() => worker.liveWorkers === 0);
    expect(Buffer.from(await worker.derive(input))).toEqual(Buffer.from(keys[0]!));
    expect(worker.liveWorkers).toBe(1);
    await until(() => worker.liveWorkers === 0);
  });

  it('a worker that dies fails its derivations with a sentence a person can act on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trayotp-argon-'));
    try {
      const crashing = join(dir, 'crash.mjs');
      writeFileSync(crashing, 'process.exit(3);\n');
      const script = pathToFileURL(crashing);
      const worker = new Argon2idThread({ location: () => ({ script }), idleMs: 100 });
      threads.push(worker);
      await expect(worker.derive({ ...OWASP_SMALL, password: 'x', salt })).rejects.toThrow(
        'The key derivation stopped: it exited with status 3. Try again.',
      );
      expect(worker.liveWorkers).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('where the worker is found', () => {
  it('from source: the .ts worker through tsx', () => {
    const location = defaultWorkerLocation('file:///app/main/vault/argon2id-thread.ts');
    expect(location.script.href).toBe('file:///app/main/vault/argon2id-worker.ts');
    expect(location.execArgv?.[0]).toBe('--import');
  });

  it('built: beside the entry, whether this code is in the entry or in a chunk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trayotp-out-'));
    try {
      mkdirSync(join(dir, 'chunks'));
      writeFileSync(join(dir, 'argon2id-worker.js'), '');
      const worker = pathToFileURL(join(dir, 'argon2id-worker.js')).href;
      for (const module of ['index.js', 'chunks/export-X1.js']) {
        const location = defaultWorkerLocation(pathToFileURL(join(dir, module)).href);
        expect(location).toEqual({ script: new URL(worker) });
      }
      rmSync(join(dir, 'argon2id-worker.js'));
      expect(() => defaultWorkerLocation(pathToFileURL(join(dir, 'index.js')).href)).toThrow(
        /key derivation worker is missing .* rebuild the app/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!existsSync(fileURLToPath(built)))(
  'the built worker (out/main/argon2id-worker.js)',
  () => {
    it('gives the in-thread key', async () => {
      const worker = new Argon2idThread({ location: () => ({ script: built }), idleMs: 50 });
      threads.push(worker);
      const input = { ...OWASP_SMALL, password: 'pässword', salt };
      expect(Buffer.from(await worker.derive(input))).toEqual(Buffer.from(await inThread(input)));
      await until(() => worker.liveWorkers === 0);
    });
  },
);

// Argon2id in a worker thread: the same keys as hash-wasm on the calling thread (and as
// node:crypto's independent Argon2 where Node has it), a main thread whose timers keep firing
// during a long derivation, errors that arrive as the same messages, a worker that is terminated
// once idle, and one an AbortSignal terminates at once. From source the worker runs through tsx; the built one
// (out/main/argon2id-worker.js) is tested too where `npm run build` has made it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { argon2id } from 'hash-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeArgon2id } from '../../../main/importers/crypto/kdf';
import {
  Argon2idThread,
  DerivationAbortedError,
  defaultWorkerLocation,
} from '../../../main/vault/argon2id-thread';
import type { Argon2idInput } from '../../../main/vault/argon2id-thread';
import { DEFAULT_KDF, deriveKey, passphraseBytes } from '../../../main/vault/kdf';
import type { Argon2idParams } from '../../../main/vault/kdf';
import { loopDuring } from '../../support/event-loop';
import type { LoopDuring } from '../../support/event-loop';

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

  it('vault deriveKey: the in-thread key, derived in the worker while the main thread keeps running its timers', async () => {
    // Behaviour, not speed: a derivation that takes far longer than the stall allowed (in-thread
    // it holds the event loop for all of it), during which the main thread's 10 ms timer never
    // waits longer than the allowed stall and the main thread is mostly idle.
    const ALLOWED_STALL_MS = 250;
    const passphrase = 'correct horse battery staple';
    let params: Argon2idParams = DEFAULT_KDF;
    let expected: Uint8Array | undefined;
    let blocked: LoopDuring;
    for (;;) {
      const input = { ...params, password: passphraseBytes(passphrase), salt, hashLength: 32 };
      blocked = await loopDuring(async () => {
        expected = await inThread(input);
      });
      if (blocked.durationMs >= 4 * ALLOWED_STALL_MS) break;
      params = { ...params, iterations: params.iterations * 2 }; // a fast machine: longer work
    }
    await deriveKey(passphrase, salt, params); // start the shared worker: observe what follows
    let key: Uint8Array | undefined;
    const offThread = await loopDuring(async () => {
      key = await deriveKey(passphrase, salt, params);
    });
    const report = (d: LoopDuring) =>
      `${d.durationMs.toFixed(0)} ms, longest timer gap ${d.longestGapMs.toFixed(1)} ms, ` +
      `${d.ticks} ticks, main-thread utilization ${d.utilization.toFixed(2)}`;
    console.log(
      `Argon2id ${params.memoryKiB / 1024} MiB, t=${params.iterations}, p=${params.parallelism}: ` +
        `in-thread ${report(blocked)}; worker ${report(offThread)}`,
    );
    expect(Buffer.from(key!)).toEqual(Buffer.from(expected!));
    // The check can fail: in-thread, the timer waits for (nearly) the whole derivation.
    expect(blocked.longestGapMs).toBeGreaterThan(blocked.durationMs / 2);
    expect(blocked.longestGapMs).toBeGreaterThan(ALLOWED_STALL_MS);
    // With the worker: a long derivation, and the timers kept firing all through it.
    expect(offThread.durationMs).toBeGreaterThan(2 * ALLOWED_STALL_MS);
    expect(offThread.longestGapMs).toBeLessThan(ALLOWED_STALL_MS);
    expect(offThread.utilization).toBeLessThan(0.5);
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

  it('an AbortSignal stops a derivation: its worker is terminated, the next call starts another', async () => {
    const worker = thread(5_000);
    const controller = new AbortController();
    const long = { ...OWASP_SMALL, memoryKiB: 256 * 1024, iterations: 16, password: 'x', salt };
    const deriving = worker.derive(long, { signal: controller.signal });
    const queued = worker.derive({ ...OWASP_SMALL, password: 'y', salt });
    await until(() => worker.liveWorkers === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    controller.abort();
    await expect(deriving).rejects.toThrow(DerivationAbortedError);
    expect(performance.now() - started).toBeLessThan(100);
    await expect(queued).rejects.toThrow(
      'The key derivation stopped: another derivation on its worker was cancelled. Try again.',
    );
    await until(() => worker.liveWorkers === 0, 2_000); // terminated, not left computing
    await expect(worker.derive(long, { signal: AbortSignal.abort() })).rejects.toThrow(
      DerivationAbortedError,
    );
    expect(worker.liveWorkers).toBe(0); // an aborted signal starts nothing
    const input = { ...OWASP_SMALL, password: 'x', salt };
    expect(Buffer.from(await worker.derive(input))).toEqual(Buffer.from(await inThread(input)));
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

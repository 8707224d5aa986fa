// Argon2id off the main thread: the client of ./argon2id-worker. One worker, started by the first
// derivation and terminated once it has been idle for a moment (a burst of derivations, such as an
// import that tries two settings, reuses it; an idle app keeps neither a thread nor the
// derivation's memory). Callers keep their signatures: deriveKey and argon2idKey await this.
// The vault's unlock uses the process's shared instance (argon2idOffThread); imports have an
// instance of their own (main/importers/crypto/kdf.ts), so an unlock never queues behind an
// import's derivation, and cancelling an import (an AbortSignal) terminates only its worker.
//
// Where the worker is: in the built app and CLI, out/main/argon2id-worker.js (its own entry in
// electron.vite.config.ts) beside out/main/index.js and cli.js, while this code may be bundled
// into one of them or into out/main/chunks/; from source (vitest, tsx) main/vault/argon2id-worker.ts,
// run through tsx's loader like the QR worker.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface Argon2idInput {
  /** Bytes are copied into the worker's own buffer; a string is encoded there as UTF-8. */
  password: string | Uint8Array;
  salt: Uint8Array;
  iterations: number;
  memoryKiB: number;
  parallelism: number;
  hashLength: number;
  /**
   * Argon2id unless said otherwise. KeePass databases mostly use Argon2d, which Electron's
   * BoringSSL lacks: it runs here too rather than freeze the main process.
   */
  variant?: 'argon2id' | 'argon2d';
}

export interface Argon2idRequest {
  id: number;
  input: Argon2idInput;
}

export type Argon2idReply = { id: number; key: Uint8Array } | { id: number; error: string };

export interface WorkerLocation {
  script: URL;
  execArgv?: string[];
}

export interface Argon2idThreadOptions {
  /** Where the worker script is (default: found from this module's own location). */
  location?: () => WorkerLocation;
  /** How long an idle worker is kept for the next derivation before it is terminated. */
  idleMs?: number;
}

export const DEFAULT_IDLE_MS = 2_000;

const BUILT_CANDIDATES = ['./argon2id-worker.js', '../argon2id-worker.js'];

/** The worker beside this module: the .ts source through tsx, or the built .js entry. */
export function defaultWorkerLocation(moduleUrl: string = import.meta.url): WorkerLocation {
  if (moduleUrl.endsWith('.ts')) {
    return {
      script: new URL('./argon2id-worker.ts', moduleUrl),
      execArgv: ['--import', import.meta.resolve('tsx')],
    };
  }
  // A computed name, so the bundler leaves the URL alone and it is resolved at run time.
  for (const candidate of BUILT_CANDIDATES) {
    const script = new URL(candidate, moduleUrl);
    if (existsSync(script)) return { script };
  }
  throw new Error(
    `The key derivation worker is missing beside ${moduleUrl} (looked for ${BUILT_CANDIDATES.join(' and ')}); rebuild the app.`,
  );
}

type Pending = { resolve: (key: Uint8Array) => void; reject: (error: Error) => void };

/** A derivation stopped because its caller's AbortSignal was aborted. */
export class DerivationAbortedError extends Error {
  override readonly name = 'DerivationAbortedError';
  constructor() {
    super('The key derivation was cancelled.');
  }
}

export class Argon2idThread {
  readonly #location: () => WorkerLocation;
  readonly #idleMs: number;
  #worker: Worker | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #nextId = 1;
  #live = 0;
  readonly #pending = new Map<number, Pending>();

  constructor(options: Argon2idThreadOptions = {}) {
    this.#location = options.location ?? (() => defaultWorkerLocation());
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** Worker threads started and not yet exited (0 once an idle worker has been terminated). */
  get liveWorkers(): number {
    return this.#live;
  }

  /**
   * Aborting `signal` stops the derivation: the worker is terminated (WebAssembly stops at once,
   * and its memory is freed), this call rejects with DerivationAbortedError, and any other
   * derivation queued on the same worker fails with "The key derivation stopped".
   */
  derive(input: Argon2idInput, options: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new DerivationAbortedError());
    let onAbort: (() => void) | undefined;
    return new Promise<Uint8Array>((resolve, reject) => {
      const worker = this.#start();
      clearTimeout(this.#idleTimer);
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      if (signal) {
        onAbort = () => this.#abort(worker, id);
        signal.addEventListener('abort', onAbort, { once: true });
      }
      worker.ref(); // keep the process alive while a derivation is under way
      // A copy in a buffer of its own, handed over: no second copy of the passphrase stays here
      // (Buffer.from may put small strings in a shared pool that must not be transferred).
      const password =
        typeof input.password === 'string' ? input.password : new Uint8Array(input.password);
      const request: Argon2idRequest = { id, input: { ...input, password } };
      worker.postMessage(
        request,
        typeof password === 'string' ? [] : [password.buffer as ArrayBuffer],
      );
    }).finally(() => {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      this.#settled();
    });
  }

  #abort(worker: Worker, id: number): void {
    const request = this.#pending.get(id);
    if (!request || this.#worker !== worker) return;
    this.#pending.delete(id);
    request.reject(new DerivationAbortedError());
    this.#worker = undefined;
    this.#failAll('another derivation on its worker was cancelled');
    void worker.terminate();
  }

  /** Terminates the worker now; derivations under way fail. */
  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    const worker = this.#worker;
    if (worker) await worker.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const { script, execArgv } = this.#location();
    const worker = new Worker(script, execArgv ? { execArgv } : {});
    worker.on('message', (reply: Argon2idReply) => {
      const request = this.#pending.get(reply.id);
      if (!request) return;
      this.#pending.delete(reply.id);
      if ('key' in reply) request.resolve(reply.key);
      else request.reject(new Error(reply.error));
    });
    // Only the current worker has requests: one terminated for idleness has none left.
    worker.on('error', (error) => {
      if (this.#worker === worker) this.#failAll(error.message);
    });
    worker.on('exit', (status) => {
      this.#live--;
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#failAll(`it exited with status ${status}`);
    });
    this.#worker = worker;
    this.#live++;
    return worker;
  }

  #settled(): void {
    const worker = this.#worker;
    if (!worker || this.#pending.size > 0) return;
    worker.unref(); // an idle worker never keeps the process alive
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.#worker === worker && this.#pending.size === 0) {
        this.#worker = undefined;
        void worker.terminate();
      }
    }, this.#idleMs);
    this.#idleTimer.unref();
  }

  #failAll(reason: string): void {
    for (const { reject } of this.#pending.values()) {
      reject(new Error(`The key derivation stopped: ${reason}. Try again.`));
    }
    this.#pending.clear();
  }
}

let shared: Argon2idThread | undefined;

/** Argon2id in the process's shared worker (started on demand, terminated when idle). */
export function argon2idOffThread(input: Argon2idInput): Promise<Uint8Array> {
  shared ??= new Argon2idThread();
  return shared.derive(input);
}

// The caller's side of the reading worker: every foreign file the app, the CLI or the backup
// follower reads goes through here. One worker per file, started under the worker budget
// (budgets.ts: heap, young generation, stack, wall-clock time); its answer is the entries or a
// one-line error, and a worker that runs out of memory, overruns its time or dies becomes an
// ImportError of the same kind. Cancelling terminates the worker, and with it any key derivation
// it started (the Argon2 worker it owns).
//
// Where the worker is: in the built app and CLI, out/main/import-worker.js (its own entry in
// electron.vite.config.ts) beside out/main/index.js and cli.js, while this code may be bundled
// into one of them or into out/main/chunks/; from source (vitest, tsx) main/import-worker/worker.ts
// through tsx's loader, like the QR and Argon2id workers.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { WORKER_BUDGET } from '../importers/budgets';
import type { WorkerBudget } from '../importers/budgets';
import { ImportError } from '../importers/errors';
import type { ImportErrorCode } from '../importers/errors';
import type {
  ImportInput,
  ImportOptions,
  ImportResult,
  ImportedEntry,
  SkippedEntry,
} from '../importers/types';
import { OtpError } from '../otp/errors';
import type { OtpErrorCode } from '../otp/errors';
import { QrError } from '../qr/errors';
import type { QrErrorCode } from '../qr/errors';
import { MORE } from './protocol';
import type { DetectedFormat, ReaderReply, ReaderRequest, SentError } from './protocol';

export type { DetectedFormat } from './protocol';

export interface WorkerLocation {
  script: URL;
  execArgv?: string[];
}

export interface ReaderOptions {
  /** Bounds for this read (default WORKER_BUDGET); tests lower them to reach them quickly. */
  budget?: Partial<WorkerBudget>;
  /** Where the worker script is (default: found from this module's own location). */
  location?: () => WorkerLocation;
}

export interface ReadRequest {
  format?: string | undefined;
  password?: string | undefined;
  keyFile?: Uint8Array | undefined;
}

const BUILT_CANDIDATES = ['./import-worker.js', '../import-worker.js'];

/** The worker beside this module: the .ts source through tsx, or the built .js entry. */
export function defaultReaderLocation(moduleUrl: string = import.meta.url): WorkerLocation {
  if (moduleUrl.endsWith('.ts')) {
    return {
      script: new URL('./worker.ts', moduleUrl),
      execArgv: ['--import', import.meta.resolve('tsx')],
    };
  }
  // A computed name, so the bundler leaves the URL alone and it is resolved at run time.
  for (const candidate of BUILT_CANDIDATES) {
    const script = new URL(candidate, moduleUrl);
    if (existsSync(script)) return { script };
  }
  throw new Error(
    `The file reading worker is missing beside ${moduleUrl} (looked for ${BUILT_CANDIDATES.join(' and ')}); rebuild the app.`,
  );
}

/**
 * Reads a foreign file in the worker: the named or detected format, its password and key file.
 * `progress` follows it (onProgress, as importFile reports it) and cancels it (signal: the
 * promise rejects with ImportError('cancelled') and the worker is terminated).
 */
export async function readForeignFile(
  input: ImportInput,
  request: ReadRequest = {},
  progress: Pick<ImportOptions, 'signal' | 'onProgress'> = {},
  reader: ReaderOptions = {},
): Promise<ImportResult> {
  const { format, password, keyFile } = request;
  const reply = await run(
    {
      op: 'read',
      input,
      ...(format !== undefined && { format }),
      ...(password !== undefined && { password }),
      ...(keyFile !== undefined && { keyFile }),
    },
    progress,
    reader,
  );
  if (reply.type !== 'result') throw unexpected(reply.type);
  return reply.result;
}

/**
 * Which format the file is, from its content (ImportError('unknown-format') when none); with
 * `format`, how well the file fits that one (confidence 0 with what it looks like instead).
 */
export async function detectForeignFile(
  input: ImportInput,
  format?: string,
  reader: ReaderOptions = {},
): Promise<DetectedFormat> {
  const request: ReaderRequest = { op: 'detect', input, ...(format !== undefined && { format }) };
  const reply = await run(request, {}, reader);
  if (reply.type !== 'detected') throw unexpected(reply.type);
  return reply.detected;
}

function run(
  request: ReaderRequest,
  progress: Pick<ImportOptions, 'signal' | 'onProgress'>,
  reader: ReaderOptions,
): Promise<Exclude<ReaderReply, { type: 'progress' | 'part' | 'error' }>> {
  const budget = { ...WORKER_BUDGET, ...reader.budget };
  const { signal, onProgress } = progress;
  if (signal?.aborted) return Promise.reject(cancelled());
  const { script, execArgv } = (reader.location ?? defaultReaderLocation)();
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      ...(execArgv && { execArgv }),
      workerData: request,
      resourceLimits: {
        maxOldGenerationSizeMb: budget.heapMiB,
        maxYoungGenerationSizeMb: budget.youngMiB,
        stackSizeMb: budget.stackMiB,
      },
    });
    let settled = false;
    // The answer is given once the worker has stopped: a caller that exits right after it (the
    // command line, the hostile harness's child) otherwise races Node's teardown of a worker
    // still freeing a large heap, and the process can hang in exit (seen: 1 run in 8 on a loaded
    // machine, the answer printed, every thread asleep). Bounded, so a worker that never
    // finishes stopping cannot hold the answer back.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void stopped(worker).then(outcome);
    };
    const fail = (error: Error) => settle(() => reject(error));
    const timer = setTimeout(() => fail(overran(budget.timeMs)), budget.timeMs);
    const onAbort = () => fail(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    // A large result comes in parts, each asked for in turn, so this thread's event loop runs
    // between them (protocol.ts, PART_SIZE).
    const entries: ImportedEntry[] = [];
    const skipped: SkippedEntry[] = [];
    worker.on('message', (reply: ReaderReply) => {
      if (settled) return;
      if (reply.type === 'progress') onProgress?.(reply.progress);
      else if (reply.type === 'part') {
        for (const entry of reply.entries) entries.push(entry);
        for (const row of reply.skipped) skipped.push(row);
        setImmediate(() => settled || worker.postMessage(MORE));
      } else if (reply.type === 'error') fail(received(reply.error));
      else if (reply.type === 'result') {
        const { result } = reply;
        entries.push(...result.entries);
        skipped.push(...result.skipped);
        settle(() => resolve({ type: 'result', result: { ...result, entries, skipped } }));
      } else settle(() => resolve(reply));
    });
    worker.on('error', (error: Error & { code?: string }) =>
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? outOfMemory(budget.heapMiB)
          : died(error.message),
      ),
    );
    worker.on('exit', (status) => fail(died(`it exited with status ${status}`)));
  });
}

/** How long an answer waits for its worker to stop before it is given anyway, ms. */
const STOP_WAIT_MS = 2_000;

function stopped(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, STOP_WAIT_MS);
    timer.unref();
    worker
      .terminate()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

function cancelled(): ImportError {
  return new ImportError('cancelled', 'The import was cancelled; nothing was imported.');
}

function outOfMemory(heapMiB: number): ImportError {
  return new ImportError(
    'too-large',
    `This file needs more memory than TrayOTP allows for an import (${heapMiB} MiB); it was not read. Check that it is the export file.`,
  );
}

function overran(timeMs: number): ImportError {
  return new ImportError(
    'too-costly',
    `This file takes longer to read than TrayOTP allows for an import (${Math.round(timeMs / 100) / 10} s); it was not read. Check that it is the export file.`,
  );
}

function died(reason: string): ImportError {
  return new ImportError(
    'damaged',
    `TrayOTP's file reader stopped while reading this file (${reason.split('\n')[0]}); nothing was imported.`,
  );
}

function unexpected(type: string): Error {
  return new Error(`The file reading worker answered "${type}" out of turn.`);
}

/** The worker's error as the class the caller knows; anything untyped stays an untyped Error. */
function received({ name, message, code }: SentError): Error {
  if (name === 'ImportError') return new ImportError(code as ImportErrorCode, message);
  if (name === 'OtpError') return new OtpError(code as OtpErrorCode, message);
  if (name === 'QrError') return new QrError(code as QrErrorCode, message);
  const error = new Error(message);
  error.name = name;
  return error;
}

// The reading worker (worker_threads): the one place a foreign file is parsed. It is started per
// file by ./client.ts under resourceLimits (heap, stack) and a wall-clock budget, so a bomb, a
// runaway parse or a crash ends this thread, never the app. It answers once, then is stopped.
// Built as its own entry (out/main/import-worker.js, see electron.vite.config.ts); run from source
// through tsx in tests and `tsx`-run tools.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from '../importers/errors';
import { describeContent, detectFormat, importFile, importers } from '../importers/registry';
import { MORE, PART_SIZE } from './protocol';
import type { DetectedFormat, ReaderReply, ReaderRequest, SentError } from './protocol';
import type { ImportResult } from '../importers/types';

if (!parentPort) throw new Error('main/import-worker/worker.ts runs only as a worker thread.');
const port = parentPort;

/**
 * On Linux a thread is a task of its own: this one yields the CPU to the app's main thread (the
 * tray, the hotkey, IPC) when both want it, as a reading worker filling its heap otherwise competes
 * with it on a small machine. Elsewhere (no /proc/thread-self) it runs at the process's priority.
 */
function yieldToTheApp(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // not Linux, or not allowed: the default priority
  }
}
yieldToTheApp();

function detect(request: Extract<ReaderRequest, { op: 'detect' }>): DetectedFormat {
  const { input, format } = request;
  if (format === undefined) {
    const { importer, encrypted } = detectFormat(input);
    return { id: importer.id, label: importer.label, encrypted, confidence: 2 };
  }
  const named = importers.find((i) => i.id === format);
  if (!named) {
    throw new ImportError(
      'unknown-format',
      `Unknown format "${format}"; known formats: ${importers.map((i) => i.id).join(', ')}.`,
    );
  }
  const { confidence, encrypted } = named.detect(input);
  const detected = { id: named.id, label: named.label, encrypted, confidence };
  return confidence > 0 ? detected : { ...detected, looksLike: looksLike(input) };
}

function looksLike(input: ReaderRequest['input']): string {
  try {
    const { importer } = detectFormat(input);
    return `it looks like ${importer.label} (${importer.id}); leave out --format to read it as that`;
  } catch {
    return describeContent(input.bytes);
  }
}

async function answer(request: ReaderRequest): Promise<ReaderReply> {
  if (request.op === 'detect') return { type: 'detected', detected: detect(request) };
  const { input, format, password, keyFile } = request;
  const result = await importFile(
    input,
    { ...(format !== undefined && { format }), ...(password !== undefined && { password }) },
    {
      ...(keyFile && { keyFile }),
      onProgress: (progress) => port.postMessage({ type: 'progress', progress }),
    },
  );
  return { type: 'result', result: await sendInParts(result) };
}

/** Whenever the caller asks for the next part. */
let asked: (() => void) | undefined;
port.on('message', (message) => {
  if (message === MORE) asked?.();
});
const nextAsked = () => new Promise<void>((resolve) => (asked = resolve));

/** Sends the entries and skipped rows in parts, each when asked; returns the rest. */
async function sendInParts(result: ImportResult): Promise<ImportResult> {
  const { entries, skipped } = result;
  if (entries.length + skipped.length <= PART_SIZE) return result;
  for (let at = 0; at < entries.length; at += PART_SIZE) {
    port.postMessage({ type: 'part', entries: entries.slice(at, at + PART_SIZE), skipped: [] });
    await nextAsked();
  }
  for (let at = 0; at < skipped.length; at += PART_SIZE) {
    port.postMessage({ type: 'part', entries: [], skipped: skipped.slice(at, at + PART_SIZE) });
    await nextAsked();
  }
  return { ...result, entries: [], skipped: [] };
}

function sent(error: unknown): SentError {
  const named = error instanceof Error ? error : new Error(String(error));
  const code = (named as { code?: unknown }).code;
  return {
    name: named.name,
    message: named.message,
    ...(typeof code === 'string' && { code }),
  };
}

let reply: ReaderReply;
try {
  reply = await answer(workerData as ReaderRequest);
} catch (error) {
  reply = { type: 'error', error: sent(error) };
}
port.postMessage(reply);

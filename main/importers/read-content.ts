// Small readers shared by the importers of part B: the file as text, as JSON, as base64.
// Detection calls them on every file, so they never throw: undefined means "not this".
// Also the one size cap on import inputs, checked before anything reads or parses them.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_IMPORT_BYTES, mib } from './budgets';
import { ImportError } from './errors';
import type { ImportInput } from './types';

// The cap lives with the other bounds (budgets.ts); re-exported for the importers' callers.
export { MAX_IMPORT_BYTES } from './budgets';

function tooLarge(fileName: string, size: number): ImportError {
  return new ImportError(
    'too-large',
    `"${fileName}" is ${mib(size)}; no export TrayOTP reads is larger than ${mib(MAX_IMPORT_BYTES)}. Check that this is the export file.`,
  );
}

/** Throws ImportError('too-large') for input past MAX_IMPORT_BYTES: call before parsing. */
export function checkImportSize(input: ImportInput): void {
  if (input.bytes.length > MAX_IMPORT_BYTES) throw tooLarge(input.fileName, input.bytes.length);
}

/**
 * Reads an import file from a path: a regular file of at most MAX_IMPORT_BYTES, refused from
 * its size before reading, and read no further than the cap even if it grows meanwhile.
 */
export async function readImportFile(path: string): Promise<ImportInput> {
  const fileName = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(
      'unsupported',
      code === 'ENOENT'
        ? `"${fileName}" does not exist.`
        : `"${fileName}" cannot be read: ${(error as Error).message}`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new ImportError('unsupported', `"${fileName}" is not a file.`);
    }
    if (info.size > MAX_IMPORT_BYTES) throw tooLarge(fileName, info.size);
    const buffer = Buffer.alloc(Math.min(info.size, MAX_IMPORT_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > MAX_IMPORT_BYTES) throw tooLarge(fileName, length);
        break; // the file grew since stat() but stays within the cap: read what was there
      }
    }
    return { fileName, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } finally {
    await handle.close();
  }
}

/** The bytes as UTF-8 text without a byte-order mark, or undefined for binary data. */
export function textOf(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  // A NUL or a run of replacement characters means binary content, not text. Counted up to 9,
  // not matched into an array of every one (32 MiB of bad bytes would be millions of strings).
  if (text.includes('\u0000')) return undefined;
  let replacements = 0;
  for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) {
    if (++replacements > 8) return undefined;
  }
  return text;
}

// Detection asks every importer about the same bytes: parse them once. Callers only read.
const parsedJson = new WeakMap<Uint8Array, unknown>();

/** The content parsed as JSON, or undefined when it is not JSON. */
export function jsonOf(bytes: Uint8Array): unknown {
  if (parsedJson.has(bytes)) return parsedJson.get(bytes);
  const json = parseJson(bytes);
  parsedJson.set(bytes, json);
  return json;
}

function parseJson(bytes: Uint8Array): unknown {
  const text = textOf(bytes)?.trim();
  if (!text || !(text.startsWith('{') || text.startsWith('['))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A plain object (not an array, not null), for narrowing parsed JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The content decoded from base64 text (whitespace allowed), or undefined when it is not. */
export function base64Of(bytes: Uint8Array): Buffer | undefined {
  const text = textOf(bytes)?.replace(/\s+/g, '');
  if (!text || !/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}

/** Java's signed bytes (-128…127, as FreeOTP writes them in JSON) to raw bytes. */
export function signedBytes(values: unknown): Uint8Array | undefined {
  if (!Array.isArray(values)) return undefined;
  const ok = values.every(
    (v) => Number.isInteger(v) && (v as number) >= -128 && (v as number) <= 255,
  );
  return ok ? Uint8Array.from(values as number[], (v) => v & 0xff) : undefined;
}

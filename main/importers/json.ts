// Reading JSON exports: bytes → value, or undefined when the bytes are not JSON (detection must
// never throw). Small helpers for the loose shapes other apps write.

import { INFLATE_BUDGET } from './budgets';

/** JSON comes from a file (at most the import cap) or from an inflated entry (at most this). */
const MAX_JSON_BYTES = INFLATE_BUDGET.maxBytes;

export function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0 || bytes.length > MAX_JSON_BYTES) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, or undefined (numbers are turned into strings: apps disagree on types). */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A number or numeric-string field as apps write it, for toAccount to validate. */
export function num(value: unknown): number | string | undefined {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return undefined;
}

// Small readers shared by the importers of part B: the file as text, as JSON, as base64.
// Detection calls them on every file, so they never throw: undefined means "not this".

/** The bytes as UTF-8 text without a byte-order mark, or undefined for binary data. */
export function textOf(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  // A NUL or a run of replacement characters means binary content, not text.
  if (text.includes('\u0000') || (text.match(/\uFFFD/g)?.length ?? 0) > 8) return undefined;
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

// One file of the sync folder (docs/sync.md § File format): magic, version, kind, a JSON header,
// then AES-256-GCM ciphertext and tag, with every byte before the ciphertext as associated data.
// Decoding checks sizes before it parses anything and names each problem.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SyncFileError } from './errors';
import type { SyncKey } from './keys';

export const MAGIC = Buffer.from('TRAYOTPS', 'ascii');
export const FORMAT_VERSION = 1;
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_HEADER_BYTES = 4096;
const PREFIX_BYTES = 15;
const TAG_BYTES = 16;
const NONCE_BYTES = 12;

export const KIND = { segment: 1, snapshot: 2, device: 3, invitation: 4, rotation: 5 } as const;
export type Kind = keyof typeof KIND;

const headerSchema = z.strictObject({
  device: z.string().regex(/^[a-z2-7]{26}$/),
  seq: z.number().int().min(1).max(9_999_999_999).optional(),
  invite: z
    .string()
    .regex(/^[a-z2-7]{13}$/)
    .optional(),
  key: z.string().regex(/^[A-Za-z0-9+/]{11}=$/),
  nonce: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
});
export type FileHeader = z.infer<typeof headerSchema>;

export interface DecodedFile {
  kind: Kind;
  header: FileHeader;
  plaintext: Buffer;
}

export function encodeFile(
  kind: Kind,
  header: Omit<FileHeader, 'key' | 'nonce'>,
  plaintext: Uint8Array,
  key: SyncKey,
  random: (n: number) => Uint8Array = randomBytes,
): Buffer {
  const nonce = Buffer.from(random(NONCE_BYTES));
  const headerBytes = Buffer.from(
    JSON.stringify({ ...header, key: key.id, nonce: nonce.toString('base64') }),
    'utf8',
  );
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(FORMAT_VERSION, 8);
  prefix.writeUInt8(KIND[kind], 10);
  prefix.writeUInt32BE(headerBytes.length, 11);
  const aad = Buffer.concat([prefix, headerBytes]);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const out = Buffer.concat([aad, body, cipher.getAuthTag()]);
  if (out.length > MAX_FILE_BYTES) {
    throw new RangeError(`A sync file may hold at most ${MAX_FILE_BYTES} bytes; compact first.`);
  }
  return out;
}

/** Reads the header without a key (which key to use, which device and sequence it claims). */
export function peekFile(
  bytes: Uint8Array,
  what: string,
): { kind: Kind; header: FileHeader; headerEnd: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > MAX_FILE_BYTES)
    throw problem('too-large', what, `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
  if (buf.length < PREFIX_BYTES) throw problem('truncated', what, 'it is cut short');
  if (!buf.subarray(0, 8).equals(MAGIC))
    throw problem('not-a-sync-file', what, 'it is not a TrayOTP sync file');
  const version = buf.readUInt16BE(8);
  if (version !== FORMAT_VERSION) {
    throw new SyncFileError(
      'unsupported-version',
      `${what} was written by a newer TrayOTP (sync format ${version}); update TrayOTP on this computer. Nothing of this device was applied.`,
    );
  }
  const kindByte = buf.readUInt8(10);
  const kind = (Object.keys(KIND) as Kind[]).find((k) => KIND[k] === kindByte);
  if (!kind) throw problem('bad-header', what, `its kind ${kindByte} is unknown`);
  const headerLength = buf.readUInt32BE(11);
  if (headerLength < 2 || headerLength > MAX_HEADER_BYTES)
    throw problem('bad-header', what, 'its header length is out of bounds');
  const headerEnd = PREFIX_BYTES + headerLength;
  if (headerEnd + 1 + TAG_BYTES > buf.length) throw problem('truncated', what, 'it is cut short');
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(PREFIX_BYTES, headerEnd)),
    );
  } catch {
    throw problem('bad-header', what, 'its header is not JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw problem('bad-header', what, 'its header does not match the format');
  return { kind, header: parsed.data, headerEnd };
}

export function decodeFile(bytes: Uint8Array, keys: readonly SyncKey[], what: string): DecodedFile {
  const { kind, header, headerEnd } = peekFile(bytes, what);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const key = keys.find((k) => k.id === header.key);
  if (!key) {
    throw new SyncFileError(
      'unknown-key',
      `${what} is encrypted with a sync key this computer does not have: the device was removed, or this computer needs a new invitation. Nothing of this device was applied.`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(header.nonce, 'base64'));
    decipher.setAAD(buf.subarray(0, headerEnd));
    decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(buf.subarray(headerEnd, buf.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return { kind, header, plaintext };
  } catch {
    throw problem(
      'authentication',
      what,
      'it fails its authentication check (damaged, or not written with this sync key)',
    );
  }
}

function problem(code: SyncFileError['code'], what: string, why: string): SyncFileError {
  return new SyncFileError(
    code,
    `${what} cannot be used: ${why}. Nothing of this device was applied.`,
  );
}

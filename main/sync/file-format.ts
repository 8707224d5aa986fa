// One file of the sync folder (docs/sync.md § File format): magic, version, kind, a JSON header,
// then AES-256-GCM ciphertext and tag, with every byte before the ciphertext as associated data.
// Format 2 appends the writing device's Ed25519 signature of every byte before it, so a file can
// be attributed to its device (the sync key alone is shared by every member, and by a removed
// one). Decoding checks sizes before it parses anything and names each problem.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { signBytes, verifyBytes } from './device-keys';
import type { DeviceKeys } from './device-keys';
import { SyncFileError } from './errors';
import type { SyncKey } from './keys';

export const MAGIC = Buffer.from('TRAYOTPS', 'ascii');
/** Written by this version; format 1 (unsigned) is still read, for groups that moved up. */
export const FORMAT_VERSION = 2;
const SIGNATURE_BYTES = 64;
const SIGNATURE_CONTEXT = Buffer.from('TrayOTP file v2|', 'ascii');
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
  /** 1: unsigned (an older TrayOTP); 2: `signed` holds what its device signed. */
  version: 1 | 2;
  signed?: { bytes: Buffer; signature: Buffer };
}

/**
 * Encodes one file. With `signer` it is format 2, signed by that device; without, format 1
 * (what an older TrayOTP wrote; kept for tests of how such files are treated).
 */
export function encodeFile(
  kind: Kind,
  header: Omit<FileHeader, 'key' | 'nonce'>,
  plaintext: Uint8Array,
  key: SyncKey,
  random: (n: number) => Uint8Array = randomBytes,
  signer?: DeviceKeys,
): Buffer {
  const nonce = Buffer.from(random(NONCE_BYTES));
  const headerBytes = Buffer.from(
    JSON.stringify({ ...header, key: key.id, nonce: nonce.toString('base64') }),
    'utf8',
  );
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(signer ? FORMAT_VERSION : 1, 8);
  prefix.writeUInt8(KIND[kind], 10);
  prefix.writeUInt32BE(headerBytes.length, 11);
  const aad = Buffer.concat([prefix, headerBytes]);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const sealed = Buffer.concat([aad, body, cipher.getAuthTag()]);
  const out = signer
    ? Buffer.concat([sealed, Buffer.from(signBytes(signer, signedDigest(sealed)), 'base64')])
    : sealed;
  if (out.length > MAX_FILE_BYTES) {
    throw new RangeError(`A sync file may hold at most ${MAX_FILE_BYTES} bytes; compact first.`);
  }
  return out;
}

/** Reads the header without a key (which key to use, which device and sequence it claims). */
export function peekFile(
  bytes: Uint8Array,
  what: string,
): { kind: Kind; header: FileHeader; headerEnd: number; version: 1 | 2; end: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > MAX_FILE_BYTES)
    throw problem('too-large', what, `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
  if (buf.length < PREFIX_BYTES) throw problem('truncated', what, 'it is cut short');
  if (!buf.subarray(0, 8).equals(MAGIC))
    throw problem('not-a-sync-file', what, 'it is not a TrayOTP sync file');
  const version = buf.readUInt16BE(8);
  if (version !== 1 && version !== 2) {
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
  // Where the AEAD part ends: format 2 has the signature after it.
  const end = buf.length - (version === 2 ? SIGNATURE_BYTES : 0);
  if (headerEnd + 1 + TAG_BYTES > end) throw problem('truncated', what, 'it is cut short');
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
  return { kind, header: parsed.data, headerEnd, version, end };
}

export function decodeFile(bytes: Uint8Array, keys: readonly SyncKey[], what: string): DecodedFile {
  const { kind, header, headerEnd, version, end } = peekFile(bytes, what);
  const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const buf = whole.subarray(0, end);
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
    const signed =
      version === 2 ? { bytes: signedDigest(buf), signature: whole.subarray(end) } : undefined;
    return { kind, header, plaintext, version, ...(signed && { signed }) };
  } catch {
    throw problem(
      'authentication',
      what,
      'it fails its authentication check (damaged, or not written with this sync key)',
    );
  }
}

/**
 * What a device signs: the context and the SHA-256 of every byte before the signature (one pass
 * over a 16 MiB file instead of Ed25519's two SHA-512 passes over all of it).
 */
function signedDigest(sealed: Buffer): Buffer {
  return Buffer.concat([SIGNATURE_CONTEXT, createHash('sha256').update(sealed).digest()]);
}

/** Whether a format-2 file was signed by the holder of `signPublic` (format 1 never is). */
export function signedBy(file: DecodedFile, signPublic: string): boolean {
  return (
    file.signed !== undefined &&
    verifyBytes(signPublic, file.signed.bytes, file.signed.signature.toString('base64'))
  );
}

function problem(code: SyncFileError['code'], what: string, why: string): SyncFileError {
  return new SyncFileError(
    code,
    `${what} cannot be used: ${why}. Nothing of this device was applied.`,
  );
}

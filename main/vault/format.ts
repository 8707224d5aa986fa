// The vault's byte layout (docs/vault.md § File layout) and the reading steps 2–11 and 16 of
// § Reading: everything that can be checked without a key, then the body's tag with one.
// Pure functions over bytes: no files, no clock, no randomness.
import { createHash } from 'node:crypto';
import { open, seal, TAG_BYTES } from './crypto';
import { VaultFormatError, VaultIntegrityError } from './errors';
import { headerSchema, MAX_BODY_BYTES } from './header';
import type { VaultHeader } from './header';
import { kdfCost } from './kdf';

export const MAGIC = Buffer.from('TRAYOTPV', 'ascii');
export const FORMAT_VERSION = 1;
const PREFIX_BYTES = 14; // magic 8, version 2, header length 4
const CHECKSUM_BYTES = 32;
export const MAX_HEADER_BYTES = 1024 * 1024;
/**
 * The largest file the format can describe (largest header and body): a bigger file cannot be a
 * vault, so it is refused before it is read (about 65 MiB, far above any real vault).
 */
export const MAX_VAULT_FILE_BYTES =
  PREFIX_BYTES + MAX_HEADER_BYTES + CHECKSUM_BYTES + MAX_BODY_BYTES + TAG_BYTES;

/** A file that passed every keyless check: the header is known, the body still sealed. */
export interface ParsedVault {
  header: VaultHeader;
  /** Bytes [0, 46+H): the GCM associated data. */
  aad: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Builds the file: header (with body.length set here) + checksum + sealed body. */
export function encodeVault(
  header: Omit<VaultHeader, 'body'> & { body: Omit<VaultHeader['body'], 'length'> },
  masterKey: Uint8Array,
  plaintext: Uint8Array,
): Buffer {
  const full: VaultHeader = { ...header, body: { ...header.body, length: plaintext.length } };
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(FORMAT_VERSION, 8);
  prefix.writeUInt32BE(headerBytes.length, 10);
  const checked = Buffer.concat([prefix, headerBytes]);
  const aad = Buffer.concat([checked, sha256(checked)]);
  const { ciphertext, tag } = seal(
    masterKey,
    Buffer.from(full.body.nonce, 'base64'),
    plaintext,
    aad,
  );
  return Buffer.concat([aad, ciphertext, tag]);
}

/** Steps 2–11 of docs/vault.md § Reading. Throws VaultIntegrityError or VaultFormatError. */
export function decodeVault(file: Uint8Array): ParsedVault {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length === 0) throw new VaultIntegrityError('empty');
  if (bytes.every((byte) => byte === 0)) throw new VaultIntegrityError('zero-filled');
  if (bytes.length < PREFIX_BYTES) {
    const magicPart = MAGIC.subarray(0, Math.min(bytes.length, MAGIC.length));
    if (bytes.subarray(0, magicPart.length).equals(magicPart)) {
      throw new VaultIntegrityError('truncated');
    }
  }
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new VaultFormatError(
      'not-a-vault',
      'This file is not a TrayOTP vault (it does not start with TRAYOTPV). Nothing was changed; check the path.',
    );
  }
  const version = bytes.readUInt16BE(8);
  if (version !== FORMAT_VERSION) {
    throw new VaultFormatError(
      'unsupported-version',
      version > FORMAT_VERSION
        ? `This vault is format version ${version}, made by a newer TrayOTP; update TrayOTP to open it. Nothing was changed.`
        : `This vault claims format version ${version}, which no TrayOTP ever wrote. Nothing was changed; restore the newest good backup.`,
    );
  }
  const headerLength = bytes.readUInt32BE(10);
  if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
    throw new VaultIntegrityError('header-checksum');
  }
  const checkedEnd = PREFIX_BYTES + headerLength;
  if (checkedEnd + CHECKSUM_BYTES > bytes.length) throw new VaultIntegrityError('truncated');
  const checked = bytes.subarray(0, checkedEnd);
  if (!sha256(checked).equals(bytes.subarray(checkedEnd, checkedEnd + CHECKSUM_BYTES))) {
    throw new VaultIntegrityError('header-checksum');
  }
  const header = parseHeader(bytes.subarray(PREFIX_BYTES, checkedEnd));
  refuseCostlyKdf(header);
  const bodyStart = checkedEnd + CHECKSUM_BYTES;
  const expectedSize = bodyStart + header.body.length + TAG_BYTES;
  if (bytes.length < expectedSize) throw new VaultIntegrityError('truncated');
  if (bytes.length > expectedSize) throw new VaultIntegrityError('trailing-bytes');
  return {
    header,
    // Copies, so a caller's later reuse of the file buffer cannot change a parsed vault.
    aad: Buffer.from(bytes.subarray(0, bodyStart)),
    ciphertext: Buffer.from(bytes.subarray(bodyStart, bodyStart + header.body.length)),
    tag: Buffer.from(bytes.subarray(bodyStart + header.body.length)),
  };
}

/** Step 16: the body's plaintext under a master key already proven by the key check. */
export function decryptBody(parsed: ParsedVault, masterKey: Uint8Array): Buffer {
  const plaintext = open(
    masterKey,
    Buffer.from(parsed.header.body.nonce, 'base64'),
    parsed.ciphertext,
    parsed.tag,
    parsed.aad,
  );
  if (!plaintext) throw new VaultIntegrityError('body-authentication');
  return plaintext;
}

function parseHeader(headerBytes: Buffer): VaultHeader {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw badHeader('it is not UTF-8 JSON');
  }
  const result = headerSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badHeader(`${issue?.path.join('.') || 'header'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Before anything is derived: a header may not ask for an unlock longer than the bound. */
function refuseCostlyKdf(header: VaultHeader): void {
  for (const slot of header.slots) {
    if (slot.type !== 'passphrase') continue;
    const { cost, max } = kdfCost(slot.kdf);
    if (cost > max) {
      throw new VaultFormatError(
        'kdf-too-costly',
        `This vault's passphrase slot asks for a key derivation ${Math.ceil(cost / max)}× costlier than TrayOTP agrees to compute (${slot.kdf.name}, ${cost} > ${max}); it was not made by TrayOTP or was altered. Nothing was changed; restore the newest good backup.`,
      );
    }
  }
}

function badHeader(detail: string): VaultFormatError {
  return new VaultFormatError(
    'bad-header',
    `The vault's header cannot be read by this version of TrayOTP (${detail}). Nothing was changed; update TrayOTP or restore the newest good backup.`,
  );
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

// The vault's symmetric crypto, all node:crypto: AES-256-GCM with 96-bit nonces and 128-bit tags,
// and the master key's check value. Failures return undefined so callers decide which typed
// error a failed tag means (wrong key or damage) — that depends on what was already verified.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const MASTER_KEY_BYTES = 32;
export const KEY_CHECK_BYTES = 16;

/** Randomness, injectable so tests can fix it; the real one is the OS CSPRNG. */
export type RandomBytes = (length: number) => Uint8Array;
export const systemRandom: RandomBytes = (length) => randomBytes(length);

export interface Sealed {
  ciphertext: Buffer;
  tag: Buffer;
}

export function seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array) {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() } satisfies Sealed;
}

/** The plaintext, or undefined when the tag does not verify. */
export function open(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): Buffer | undefined {
  if (key.length !== MASTER_KEY_BYTES || nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) {
    return undefined;
  }
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** HMAC-SHA256(masterKey, label), first 16 bytes: proves a slot yielded the right key. */
export function keyCheck(masterKey: Uint8Array): Buffer {
  return createHmac('sha256', masterKey)
    .update('TrayOTP key check v1')
    .digest()
    .subarray(0, KEY_CHECK_BYTES);
}

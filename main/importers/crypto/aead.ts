// Authenticated decryption for the importers. A failed GCM/HMAC check means "wrong password or
// tampered file": callers turn `undefined` into ImportError('wrong-password'), never "corrupt".
import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import type { CipherGCMTypes } from 'node:crypto';

/** AES-GCM (key 16/24/32 bytes); undefined when the tag does not verify. */
export function aesGcmDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad?: Uint8Array,
): Buffer | undefined {
  if (tag.length !== 16 || nonce.length === 0) return undefined;
  const algorithm = `aes-${key.length * 8}-gcm` as CipherGCMTypes;
  const decipher = createDecipheriv(algorithm, key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(tag);
  if (aad) decipher.setAAD(aad);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** AES-GCM where the 16-byte tag is appended to the ciphertext (WebCrypto/Java style). */
export function aesGcmDecryptJoined(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
): Buffer | undefined {
  if (sealed.length < 16) return undefined;
  return aesGcmDecrypt(
    key,
    nonce,
    sealed.subarray(0, sealed.length - 16),
    sealed.subarray(sealed.length - 16),
    aad,
  );
}

/** AES-CBC with PKCS#7 padding; undefined when the padding is wrong (likely a wrong key). */
export function aesCbcDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Buffer | undefined {
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0 || iv.length !== 16) return undefined;
  const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

export function hmacSha256Equals(key: Uint8Array, data: Uint8Array, mac: Uint8Array): boolean {
  const expected = createHmac('sha256', key).update(data).digest();
  return mac.length === expected.length && timingSafeEqual(expected, mac);
}

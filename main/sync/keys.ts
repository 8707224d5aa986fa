// The sync key (docs/sync.md § Keys): 32 random bytes that encrypt every file in the folder.
// Its id (8 bytes of an HMAC) names it in file headers without revealing it.
import { createHmac, randomBytes } from 'node:crypto';

export interface SyncKey {
  id: string;
  key: Buffer;
}

export const SYNC_KEY_BYTES = 32;

export function syncKeyId(key: Uint8Array): string {
  return createHmac('sha256', key)
    .update('TrayOTP sync key id v1')
    .digest()
    .subarray(0, 8)
    .toString('base64');
}

export function syncKeyFrom(key: Uint8Array): SyncKey {
  if (key.length !== SYNC_KEY_BYTES) throw new RangeError('A sync key is 32 bytes.');
  return { id: syncKeyId(key), key: Buffer.from(key) };
}

export function newSyncKey(random: (n: number) => Uint8Array = randomBytes): SyncKey {
  return syncKeyFrom(random(SYNC_KEY_BYTES));
}

/** A random device id: 16 bytes, lowercase base32 without padding (26 characters). */
export function newDeviceId(random: (n: number) => Uint8Array = randomBytes): string {
  return base32(random(16)).toLowerCase();
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32(text: string): Buffer | undefined {
  const clean = text.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z2-7]*$/.test(clean)) return undefined;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

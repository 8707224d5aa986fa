// Bitwarden's password-protected export crypto (bitwarden/clients: BaseVaultExportService
// .buildPasswordExport, KeyGenerationService.deriveKeyFromPassword and .stretchKey):
// key = PBKDF2-SHA256(password, salt as UTF-8 text, iterations) or Argon2id(password,
// SHA-256(salt text), iterations, memory MiB, parallelism); then HKDF-Expand(key, "enc") and
// HKDF-Expand(key, "mac") give the AES-256-CBC and HMAC-SHA256 keys of each EncString
// "2.iv|ciphertext|mac" (base64 parts; the MAC covers iv || ciphertext).
import { createHash, createHmac } from 'node:crypto';
import { aesCbcDecrypt, hmacSha256Equals } from './aead';
import { argon2idKey, pbkdf2Key } from './kdf';
import type { KdfRunOptions } from './kdf';

export interface BitwardenKdf {
  /** 0 = PBKDF2-SHA256, 1 = Argon2id. */
  type: number;
  iterations: number;
  /** Argon2id memory in MiB. */
  memory?: number;
  parallelism?: number;
}

export interface StretchedKey {
  encKey: Buffer;
  macKey: Buffer;
}

export async function bitwardenKey(
  password: string,
  salt: string,
  kdf: BitwardenKdf,
  options: KdfRunOptions = {},
): Promise<StretchedKey> {
  const master =
    kdf.type === 1
      ? Buffer.from(
          await argon2idKey(
            password,
            createHash('sha256').update(salt, 'utf8').digest(),
            {
              iterations: kdf.iterations,
              memoryKiB: (kdf.memory ?? 64) * 1024,
              parallelism: kdf.parallelism ?? 4,
            },
            32,
            options,
          ),
        )
      : await pbkdf2Key(password, Buffer.from(salt, 'utf8'), kdf.iterations, 32, 'sha256');
  return { encKey: hkdfExpand32(master, 'enc'), macKey: hkdfExpand32(master, 'mac') };
}

/** HKDF-Expand (RFC 5869) for one SHA-256 block: T(1) = HMAC(prk, info || 0x01). */
export function hkdfExpand32(prk: Uint8Array, info: string): Buffer {
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
    .digest();
}

export type EncStringResult = { ok: true; plain: Buffer } | { ok: false; why: 'mac' | 'format' };

export function decryptEncString(encString: string, key: StretchedKey): EncStringResult {
  const match = /^2\.([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(encString);
  if (!match) return { ok: false, why: 'format' };
  const [iv, data, mac] = match.slice(1).map((part) => Buffer.from(part, 'base64')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (!hmacSha256Equals(key.macKey, Buffer.concat([iv, data]), mac))
    return { ok: false, why: 'mac' };
  const plain = aesCbcDecrypt(key.encKey, iv, data);
  return plain ? { ok: true, plain } : { ok: false, why: 'format' };
}

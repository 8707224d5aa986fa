// Key derivation functions foreign formats use. All async, so a slow KDF never blocks the main
// process; node:crypto where it has the function, hash-wasm for Argon2id.
import { pbkdf2, scrypt } from 'node:crypto';
import { argon2id } from 'hash-wasm';

export type PbkdfHash = 'sha1' | 'sha256' | 'sha512';

export function pbkdf2Key(
  password: string | Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
  hash: PbkdfHash,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    pbkdf2(password, salt, iterations, length, hash, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export function scryptKey(
  password: string | Uint8Array,
  salt: Uint8Array,
  params: { N: number; r: number; p: number },
  length: number,
): Promise<Buffer> {
  // node's default maxmem (32 MiB) is exactly what Aegis's N=2^15, r=8 needs; leave headroom.
  const maxmem = 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function argon2idKey(
  password: string | Uint8Array,
  salt: Uint8Array,
  params: { iterations: number; memoryKiB: number; parallelism: number },
  length: number,
): Promise<Uint8Array> {
  return argon2id({
    password,
    salt,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: length,
    outputType: 'binary',
  });
}

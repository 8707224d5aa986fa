// Key derivation functions foreign formats use. All async, so a slow KDF never blocks the main
// process; node:crypto where it has the function, hash-wasm in a worker thread for Argon2id where
// it has not. Imports have an Argon2id worker of their own, never the vault's: an unlock must not
// wait behind an import's derivation (an Ente export's takes tens of seconds).
import * as nodeCrypto from 'node:crypto';
import { pbkdf2, scrypt } from 'node:crypto';
import { Argon2idThread } from '../../vault/argon2id-thread';

/** The importers' Argon2id worker (started on demand, terminated when idle or cancelled). */
export const importArgon2Thread = new Argon2idThread();

export interface KdfRunOptions {
  /**
   * Cancels the derivation. Argon2id then runs in the importers' worker, which an abort
   * terminates. node:crypto's scrypt and PBKDF2 run on libuv's thread pool, where a run under way
   * cannot be stopped: the caller stops waiting at once (ImportSteps), the run's result is
   * dropped, and the per-file cost bounds keep such a run short.
   */
  signal?: AbortSignal;
}

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
  options: KdfRunOptions = {},
): Promise<Uint8Array> {
  // Node 24's OpenSSL Argon2 runs on the libuv thread pool (no blocked event loop) and measured
  // twice as fast as WebAssembly, but cannot be stopped once started; Electron's BoringSSL has
  // none. So hash-wasm in the importers' worker thread is used where Node has no Argon2 and
  // whenever the caller may cancel (in-thread, an Ente export's settings froze the app).
  if (!options.signal) {
    const native = await nativeArgon2id(password, salt, params, length);
    if (native) return native;
  }
  return importArgon2Thread.derive(
    {
      password,
      salt,
      iterations: params.iterations,
      memoryKiB: params.memoryKiB,
      parallelism: params.parallelism,
      hashLength: length,
    },
    options,
  );
}

/** node:crypto's Argon2 (Node 24.7 and later; Electron's BoringSSL has none). */
type NativeArgon2 = (
  algorithm: 'argon2d' | 'argon2id',
  parameters: {
    message: string | Uint8Array;
    nonce: Uint8Array;
    parallelism: number;
    tagLength: number;
    memory: number;
    passes: number;
  },
  callback: (error: Error | null, key: Buffer) => void,
) => void;

export interface Argon2Params {
  iterations: number;
  memoryKiB: number;
  parallelism: number;
}

/**
 * Argon2d or Argon2id through node:crypto (libuv's thread pool); undefined where this runtime
 * has no Argon2, so the caller falls back to hash-wasm. The promise rejects with node's error.
 */
export function nativeArgon2(
  algorithm: 'argon2d' | 'argon2id',
  message: string | Uint8Array,
  nonce: Uint8Array,
  params: Argon2Params,
  length: number,
): Promise<Uint8Array> | undefined {
  const argon2 = (nodeCrypto as { argon2?: NativeArgon2 }).argon2;
  if (typeof argon2 !== 'function') return undefined;
  return new Promise((resolve, reject) =>
    argon2(
      algorithm,
      {
        message,
        nonce,
        parallelism: params.parallelism,
        tagLength: length,
        memory: params.memoryKiB,
        passes: params.iterations,
      },
      (error, key) => (error ? reject(error) : resolve(new Uint8Array(key))),
    ),
  );
}

/** Undefined where node:crypto has no (working) Argon2. */
export function nativeArgon2id(
  password: string | Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  length: number,
): Promise<Uint8Array | undefined> {
  const derived = nativeArgon2('argon2id', password, salt, params, length);
  return derived ? derived.catch(() => undefined) : Promise.resolve(undefined);
}

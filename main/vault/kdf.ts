// Passphrase → key-encryption key. Memory-hard KDFs only; the parameters live in the slot so they
// can be raised later without a format change. Limits are docs/vault.md § Passphrase KDF.
import { scrypt } from 'node:crypto';
import { argon2idOffThread } from './argon2id-thread';

export interface Argon2idParams {
  name: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
}

export type KdfParams = Argon2idParams | ScryptParams;

/**
 * The default for new vaults: RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes),
 * also Bitwarden's default; 4.9× OWASP's 19 MiB × 2 minimum in memory × passes. `npm run
 * bench:vault` measured about 0.3 s per unlock on a 2-core machine.
 */
export const DEFAULT_KDF: Argon2idParams = {
  name: 'argon2id',
  memoryKiB: 65_536,
  iterations: 3,
  parallelism: 4,
};

/** OWASP's minimum for scrypt (N=2^17, r=8, p=1): the benchmark's point of comparison. */
export const OWASP_SCRYPT: ScryptParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };

/** OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane). */
export const OWASP_ARGON2ID: Argon2idParams = {
  name: 'argon2id',
  memoryKiB: 19_456,
  iterations: 2,
  parallelism: 1,
};

export const KEY_BYTES = 32;

/** Whether new slots may use these parameters without `allowWeakKdf` (OWASP's tables). */
export function meetsOwaspMinimum(params: KdfParams): boolean {
  if (params.name === 'argon2id') {
    return params.memoryKiB >= 7_168 && params.memoryKiB * params.iterations >= 35_840;
  }
  return params.N * params.r >= 65_536 && params.N * params.r * params.p >= 655_360;
}

/**
 * Bounds on the *time* a header may ask an unlock to take, as an estimated cost, since memory
 * limits alone still allowed 1 GiB × 64 passes (about two minutes). Argon2id's work is
 * memory × passes (hash-wasm computes the lanes one after another, so parallelism does not
 * shorten it); scrypt's is N × r × p. Both bounds equal libsodium's "sensitive" Argon2id preset
 * (1 GiB × 4 passes), the costliest setting a mainstream library offers, which measured about
 * 8 s on a shared 2-core machine; scrypt's bound is 16× OWASP's N=2^17, r=8 (about 6 s).
 * Everything create and changePassphrase accept is within them (checkKdf applies them too).
 */
export const MAX_ARGON2ID_COST = 1_048_576 * 4;
export const MAX_SCRYPT_COST = 2 ** 24;

/** The estimated cost in the unit of its bound, and the bound. */
export function kdfCost(params: KdfParams): { cost: number; max: number } {
  return params.name === 'argon2id'
    ? { cost: params.memoryKiB * params.iterations, max: MAX_ARGON2ID_COST }
    : { cost: params.N * params.r * params.p, max: MAX_SCRYPT_COST };
}

export function withinCostBound(params: KdfParams): boolean {
  const { cost, max } = kdfCost(params);
  return cost <= max;
}

/** Whether parameters are ones this program agrees to compute: memory, shape and time. */
export function withinComputeLimits(params: KdfParams): boolean {
  return withinParameterLimits(params) && withinCostBound(params);
}

/** The per-parameter limits a header's KDF must meet (a memory DoS guard). */
export function withinParameterLimits(params: KdfParams): boolean {
  if (params.name === 'argon2id') {
    return (
      params.parallelism >= 1 &&
      params.parallelism <= 16 &&
      params.iterations >= 1 &&
      params.iterations <= 64 &&
      params.memoryKiB >= 8 * params.parallelism &&
      params.memoryKiB <= 1_048_576
    );
  }
  const powerOfTwo = params.N >= 2 && (params.N & (params.N - 1)) === 0;
  return (
    powerOfTwo &&
    params.N <= 2 ** 22 &&
    params.r >= 1 &&
    params.r <= 32 &&
    params.p >= 1 &&
    params.p <= 16 &&
    128 * params.N * params.r <= 1024 ** 3
  );
}

/** The passphrase bytes every KDF sees: NFC, so the same words typed anywhere give one key. */
export function passphraseBytes(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

export async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  params: KdfParams,
): Promise<Uint8Array> {
  const password = passphraseBytes(passphrase);
  try {
    if (params.name === 'argon2id') {
      // hash-wasm in a worker thread: in-thread it blocked the event loop for the whole unlock.
      return await argon2idOffThread({
        password,
        salt,
        iterations: params.iterations,
        memoryKiB: params.memoryKiB,
        parallelism: params.parallelism,
        hashLength: KEY_BYTES,
      });
    }
    // node's default maxmem (32 MiB) is below OWASP's N=2^17, r=8; allow what the params need.
    const maxmem = 128 * params.N * params.r * (params.p + 1) + 16 * 1024 * 1024;
    return await new Promise<Uint8Array>((resolve, reject) =>
      scrypt(
        password,
        salt,
        KEY_BYTES,
        { N: params.N, r: params.r, p: params.p, maxmem },
        (e, k) => (e ? reject(e) : resolve(k)),
      ),
    );
  } finally {
    password.fill(0);
  }
}

// How much key derivation an imported file may ask for. A file's KDF settings are the attacker's
// choice: unchecked, an Aegis slot could ask for 8 GiB of scrypt, a Bitwarden export for 10
// million Argon2 passes, an Ente export for 1 GiB × 1024 passes, which is hours of work.
// The bounds are on the ESTIMATED COST of all the derivations a file would make TrayOTP run:
// Argon2id memory × passes (its time grows with exactly that number of 1 KiB block
// compressions; the lanes run one after another in WebAssembly, so parallelism does not divide
// it), scrypt N·r·p (its number of BlockMix calls) and memory 128·N·r, and PBKDF2 iterations. Each
// bound is set from what the app that writes the format really uses (sources in each limit),
// well above it; above it the file is refused with ImportError('too-costly') before any work.
import { ImportError } from '../errors';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export interface Argon2Cost {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

export interface Argon2Limit {
  maxMemoryKiB: number;
  /** memory × passes, in KiB·passes, summed over every derivation the file needs. */
  maxWorkKiB: number;
  maxParallelism: number;
  /** Why these bounds, in words for the refusal ("twice what Ente Auth writes"). */
  why: { memory: string; work: string; parallelism: string };
}

/**
 * Ente Auth (ente-io/ente ente_crypto deriveSensitiveKey, used by export_widget.dart): libsodium
 * crypto_pwhash with memLimit × opsLimit always equal to SENSITIVE (1 GiB × 4 = 4 GiB·passes):
 * 1 GiB × 4 in older apps, 256 MiB × 16 since January 2025, halving memory and doubling passes
 * down to 128 MiB × 32 on small devices; one lane. Bound: twice that work, at most 1 GiB.
 */
export const ENTE_ARGON2: Argon2Limit = {
  maxMemoryKiB: GiB / KiB,
  maxWorkKiB: (8 * GiB) / KiB,
  maxParallelism: 1,
  why: {
    memory: "libsodium's SENSITIVE setting, the most Ente Auth uses",
    work: 'twice the 4 GiB·passes every Ente Auth export uses',
    parallelism: 'Ente Auth, like libsodium, uses one lane',
  },
};

/**
 * Bitwarden (bitwarden/clients kdf-config.ts Argon2KdfConfig): memory 16–1024 MiB, iterations
 * 2–10, parallelism 1–16; default 64 MiB × 3 × 4 lanes (192 MiB·passes). Bound: Bitwarden's own
 * maximum, 1 GiB × 10 passes (53 times its default); its client refuses to set more.
 */
export const BITWARDEN_ARGON2: Argon2Limit = {
  maxMemoryKiB: GiB / KiB,
  maxWorkKiB: (10 * GiB) / KiB,
  maxParallelism: 16,
  why: {
    memory: "the most Bitwarden's own settings allow",
    work: "the most Bitwarden's own settings allow: 1 GiB × 10 passes",
    parallelism: "the most Bitwarden's own settings allow",
  },
};

/**
 * Bitwarden PBKDF2-SHA256 (kdf-config.ts PBKDF2KdfConfig): 600,000 by default, at most
 * 2,000,000; accounts from before 2023 may still have 100,000 or Bitwarden's old minimum, 5,000.
 */
export const BITWARDEN_PBKDF2 = { minIterations: 5_000, maxIterations: 2_000_000 };

/**
 * Aegis (beemdevelopment/Aegis CryptoUtils): every password slot uses N = 2^15, r = 8, p = 1
 * (32 MiB, 2^18 BlockMix calls), and Aegis keeps one password slot. Bounds: 8 times its memory
 * per derivation, 16 times its work per derivation and 32 times it in all (every slot, both
 * password forms), and 4 distinct password slots.
 */
export const AEGIS_SCRYPT = {
  maxMemoryBytes: 256 * MiB,
  maxWorkPerRun: 2 ** 22,
  maxWork: 2 ** 23,
  maxPasswordSlots: 4,
};

export function tooCostly(app: string, asks: string, refused: string): ImportError {
  return new ImportError(
    'too-costly',
    `This ${app} export asks for ${asks}. TrayOTP refuses ${refused}: it would take far longer than ${app} itself ever makes anyone wait. If the file really comes from ${app}, it was changed after export; export it again.`,
  );
}

/** Throws ImportError('too-costly') unless the derivations fit the limit. */
export function checkArgon2Cost(app: string, runs: Argon2Cost, limit: Argon2Limit): void {
  const { memoryKiB, passes, parallelism } = runs;
  const asks = `Argon2id with ${size(memoryKiB * KiB)} of memory × ${plural(passes, 'pass', 'passes')} × ${plural(parallelism, 'lane', 'lanes')} (${size(memoryKiB * passes * KiB)}·passes of work)`;
  if (memoryKiB > limit.maxMemoryKiB) {
    const refused = `more than ${size(limit.maxMemoryKiB * KiB)} of memory (${limit.why.memory})`;
    throw tooCostly(app, asks, refused);
  }
  if (memoryKiB * passes > limit.maxWorkKiB) {
    throw tooCostly(
      app,
      asks,
      `more than ${size(limit.maxWorkKiB * KiB)}·passes (${limit.why.work})`,
    );
  }
  if (parallelism > limit.maxParallelism) {
    const refused = `more than ${plural(limit.maxParallelism, 'lane', 'lanes')} (${limit.why.parallelism})`;
    throw tooCostly(app, asks, refused);
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** scrypt's memory (128·N·r bytes) and work (N·r·p BlockMix calls of r blocks). */
export function scryptWork({ N, r, p }: ScryptCost): { memoryBytes: number; work: number } {
  return { memoryBytes: 128 * N * r, work: N * r * p };
}

/** Throws ImportError('too-costly') unless every derivation and their sum fit Aegis's limits. */
export function checkAegisScrypt(runs: ScryptCost[]): void {
  let total = 0;
  for (const run of runs) {
    const { memoryBytes, work } = scryptWork(run);
    const asks = `scrypt with N=${run.N}, r=${run.r}, p=${run.p} (${size(memoryBytes)} of memory, ${(work / 2 ** 18).toFixed(work % 2 ** 18 === 0 ? 0 : 1)} times the work of Aegis's own N=32768, r=8, p=1)`;
    if (memoryBytes > AEGIS_SCRYPT.maxMemoryBytes) {
      throw tooCostly(
        'Aegis',
        asks,
        `more than ${size(AEGIS_SCRYPT.maxMemoryBytes)} per key (8 times what Aegis uses)`,
      );
    }
    if (work > AEGIS_SCRYPT.maxWorkPerRun) {
      throw tooCostly('Aegis', asks, 'more than 16 times the work of Aegis per key');
    }
    total += work;
  }
  if (total > AEGIS_SCRYPT.maxWork) {
    throw tooCostly(
      'Aegis',
      `${runs.length} scrypt derivations (${(total / 2 ** 18).toFixed(0)} times the work of one Aegis key)`,
      'more than 32 times the work of one Aegis key in all',
    );
  }
}

/** "1 GiB", "256 MiB", "64 KiB": sizes in the largest binary unit that divides them. */
export function size(bytes: number): string {
  for (const [unit, scale] of [
    ['TiB', 1024 * GiB],
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ] as const) {
    if (bytes >= scale) {
      const value = bytes / scale;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

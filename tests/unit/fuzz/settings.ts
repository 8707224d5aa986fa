// One place for the fuzzers' settings. In CI every property runs with a fixed seed and a few
// hundred cases (the whole folder stays under ~20 s); for a long run on demand:
//   TRAYOTP_FUZZ_RUNS=100000 npx vitest run --project unit tests/unit/fuzz
// and TRAYOTP_FUZZ_SEED=<n> to replay another seed (fast-check prints the seed and the path of
// a failure, which can be passed back as `seed` and `path`).
import type fc from 'fast-check';
import { expect } from 'vitest';

const runs = Number(process.env.TRAYOTP_FUZZ_RUNS ?? '');
const seed = Number(process.env.TRAYOTP_FUZZ_SEED ?? '');

/** Whether this is a long run asked for with TRAYOTP_FUZZ_RUNS. */
export const LONG_RUN = Number.isInteger(runs) && runs > 0;

/** fast-check parameters: the fixed CI seed and `ciRuns` cases, unless the environment says. */
export function params(ciRuns = 300): fc.Parameters<unknown> {
  return {
    seed: Number.isInteger(seed) && process.env.TRAYOTP_FUZZ_SEED ? seed : 20_261_202,
    numRuns: LONG_RUN ? runs : ciRuns,
  };
}

/** A vitest timeout that grows with a long run. */
export function timeout(ciMs = 20_000): number {
  return LONG_RUN ? 24 * 60 * 60 * 1000 : ciMs;
}

/**
 * Bound on one call on inputs of the sizes generated here (≤ 60 K characters): generous for a
 * 2-core machine shared by many jobs (load 20 seen), below what a quadratic path takes (≥ 2 s at
 * 60 K on an idle machine).
 */
export const MAX_CALL_MS = 1000;

/**
 * Runs `call`, returning the thrown value (or undefined), and checks it took under MAX_CALL_MS.
 * A slow call is timed once more and the faster run counts: a GC pause or a busy machine slows
 * one run, a super-linear path slows both.
 */
export function timedCall(call: () => unknown): unknown {
  const once = (): [number, unknown] => {
    const start = performance.now();
    try {
      call();
    } catch (error) {
      return [performance.now() - start, error];
    }
    return [performance.now() - start, undefined];
  };
  let [ms, thrown] = once();
  if (ms >= MAX_CALL_MS) [ms, thrown] = once();
  expect(ms).toBeLessThan(MAX_CALL_MS);
  return thrown;
}

/** The same for an async call (an importer's read), with four times the bound. */
export async function timedAsync(call: () => Promise<unknown>): Promise<unknown> {
  const once = async (): Promise<[number, unknown]> => {
    const start = performance.now();
    try {
      await call();
    } catch (error) {
      return [performance.now() - start, error];
    }
    return [performance.now() - start, undefined];
  };
  let [ms, thrown] = await once();
  if (ms >= MAX_CALL_MS * 4) [ms, thrown] = await once();
  expect(ms).toBeLessThan(MAX_CALL_MS * 4);
  return thrown;
}

// Cross-check against an independent implementation: the `oathtool` program (OATH Toolkit),
// over 1,000 TOTP and 100 HOTP codes from random (secret, algorithm, digits, period, time) and
// random HOTP counters. oathtool supports 6–8 digits; 9–10 and Steam are covered by
// generate.test.ts. One oathtool run prints 25 consecutive codes (--window: the following time
// steps, or counters), so the 1,100 codes take 44 processes, not 1,100: a busy machine spawning
// a process per code ran past the timeout.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeFor, encodeBase32 } from '../../../main/otp';
import type { Account, Algorithm } from '../../../main/otp';
import { randomBytes, randomInt, seededRandom } from '../../support/random';
import { skipWithout } from '../../support/tools';

const run = promisify(execFile);

const SEED = Number(process.env.OATHTOOL_SEED ?? 6238);
const CODES_PER_RUN = 25;
const TOTP_RUNS = 40;
const HOTP_RUNS = 4;

interface Batch {
  account: Account;
  /** Unix seconds of the first code (TOTP). */
  time: number;
  args: string[];
}

function makeBatches(): Batch[] {
  const random = seededRandom(SEED);
  const algorithms: Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];
  const batches: Batch[] = [];
  for (let i = 0; i < TOTP_RUNS + HOTP_RUNS; i++) {
    const hotpCase = i >= TOTP_RUNS;
    const secret = encodeBase32(randomBytes(random, randomInt(random, 10, 64)));
    const algorithm = hotpCase ? 'SHA1' : algorithms[randomInt(random, 0, 2)]!;
    const digits = randomInt(random, 6, 8);
    const period = [30, 60, 15, 10, randomInt(random, 1, 300)][randomInt(random, 0, 4)]!;
    const time = randomInt(random, 0, 20_000_000_000);
    const counter = randomInt(random, 0, 2 ** 40);
    const account: Account = {
      type: hotpCase ? 'hotp' : 'totp',
      issuer: '',
      name: `batch ${i}`,
      secret,
      algorithm,
      digits,
      period,
      counter,
    };
    const window = `--window=${CODES_PER_RUN - 1}`;
    const args = hotpCase
      ? ['--hotp', '--base32', `--counter=${counter}`, `--digits=${digits}`, window, secret]
      : [
          `--totp=${algorithm.toLowerCase()}`,
          '--base32',
          `--digits=${digits}`,
          `--time-step-size=${period}s`,
          `--now=@${time}`,
          window,
          secret,
        ];
    batches.push({ account, time, args });
  }
  return batches;
}

/** Our code for the k-th code of a batch: the k-th following time step, or counter. */
function ours({ account, time }: Batch, k: number): string {
  return account.type === 'hotp'
    ? codeFor({ ...account, counter: account.counter + k }, time)
    : codeFor(account, time + k * account.period);
}

describe.skipIf(skipWithout('oathtool'))('cross-check with oathtool', () => {
  const codes = (TOTP_RUNS + HOTP_RUNS) * CODES_PER_RUN;
  it(`agrees on ${TOTP_RUNS * CODES_PER_RUN} TOTP and ${HOTP_RUNS * CODES_PER_RUN} HOTP codes from random cases (seed ${SEED})`, async () => {
    const started = performance.now();
    const batches = makeBatches();
    const mismatches: string[] = [];
    let compared = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const { stdout } = await run('oathtool', batch.args);
          const theirs = stdout.trim().split('\n');
          expect(theirs).toHaveLength(CODES_PER_RUN);
          theirs.forEach((code, k) => {
            compared++;
            if (code !== ours(batch, k)) {
              mismatches.push(
                `oathtool ${batch.args.join(' ')}, code ${k}: ${code}, we → ${ours(batch, k)}`,
              );
            }
          });
        }
      }),
    );
    console.log(
      `oathtool cross-check: ${compared} codes from ${batches.length} oathtool runs, ${mismatches.length} mismatches, ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(compared).toBe(codes);
    expect(mismatches).toEqual([]);
  });
});

// Cross-check against an independent implementation: the `oathtool` program (OATH Toolkit),
// over ≥ 1,000 random (secret, algorithm, digits, period, time) cases and random HOTP counters.
// oathtool supports 6–8 digits; 9–10 and Steam are covered by generate.test.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeFor, encodeBase32 } from '../../../main/otp';
import type { Account, Algorithm } from '../../../main/otp';
import { randomBytes, randomInt, seededRandom } from '../../support/random';

const run = promisify(execFile);
const available = await run('oathtool', ['--version']).then(
  () => true,
  () => false,
);
if (!available) console.warn('skipping the oathtool cross-check: oathtool is not installed');

const SEED = Number(process.env.OATHTOOL_SEED ?? 6238);
const TOTP_CASES = 1000;
const HOTP_CASES = 100;

interface Case {
  account: Account;
  time: number;
  args: string[];
}

function makeCases(): Case[] {
  const random = seededRandom(SEED);
  const algorithms: Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];
  const cases: Case[] = [];
  for (let i = 0; i < TOTP_CASES + HOTP_CASES; i++) {
    const hotpCase = i >= TOTP_CASES;
    const secret = encodeBase32(randomBytes(random, randomInt(random, 10, 64)));
    const algorithm = hotpCase ? 'SHA1' : algorithms[randomInt(random, 0, 2)]!;
    const digits = randomInt(random, 6, 8);
    const period = [30, 60, 15, 10, randomInt(random, 1, 300)][randomInt(random, 0, 4)]!;
    const time = randomInt(random, 0, 20_000_000_000);
    const counter = randomInt(random, 0, 2 ** 40);
    const account: Account = {
      type: hotpCase ? 'hotp' : 'totp',
      issuer: '',
      name: `case ${i}`,
      secret,
      algorithm,
      digits,
      period,
      counter,
    };
    const args = hotpCase
      ? ['--hotp', '--base32', `--counter=${counter}`, `--digits=${digits}`, secret]
      : [
          `--totp=${algorithm.toLowerCase()}`,
          '--base32',
          `--digits=${digits}`,
          `--time-step-size=${period}s`,
          `--now=@${time}`,
          secret,
        ];
    cases.push({ account, time, args });
  }
  return cases;
}

describe.skipIf(!available)('cross-check with oathtool', () => {
  it(`agrees on ${TOTP_CASES} TOTP and ${HOTP_CASES} HOTP random cases (seed ${SEED})`, async () => {
    const cases = makeCases();
    const mismatches: string[] = [];
    const workers = 4;
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < cases.length) {
          const { account, time, args } = cases[next++]!;
          const { stdout } = await run('oathtool', args);
          const ours = codeFor(account, time);
          if (stdout.trim() !== ours) {
            mismatches.push(`oathtool ${args.join(' ')} → ${stdout.trim()}, we → ${ours}`);
          }
        }
      }),
    );
    console.log(`oathtool cross-check: ${cases.length} cases, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  });
});

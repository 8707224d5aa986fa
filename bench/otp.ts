// `npm run bench:otp`: codes per second of our node:crypto generator against the `otpauth`
// library, measured in the same run on the same random accounts. Decides which generates codes
// (main/otp/generate.ts uses the faster).
import { performance } from 'node:perf_hooks';
import { Secret, TOTP } from 'otpauth';
import { codeFor, decodeBase32, encodeBase32, otpKey, totp } from '../main/otp';
import type { Account, Algorithm } from '../main/otp';
import { randomBytes, randomInt, seededRandom } from '../tests/support/random';

const ACCOUNTS = 1000;
const ROUNDS = 30;

const random = seededRandom(1);
const algorithms: Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const accounts: Account[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
  type: 'totp',
  issuer: `Site ${i}`,
  name: 'user',
  secret: encodeBase32(randomBytes(random, 20)),
  algorithm: algorithms[i % 3]!,
  digits: randomInt(random, 6, 8),
  period: 30,
  counter: 0,
}));
const times = Array.from({ length: ACCOUNTS }, () => randomInt(random, 0, 2_000_000_000));

interface Contender {
  name: string;
  prepare: () => (i: number) => string;
}

const contenders: Contender[] = [
  {
    name: 'node:crypto, raw key bytes decoded once',
    prepare: () => {
      const keys = accounts.map((a) => decodeBase32(a.secret));
      return (i) => {
        const a = accounts[i]!;
        return totp(keys[i]!, times[i]!, a.period, a.algorithm, a.digits);
      };
    },
  },
  {
    name: 'node:crypto, KeyObject imported once',
    prepare: () => {
      const keys = accounts.map((a) => otpKey(a.secret));
      return (i) => {
        const a = accounts[i]!;
        return totp(keys[i]!, times[i]!, a.period, a.algorithm, a.digits);
      };
    },
  },
  {
    name: 'node:crypto, codeFor (base32 each time)',
    prepare: () => (i) => codeFor(accounts[i]!, times[i]!),
  },
  {
    name: 'otpauth TOTP, object built once',
    prepare: () => {
      const generators = accounts.map(
        (a) =>
          new TOTP({
            secret: Secret.fromBase32(a.secret),
            algorithm: a.algorithm,
            digits: a.digits,
            period: a.period,
          }),
      );
      return (i) => generators[i]!.generate({ timestamp: times[i]! * 1000 });
    },
  },
  {
    name: 'otpauth TOTP.generate (static)',
    prepare: () => (i) => {
      const a = accounts[i]!;
      return TOTP.generate({
        secret: Secret.fromBase32(a.secret),
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.period,
        timestamp: times[i]! * 1000,
      });
    },
  },
];

// Both must agree before their speed means anything.
const reference = contenders.map((c) => c.prepare());
for (let i = 0; i < ACCOUNTS; i++) {
  const codes = reference.map((generate) => generate(i));
  if (new Set(codes).size !== 1)
    throw new Error(`disagreement on account ${i}: ${codes.join(' ')}`);
}

const results = contenders.map((contender) => {
  const generate = contender.prepare();
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < ACCOUNTS; i++) generate(i);
    rates.push(ACCOUNTS / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { name: contender.name, median: rates[Math.floor(rates.length / 2)]! };
});

const baseline = results.find((r) => r.name.startsWith('otpauth TOTP, object'))!.median;
console.log(
  `TOTP codes per second (median of ${ROUNDS} rounds × ${ACCOUNTS} accounts, Node ${process.version})`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(42)} ${Math.round(r.median).toLocaleString('en-US').padStart(10)} /s   ×${(r.median / baseline).toFixed(2)} vs otpauth`,
  );
}

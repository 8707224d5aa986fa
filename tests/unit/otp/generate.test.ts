// Code generation beyond the RFC tables: digits 6–10, periods, Steam Guard, HOTP counters past
// 2^32, and codeFor on accounts.
import { describe, expect, it } from 'vitest';
import { HOTP, Secret } from 'otpauth';
import {
  codeFor,
  encodeBase32,
  hotp,
  hotpValue,
  otpKey,
  secondsLeft,
  steam,
  timeStep,
  totp,
} from '../../../main/otp';
import type { Account } from '../../../main/otp';
import { randomBytes, randomInt, seededRandom } from '../../support/random';

const key = new TextEncoder().encode('12345678901234567890');
const base: Account = {
  type: 'totp',
  issuer: 'Example',
  name: 'alice',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

describe('hotp digits', () => {
  it.each([
    [6, '755224'],
    [7, '4755224'],
    [8, '84755224'],
    [9, '284755224'],
    [10, '1284755224'],
  ])('%i digits at counter 0', (digits, code) => {
    expect(hotp(key, 0, 'SHA1', digits)).toBe(code);
  });

  it('10-digit codes are the whole 31-bit value, zero-padded', () => {
    // counter 2 truncates to 0x82fef30 = 137359152, which has 9 digits.
    expect(hotp(key, 2, 'SHA1', 10)).toBe('0137359152');
  });
});

describe('hotp counters beyond 32 bits agree with otpauth', () => {
  const random = seededRandom(4226);
  const counters = [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER];
  for (let i = 0; i < 20; i++) counters.push(randomInt(random, 0, Number.MAX_SAFE_INTEGER));
  it.each(counters)('counter %i', (counter) => {
    const secret = new Secret({ buffer: key.slice().buffer });
    const expected = new HOTP({ secret, digits: 6, algorithm: 'SHA1' }).generate({ counter });
    expect(hotp(key, counter, 'SHA1', 6)).toBe(expected);
  });
});

describe('timeStep and secondsLeft', () => {
  it.each([
    [0, 30, 0, 30],
    [29, 30, 0, 1],
    [30, 30, 1, 30],
    [59.9, 30, 1, 1],
    [1_700_000_000, 60, 28_333_333, 40],
    [20_000_000_000, 30, 666_666_666, 10],
  ])('t=%d period=%d', (t, period, step, left) => {
    expect(timeStep(t, period)).toBe(step);
    expect(secondsLeft(t, period)).toBe(left);
  });
});

describe('Steam Guard', () => {
  it('writes the 31-bit value in Steam’s alphabet, least significant first', () => {
    const random = seededRandom(26);
    const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
    for (let i = 0; i < 200; i++) {
      const secret = randomBytes(random, 20);
      const t = randomInt(random, 0, 4_000_000_000);
      let value = hotpValue(secret, Math.floor(t / 30), 'SHA1');
      let expected = '';
      for (let c = 0; c < 5; c++) {
        expected += alphabet[value % 26];
        value = Math.floor(value / 26);
      }
      const code = steam(secret, t);
      expect(code).toBe(expected);
      expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    }
  });

  it('codeFor uses the Steam encoding for steam accounts', () => {
    const account: Account = { ...base, type: 'steam', digits: 5 };
    expect(codeFor(account, 59)).toBe(steam(key, 59));
  });
});

describe('codeFor', () => {
  it('computes TOTP at the given time', () => {
    expect(codeFor({ ...base, digits: 8 }, 59)).toBe('94287082');
  });

  it('uses the counter, not the time, for HOTP', () => {
    const account: Account = { ...base, type: 'hotp', counter: 5 };
    expect(codeFor(account, 0)).toBe('254676');
    expect(codeFor(account, 1_000_000)).toBe('254676');
  });

  it('honours the period', () => {
    const account: Account = { ...base, period: 60, digits: 8 };
    // t=119 is step 1 with a 60 s period, which is step 3 with 30 s.
    expect(codeFor(account, 119)).toBe(hotp(key, 1, 'SHA1', 8));
  });
});

describe('otpKey (the key imported once)', () => {
  it('gives the same codes as the raw key bytes', () => {
    const random = seededRandom(99);
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(random, randomInt(random, 10, 64));
      const account: Account = {
        ...base,
        secret: encodeBase32(bytes),
        algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!,
        digits: 8,
      };
      const t = randomInt(random, 0, 4_000_000_000);
      expect(codeFor(account, t, otpKey(account.secret))).toBe(
        totp(bytes, t, 30, account.algorithm, 8),
      );
    }
  });
});

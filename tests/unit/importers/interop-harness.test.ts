// The interop harness compares as multisets: order does not matter, counts do; and it maps our
// Account to expected.json's conventions (period null for HOTP, counter null otherwise).
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../main/importers';
import { toAccount } from '../../../main/otp';
import { expectSameEntries, toExpectedShape } from './interop-harness';
import type { ExpectedEntry } from './interop-harness';

const totp = toAccount({ issuer: 'A', name: 'a', secret: 'JBSWY3DPEHPK3PXP' }).account;
const hotp = toAccount({
  type: 'hotp',
  issuer: 'B',
  name: 'b',
  secret: 'JBSWY3DPEHPK3PXP',
  counter: 5,
}).account;
const result = (...accounts: (typeof totp)[]): ImportResult => ({
  format: 'x',
  entries: accounts.map((account) => ({ account, warnings: [] })),
  skipped: [],
});
const shape = (e: ExpectedEntry) => e;

describe('interop harness', () => {
  it("maps accounts to expected.json's conventions", () => {
    expect(toExpectedShape(totp)).toEqual(
      shape({
        type: 'totp',
        issuer: 'A',
        name: 'a',
        secret: 'JBSWY3DPEHPK3PXP',
        algo: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
      }),
    );
    expect(toExpectedShape(hotp)).toMatchObject({ period: null, counter: 5 });
  });

  it('ignores order', () => {
    expectSameEntries(result(totp, hotp), [toExpectedShape(hotp), toExpectedShape(totp)]);
  });

  it.each([
    ['a missing entry', result(totp), [toExpectedShape(totp), toExpectedShape(hotp)]],
    [
      'an extra duplicate',
      result(totp, totp, hotp),
      [toExpectedShape(totp), toExpectedShape(hotp)],
    ],
    ['a different field', result(totp), [{ ...toExpectedShape(totp), digits: 8 }]],
  ])('fails on %s', (_what, actual, expected) => {
    expect(() => expectSameEntries(actual, expected)).toThrow();
  });
});

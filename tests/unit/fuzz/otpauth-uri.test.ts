// Property tests of the otpauth:// parser and formatter: any text either parses or throws an
// OtpError, quickly; and every valid account survives formatOtpUri → parseOtpUri unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  displaySafe,
  formatOtpUri,
  LIMITS,
  OtpError,
  parseOtpUri,
  sameAccount,
  toAccount,
} from '../../../main/otp';
import type { Account } from '../../../main/otp';
import { params, timedCall, timeout } from './settings';

/** Pieces links are made of, so generated text reaches deep into the parser. */
const piece = fc.oneof(
  fc.constantFrom(
    'otpauth://',
    'OTPAUTH://',
    'otpauth-migration://offline?data=',
    'totp',
    'hotp',
    'steam',
    'yaotp',
    '/',
    '?',
    '&',
    '=',
    '#',
    ':',
    '%',
    '%3A',
    '%0A',
    '%1B',
    '%E2%80%AE',
    '%ZZ',
    '+',
    ' ',
    '\n',
    'secret=',
    'JBSWY3DPEHPK3PXP',
    '====',
    'issuer=',
    'digits=',
    'period=',
    'counter=',
    'algorithm=',
    'SHA256',
    'encoder=steam',
    '8',
    '-1',
    '99999999999999999999',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const linkish = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
/** Long runs of one character: bait for backtracking regexes. */
const runs = fc
  .tuple(
    fc.constantFrom('otpauth://totp/a?secret=', 'otpauth://totp/', ''),
    fc.constantFrom('=', '#', '%', ':', '&', '?', '/', ' ', 'a', '\u001b'),
    fc.integer({ min: 1, max: 60_000 }),
    fc.constantFrom('', '\nx', 'x', '#\n'),
  )
  .map(([head, c, n, tail]) => head + c.repeat(n) + tail);

function onlyOtpErrors(text: string): void {
  const thrown = timedCall(() => parseOtpUri(text));
  if (thrown !== undefined) expect(thrown).toBeInstanceOf(OtpError);
}

/** A label part as the validation gate keeps it: clean, trimmed, within the length bound. */
const labelPart = fc
  .oneof(
    fc
      .string({ unit: 'grapheme', maxLength: 30 })
      .map((s) => displaySafe(s).trim())
      .filter((s) => s.length <= LIMITS.maxLabelChars),
    // Values with meaning to the parser: a Steam issuer, colons, escapes, '+' and '#'.
    fc.constantFrom('Steam', 'steam', 'a:b', ':', 'x%20y', 'a+b', '#1', '&?=', ' ', ''),
  )
  .map((s) => s.trim());

const account: fc.Arbitrary<Account> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp', 'steam'),
    issuer: labelPart,
    name: labelPart,
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: LIMITS.minDigits, max: LIMITS.maxDigits }),
    period: fc.integer({ min: LIMITS.minPeriod, max: LIMITS.maxPeriod }),
    counter: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  })
  .filter((a) => a.issuer !== '' || a.name !== '')
  .map((fields) => toAccount(fields).account);

describe('otpauth:// parser (property-based)', () => {
  it(
    'link-like text: parses or throws an OtpError, within the time bound',
    () => fc.assert(fc.property(linkish, onlyOtpErrors), params(500)),
    timeout(),
  );

  it(
    'any text: parses or throws an OtpError, within the time bound',
    () =>
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), onlyOtpErrors),
        params(300),
      ),
    timeout(),
  );

  it(
    'long runs of one character (regex bait): bounded time',
    () => fc.assert(fc.property(runs, onlyOtpErrors), params(200)),
    timeout(),
  );

  it(
    'every valid account round-trips through formatOtpUri and parseOtpUri',
    () =>
      fc.assert(
        fc.property(account, (original) => {
          const { account: parsed } = parseOtpUri(formatOtpUri(original));
          expect(sameAccount(parsed, original), `${formatOtpUri(original)}`).toBe(true);
        }),
        params(500),
      ),
    timeout(),
  );

  it(
    'a parsed account formats to a link that parses to the same account',
    () =>
      fc.assert(
        fc.property(linkish, (text) => {
          let first: Account;
          try {
            first = parseOtpUri(text).account;
          } catch {
            return;
          }
          expect(sameAccount(parseOtpUri(formatOtpUri(first)).account, first)).toBe(true);
        }),
        params(500),
      ),
    timeout(),
  );
});

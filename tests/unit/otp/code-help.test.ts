// "Code not accepted?": the codes either side of the current one (a site a period ahead or behind
// accepts one of them), the code an app ignoring the QR's parameters would show, and HOTP resync
// (the next few codes; the counter moves past the one the site accepted, and only forward).
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../main/otp';
import {
  HOTP_RESYNC_MAX,
  codesAround,
  counterAfterAccepted,
  defaultParametersCode,
  hotpCandidates,
} from '../../../main/otp/code-help';

// RFC 4226/6238's key "12345678901234567890".
const RFC: Account = {
  type: 'totp',
  issuer: 'Example',
  name: 'alice',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
};
const HOTP: Account = { ...RFC, type: 'hotp', digits: 6, counter: 3 };

describe('codesAround', () => {
  it('the previous, current and next period with their windows (RFC 4226 counters 0, 1, 2)', () => {
    expect(codesAround(RFC, 59)).toEqual({
      previous: { code: '84755224', from: 0, until: 30_000 },
      current: { code: '94287082', from: 30_000, until: 60_000 },
      next: { code: '37359152', from: 60_000, until: 90_000 },
    });
  });

  it('at time 0 there is no previous period', () => {
    expect(codesAround(RFC, 0)!.previous).toBeNull();
  });

  it('Steam accounts too; HOTP has none (no time)', () => {
    const steam = codesAround({ ...RFC, type: 'steam', digits: 5 }, 59);
    expect(steam?.current.code).toMatch(/^[2-9B-Y]{5}$/);
    expect(codesAround(HOTP, 59)).toBeNull();
  });
});

describe('defaultParametersCode', () => {
  it('SHA-1, 6 digits, 30 s when the account says otherwise (apps that ignore the QR show this)', () => {
    expect(defaultParametersCode({ ...RFC, algorithm: 'SHA256', period: 60 }, 59)).toEqual({
      code: '287082',
      differs: ['algorithm SHA256', '8 digits', 'period 60 s'],
    });
  });
  it('null when the account already uses them, and for HOTP and Steam', () => {
    expect(defaultParametersCode({ ...RFC, digits: 6 }, 59)).toBeNull();
    expect(defaultParametersCode(HOTP, 59)).toBeNull();
    expect(defaultParametersCode({ ...RFC, type: 'steam', digits: 5 }, 59)).toBeNull();
  });
});

describe('HOTP resync', () => {
  it('the next codes from the counter on (RFC 4226 counters 3…6)', () => {
    expect(hotpCandidates(HOTP, 4)).toEqual([
      { counter: 3, code: '969429' },
      { counter: 4, code: '338314' },
      { counter: 5, code: '254676' },
      { counter: 6, code: '287922' },
    ]);
  });

  it(`at most ${HOTP_RESYNC_MAX} candidates`, () => {
    expect(hotpCandidates(HOTP, 1000)).toHaveLength(HOTP_RESYNC_MAX);
    expect(() => hotpCandidates(RFC, 3)).toThrow(
      expect.objectContaining({ code: 'unsupported-type' }),
    );
  });

  it('the site accepted counter 5: the account moves on to 6', () => {
    expect(counterAfterAccepted(HOTP, 5)).toBe(6);
    expect(counterAfterAccepted(HOTP, 3)).toBe(4);
  });

  it.each([[2], [3 + HOTP_RESYNC_MAX], [4.5], [-1]])(
    'an accepted counter %d outside the candidates is refused',
    (counter) => {
      expect(() => counterAfterAccepted(HOTP, counter)).toThrow(
        expect.objectContaining({ code: 'invalid-counter' }),
      );
    },
  );
});

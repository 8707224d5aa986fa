// What "Code not accepted?" shows beside an account: the codes either side of the current one (a
// site whose clock is a period off accepts one of them), the code an app that ignores the QR's
// parameters would show (some sites print SHA256 or 8 digits in the QR and check SHA-1, 6
// digits), and for HOTP the next few codes, so a counter behind the site's can be caught up.
// Pure: the time is a parameter (already corrected by the offset in use).
import { DEFAULTS } from './account';
import type { Account } from './account';
import { OtpError } from './errors';
import { codeFor, hotp, otpKey, timeStep, totp } from './generate';
import type { OtpKey } from './generate';

/** Candidates shown for an HOTP resync, and how far ahead an accepted one may be. */
export const HOTP_RESYNC_MAX = 20;

export interface TimedCode {
  code: string;
  /** The period it is valid in, Unix ms. */
  from: number;
  until: number;
}

export interface CodesAround {
  previous: TimedCode | null;
  current: TimedCode;
  next: TimedCode;
}

/** The previous, current and next period's codes of a TOTP or Steam account; null for HOTP. */
export function codesAround(
  account: Account,
  timeSeconds: number,
  key: OtpKey = otpKey(account.secret),
): CodesAround | null {
  if (account.type === 'hotp') return null;
  const step = timeStep(timeSeconds, account.period);
  const at = (s: number): TimedCode => ({
    code: codeFor(account, s * account.period, key),
    from: s * account.period * 1000,
    until: (s + 1) * account.period * 1000,
  });
  return { previous: step > 0 ? at(step - 1) : null, current: at(step), next: at(step + 1) };
}

/**
 * The code with SHA-1, 6 digits and 30 s, when a TOTP account says otherwise (null if not), and
 * which of its parameters differ.
 */
export function defaultParametersCode(
  account: Account,
  timeSeconds: number,
  key: OtpKey = otpKey(account.secret),
): { code: string; differs: string[] } | null {
  if (account.type !== 'totp') return null;
  const differs = [
    account.algorithm !== DEFAULTS.algorithm ? `algorithm ${account.algorithm}` : null,
    account.digits !== DEFAULTS.digits ? `${account.digits} digits` : null,
    account.period !== DEFAULTS.period ? `period ${account.period} s` : null,
  ].filter((text): text is string => text !== null);
  if (differs.length === 0) return null;
  return {
    code: totp(key, timeSeconds, DEFAULTS.period, DEFAULTS.algorithm, DEFAULTS.digits),
    differs,
  };
}

/** The codes of the next `count` counters (at most HOTP_RESYNC_MAX), from the account's on. */
export function hotpCandidates(
  account: Account,
  count: number,
  key: OtpKey = otpKey(account.secret),
): { counter: number; code: string }[] {
  if (account.type !== 'hotp') {
    throw new OtpError(
      'unsupported-type',
      'Only HOTP (counter-based) accounts have a counter to resync.',
    );
  }
  const n = Math.max(0, Math.min(HOTP_RESYNC_MAX, Math.floor(count)));
  return Array.from({ length: n }, (_, i) => {
    const counter = account.counter + i;
    return { counter, code: hotp(key, counter, account.algorithm, account.digits) };
  });
}

/**
 * The counter to store once the site accepted the code of `accepted`: the one after it. Only one
 * of the candidates counts, so a resync moves the counter forward, never back (a code the site
 * has seen must not be shown again).
 */
export function counterAfterAccepted(account: Account, accepted: number): number {
  if (
    !Number.isSafeInteger(accepted) ||
    accepted < account.counter ||
    accepted >= account.counter + HOTP_RESYNC_MAX
  ) {
    throw new OtpError(
      'invalid-counter',
      `Only one of the next ${HOTP_RESYNC_MAX} codes (counters ${account.counter} to ${account.counter + HOTP_RESYNC_MAX - 1}) can be marked as accepted.`,
    );
  }
  return accepted + 1;
}

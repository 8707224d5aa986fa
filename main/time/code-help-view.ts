// What the window's "Code not accepted?" help receives for one account: the clock as codes use
// it, the codes either side of now, the code under the usual parameters, and for HOTP the next
// few codes for a resync. Codes only (never the secret), as every other view of codes.
import { z } from 'zod';
import { ALGORITHMS, OTP_TYPES } from '../otp/account';
import type { Account } from '../otp/account';
import { codesAround, defaultParametersCode, hotpCandidates } from '../otp/code-help';
import { otpKey } from '../otp/generate';
import { lastClockCheck } from './settings';
import type { LastClockCheck } from './settings';

const timedCode = z.object({ code: z.string(), from: z.number(), until: z.number() });

export const codeHelpView = z.object({
  type: z.enum(OTP_TYPES),
  algorithm: z.enum(ALGORITHMS),
  digits: z.number().int(),
  period: z.number().int(),
  counter: z.number().int(),
  /** The offset the codes below were computed with. */
  offsetInUseMs: z.number(),
  lastCheck: lastClockCheck.nullable(),
  /** TOTP and Steam: the previous (null at time 0), current and next period's codes. */
  codes: z
    .object({ previous: timedCode.nullable(), current: timedCode, next: timedCode })
    .nullable(),
  /** TOTP with other than SHA-1/6/30: the code with those, and what differs. */
  defaults: z.object({ code: z.string(), differs: z.array(z.string()) }).nullable(),
  /** HOTP: the next codes from the stored counter on. */
  hotp: z.array(z.object({ counter: z.number().int(), code: z.string() })).nullable(),
});
export type CodeHelpView = z.infer<typeof codeHelpView>;

/** HOTP candidates shown: a site's look-ahead window is usually 3 to 10. */
export const HOTP_HELP_CODES = 5;

export function buildCodeHelp(
  account: Account,
  /** The corrected time (the service's correctedClock().now()), Unix ms. */
  nowMs: number,
  clock: { offsetInUseMs: number; lastCheck: LastClockCheck | null },
): CodeHelpView {
  const key = otpKey(account.secret);
  const seconds = nowMs / 1000;
  return {
    type: account.type,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    offsetInUseMs: clock.offsetInUseMs,
    lastCheck: clock.lastCheck,
    codes: codesAround(account, seconds, key),
    defaults: defaultParametersCode(account, seconds, key),
    hotp: account.type === 'hotp' ? hotpCandidates(account, HOTP_HELP_CODES, key) : null,
  };
}

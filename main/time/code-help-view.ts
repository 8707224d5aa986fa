// Builds the window's "Code not accepted?" help for one account (its schema is the contract's,
// preload/views/code-help.ts): the clock as codes use it, the codes either side of now, the code
// under the usual parameters, and for HOTP the next few codes for a resync. Codes only.
import type { LastClockCheck } from '../../preload/views/clock';
import type { CodeHelpView } from '../../preload/views/code-help';
import type { Account } from '../otp/account';
import { codesAround, defaultParametersCode, hotpCandidates } from '../otp/code-help';
import { otpKey } from '../otp/generate';

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

// What the window's "Code not accepted?" help receives for one account: the clock as codes use
// it, the codes either side of now, the code under the usual parameters, and for HOTP the next
// few codes for a resync. Codes only (never the secret), as every other view of codes; main
// builds it (main/time/code-help-view.ts).
import { z } from 'zod';
import { lastClockCheck } from './clock';
import { algorithm, otpType } from './otp';

const timedCode = z.object({ code: z.string(), from: z.number(), until: z.number() });

export const codeHelpView = z.object({
  type: otpType,
  algorithm,
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

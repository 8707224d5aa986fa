// What the window is told about the clock: settings, the offset in use, the last check, and
// whether to warn. Plain values with a zod schema, for the IPC contract. The correction mode and
// the last check's record are also what main/time/settings.ts keeps in the settings file.
import { z } from 'zod';
import { CLOCK_HOST_MAX_CHARS } from './clock-limits';

export { CLOCK_HOST_MAX_CHARS };

export const clockCorrectionMode = z.enum(['off', 'measured', 'manual']);
export type ClockCorrectionMode = z.infer<typeof clockCorrectionMode>;

const measuredCheck = z.object({
  at: z.number(),
  host: z.string().max(CLOCK_HOST_MAX_CHARS),
  offsetMs: z.number().finite(),
  uncertaintyMs: z.number().finite().nonnegative(),
  roundTripMs: z.number().finite().nonnegative(),
});

export const lastClockCheck = z.discriminatedUnion('outcome', [
  measuredCheck.extend({ outcome: z.literal('measured') }),
  measuredCheck.extend({ outcome: z.literal('refused'), message: z.string().max(1000) }),
  z.object({
    outcome: z.literal('failed'),
    at: z.number(),
    host: z.string().max(CLOCK_HOST_MAX_CHARS),
    code: z.string().max(40),
    message: z.string().max(1000),
  }),
]);
export type LastClockCheck = z.infer<typeof lastClockCheck>;

export const clockWarning = z.object({
  /** The last check's offset (server − this computer). */
  offsetMs: z.number(),
  /** What the codes are still off by with the correction in use: offsetMs − offsetInUseMs. */
  residualMs: z.number(),
  uncertaintyMs: z.number(),
  host: z.string(),
  at: z.number(),
  /** Within the limit: the window may offer to correct it. Beyond: only to fix the clock. */
  correctable: z.boolean(),
  /** One sentence for the person. */
  message: z.string(),
});
export type ClockWarning = z.infer<typeof clockWarning>;

export const clockStatus = z.object({
  enabled: z.boolean(),
  host: z.string(),
  defaultHost: z.string(),
  correction: clockCorrectionMode,
  manualOffsetSeconds: z.number().int(),
  measuredOffsetMs: z.number().nullable(),
  /** Added to the system clock for every code, countdown and wait. */
  offsetInUseMs: z.number(),
  limitSeconds: z.number(),
  warnSeconds: z.number(),
  /** A check is under way. */
  checking: z.boolean(),
  lastCheck: lastClockCheck.nullable(),
  /** An uncorrected offset above warnSeconds (the Enrol view shows it even when dismissed). */
  warning: clockWarning.nullable(),
  /** Show the banner above the codes: a warning the person has not dismissed. */
  banner: z.boolean(),
});
export type ClockStatus = z.infer<typeof clockStatus>;

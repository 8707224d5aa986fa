// The clock check's settings and remembered state, with zod schemas (for the settings file and
// the IPC contract). Non-secret: a host name, an offset, when and how the last check went.
import { z } from 'zod';
import { CLOCK_LIMITS, DEFAULT_CLOCK_HOST } from './limits';

const limit = CLOCK_LIMITS.maxCorrectionSeconds;

export const clockCorrectionMode = z.enum(['off', 'measured', 'manual']);
export type ClockCorrectionMode = z.infer<typeof clockCorrectionMode>;

const measuredCheck = z.object({
  at: z.number(),
  host: z.string().max(CLOCK_LIMITS.maxHostChars),
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
    host: z.string().max(CLOCK_LIMITS.maxHostChars),
    code: z.string().max(40),
    message: z.string().max(1000),
  }),
]);
export type LastClockCheck = z.infer<typeof lastClockCheck>;

export const clockSettings = z.object({
  /** The person turned on checking (daily and on wake). Off until they do. */
  clockCheckEnabled: z.boolean(),
  /** The host asked, as parseClockHost writes it. */
  clockCheckHost: z.string().min(1).max(CLOCK_LIMITS.maxHostChars),
  /** Which offset the codes use: none, the last accepted measurement, or one set by hand. */
  clockCorrection: clockCorrectionMode,
  /** The offset set by hand, in whole seconds (positive: this computer is slow). */
  clockManualOffsetSeconds: z.number().int().min(-limit).max(limit),
  /** The last measured offset within the limit (null until one is): what 'measured' applies. */
  clockMeasuredOffsetMs: z
    .number()
    .finite()
    .min(-limit * 1000)
    .max(limit * 1000)
    .nullable(),
  /** The last check's outcome, success or not (shown in Settings; the daily rhythm counts from it). */
  clockLastCheck: lastClockCheck.nullable(),
});
export type ClockSettings = z.infer<typeof clockSettings>;

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = {
  clockCheckEnabled: false,
  clockCheckHost: DEFAULT_CLOCK_HOST,
  clockCorrection: 'off',
  clockManualOffsetSeconds: 0,
  clockMeasuredOffsetMs: null,
  clockLastCheck: null,
};

/** Where the service keeps them (in the app: the settings store, under these keys). */
export interface ClockSettingsStore {
  get(): ClockSettings;
  set(patch: Partial<ClockSettings>): void;
}

/** A store in memory: the CLI and tests. */
export function memoryClockSettings(initial: Partial<ClockSettings> = {}): ClockSettingsStore {
  let current: ClockSettings = { ...DEFAULT_CLOCK_SETTINGS, ...initial };
  return {
    get: () => current,
    set: (patch) => {
      current = { ...current, ...patch };
    },
  };
}

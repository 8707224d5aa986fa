// The clock check's settings and remembered state, with the zod schema the settings file is read
// with. Non-secret: a host name, an offset, when and how the last check went. The correction mode
// and the last check's record are the window's too, so their schemas live in the contract's leaf
// (preload/views/clock.ts).
import { z } from 'zod';
import { clockCorrectionMode, lastClockCheck } from '../../preload/views/clock';
import { CLOCK_LIMITS, DEFAULT_CLOCK_HOST } from './limits';

const limit = CLOCK_LIMITS.maxCorrectionSeconds;

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

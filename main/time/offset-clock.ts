// The Clock the codes are computed with: the system clock plus the offset in use, read at every
// call so a new measurement takes effect at once. Timers are durations and are left alone.
import type { Clock } from './clock';

export function offsetClock(base: Clock, offsetMs: () => number): Clock {
  return {
    now: () => base.now() + offsetMs(),
    setTimeout: (callback, ms) => base.setTimeout(callback, ms),
    clearTimeout: (handle) => base.clearTimeout(handle),
  };
}

// The real clock behind the Clock port (main/time/clock.ts).
import type { Clock } from '../time/clock';

/**
 * The real clock. Timers are unref'd: a pending clipboard clear must not keep a CLI or a test
 * process alive (the app's own lifetime is held by Electron, not by these timers).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return { timer };
  },
  clearTimeout: (handle) => clearTimeout(handle.timer as ReturnType<typeof setTimeout>),
};

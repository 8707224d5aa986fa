// Time, injected: the use cases never read Date.now() or call setTimeout themselves, so tests
// drive them with a fake clock and prove the rules at the exact millisecond boundaries. The port
// lives with the clock check (main/time), which corrects it; the app and its adapters use it too.

/** An opaque handle for a scheduled callback. */
export type TimerHandle = { readonly timer: unknown };

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds (setTimeout semantics). */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Resolves after `ms` milliseconds of `clock` time. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

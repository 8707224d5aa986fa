// How long the event loop stalls while some work runs: what the workers (QR, Argon2id) are for.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The longest the event loop waited for a 5 ms timer while `work` ran, in ms. */
export async function maxDelayDuring(work: () => Promise<unknown>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // The histogram records gaps between its own ticks: let it tick before the work starts. After
  // reset() its first tick only sets a new baseline (the gap before it is not recorded), so one
  // more tick must pass, or a block that starts at once goes unseen.
  await tick(30);
  delay.reset();
  await tick(12);
  await work();
  // …and once after it, which records a gap the work may have caused.
  await tick(30);
  delay.disable();
  return delay.max / 1e6;
}

export interface LoopDuring {
  /** How long `work` took, in ms. */
  durationMs: number;
  /** The longest the main thread went without running a 10 ms interval timer, in ms. */
  longestGapMs: number;
  /** How many times that timer ran. */
  ticks: number;
  /** The main thread's event-loop utilization over the work (0 idle … 1 busy throughout). */
  utilization: number;
}

/**
 * What the main thread did while `work` ran: whether its timers kept firing and how busy it was.
 * For asserting behaviour (the work ran elsewhere), not speed: compare the longest gap with the
 * work's own duration and a fixed allowed stall, never with an idle baseline on a shared machine.
 */
export async function loopDuring(work: () => Promise<unknown>): Promise<LoopDuring> {
  const before = performance.eventLoopUtilization();
  const start = performance.now();
  let last = start;
  let longestGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const end = performance.now();
  longestGapMs = Math.max(longestGapMs, end - last);
  const { utilization } = performance.eventLoopUtilization(before);
  return { durationMs: end - start, longestGapMs, ticks, utilization };
}

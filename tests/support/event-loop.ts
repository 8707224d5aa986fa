// How long the event loop stalls while some work runs: what the workers (QR, Argon2id) are for.
import { monitorEventLoopDelay } from 'node:perf_hooks';

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

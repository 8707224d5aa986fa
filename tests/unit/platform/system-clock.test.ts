// The real clock behind the Clock port: timers fire after their time, can be cancelled, and do
// not keep the process alive.
import { describe, expect, it } from 'vitest';
import { sleep } from '../../../main/time/clock';
import { systemClock } from '../../../main/platform/system-clock';

describe('systemClock', () => {
  it('now() is the wall clock in ms', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('sleep resolves after the time has passed', async () => {
    const start = performance.now();
    await sleep(systemClock, 30);
    // Node may fire a timer up to ~1 ms early against a fresh reading.
    expect(performance.now() - start).toBeGreaterThanOrEqual(29);
  });

  it('a cleared timer never fires', async () => {
    let fired = false;
    const handle = systemClock.setTimeout(() => (fired = true), 5);
    systemClock.clearTimeout(handle);
    await sleep(systemClock, 20);
    expect(fired).toBe(false);
  });

  it('timers are unref’d, so a pending clipboard clear never holds a process open', () => {
    const handle = systemClock.setTimeout(() => {}, 60_000);
    expect((handle.timer as NodeJS.Timeout).hasRef()).toBe(false);
    systemClock.clearTimeout(handle);
  });
});

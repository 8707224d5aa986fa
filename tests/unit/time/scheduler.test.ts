// The automatic re-check's rhythm under a fake clock: at most once a day from the last attempt,
// once on wake (not twice for a flurry of wake events), never while stopped, never two at once.
import { describe, expect, it } from 'vitest';
import { RecheckScheduler } from '../../../main/time/scheduler';
import { FakeClock } from '../../fakes/clock';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);

function setup(last: number | null, checkMs = 0) {
  const clock = new FakeClock(T0);
  const attempts: number[] = [];
  let lastAt = last;
  const scheduler = new RecheckScheduler({
    clock,
    lastAttemptAt: () => lastAt,
    check: async () => {
      attempts.push(clock.now());
      if (checkMs > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, checkMs));
      lastAt = attempts.at(-1)!;
    },
  });
  return { clock, attempts, scheduler };
}

describe('RecheckScheduler', () => {
  it('never checked: checks at once, then every 24 h', async () => {
    const { clock, attempts, scheduler } = setup(null);
    scheduler.start();
    await clock.advance(0);
    expect(attempts).toEqual([T0]);
    await clock.advance(DAY - 1);
    expect(attempts).toHaveLength(1);
    await clock.advance(1);
    expect(attempts).toEqual([T0, T0 + DAY]);
    await clock.advance(DAY);
    expect(attempts).toEqual([T0, T0 + DAY, T0 + 2 * DAY]);
  });

  it('checked 3 h ago: the next check is 21 h from now', async () => {
    const { clock, attempts, scheduler } = setup(T0 - 3 * 3600_000);
    scheduler.start();
    expect(clock.pending()).toEqual([21 * 3600_000]);
    await clock.advance(21 * 3600_000);
    expect(attempts).toEqual([T0 + 21 * 3600_000]);
  });

  it('a last check in the future (the clock was set back): checks at once', async () => {
    const { clock, attempts, scheduler } = setup(T0 + DAY);
    scheduler.start();
    await clock.advance(0);
    expect(attempts).toEqual([T0]);
  });

  it('wake: checks at once and restarts the day from it; a second wake within a minute does not', async () => {
    const { clock, attempts, scheduler } = setup(T0 - 3600_000);
    scheduler.start();
    await clock.advance(10_000);
    scheduler.wake();
    await clock.advance(0);
    expect(attempts).toEqual([T0 + 10_000]);
    await clock.advance(59_999);
    scheduler.wake();
    await clock.advance(0);
    expect(attempts).toHaveLength(1);
    await clock.advance(1);
    scheduler.wake();
    await clock.advance(0);
    expect(attempts).toEqual([T0 + 10_000, T0 + 70_000]);
    expect(clock.pending()).toEqual([DAY]);
  });

  it('stopped (checking turned off): no timer, and wake does nothing', async () => {
    const { clock, attempts, scheduler } = setup(null);
    scheduler.wake();
    scheduler.start();
    scheduler.stop();
    expect(clock.pending()).toEqual([]);
    scheduler.wake();
    await clock.advance(2 * DAY);
    expect(attempts).toEqual([]);
  });

  it('a slow check is not started twice by a wake meanwhile', async () => {
    const { clock, attempts, scheduler } = setup(null, 4_000);
    scheduler.start();
    await clock.advance(0);
    scheduler.wake(); // the first one is still running (lastAttemptAt not yet updated)
    await clock.advance(4_000);
    expect(attempts).toEqual([T0]);
    expect(clock.pending()).toEqual([DAY - 4_000]); // a day from when it started
  });
});

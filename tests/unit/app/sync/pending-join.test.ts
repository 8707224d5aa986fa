// A join waiting for its invitation (main/app/sync/pending-join.ts) retries on the clock it is
// given, not on the process's timers: a fake clock drives it to the second, and a cancelled or
// expired wait leaves no timer behind.
import { describe, expect, it } from 'vitest';
import { PendingJoin } from '../../../../main/app/sync/pending-join';
import { SyncUsageError } from '../../../../main/sync';
import { FakeClock } from '../../../fakes/clock';

const T0 = Date.UTC(2026, 11, 7, 12);

function waiting(attempt: () => Promise<void>) {
  const clock = new FakeClock(T0);
  const failed: string[] = [];
  let attempts = 0;
  const pending = new PendingJoin({
    folder: '/sync',
    since: T0,
    clock,
    watcher: { watch: () => () => {} },
    retryMs: 2_000,
    attempt: () => {
      attempts++;
      return attempt();
    },
    failed: (message) => failed.push(message),
  });
  pending.wait();
  return { clock, pending, failed, attempts: () => attempts };
}

const notYet = () =>
  Promise.reject(new SyncUsageError('invitation-not-found', 'The invitation is not here yet.'));

describe('PendingJoin', () => {
  it('tries again every 2 s of its clock until the attempt works, then stops', async () => {
    let arrived = false;
    const join = waiting(() => (arrived ? Promise.resolve() : notYet()));
    await join.clock.advance(1_999);
    expect(join.attempts()).toBe(0);
    await join.clock.advance(1);
    expect(join.attempts()).toBe(1);
    await join.clock.advance(4_000);
    expect(join.attempts()).toBe(3);
    arrived = true;
    await join.clock.advance(2_000);
    expect(join.pending.done).toBe(true);
    expect(join.clock.pending()).toEqual([]);
    expect(join.failed).toEqual([]);
  });

  it('gives up with a sentence once the 15 minutes are over, and cancel leaves no timer', async () => {
    const join = waiting(notYet);
    await join.clock.advance(15 * 60_000 + 2_000);
    expect(join.failed).toEqual([expect.stringMatching(/within 15 minutes/)]);
    expect(join.clock.pending()).toEqual([]);

    const other = waiting(notYet);
    other.pending.cancel();
    expect(other.clock.pending()).toEqual([]);
  });
});

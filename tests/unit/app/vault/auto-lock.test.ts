import { describe, expect, it } from 'vitest';
import { AutoLock } from '../../../../main/app/vault/auto-lock';
import { FakeClock } from '../../../fakes/clock';

function setup(settings = { autoLockMinutes: 5, lockOnScreenLock: true }) {
  const clock = new FakeClock(0);
  let idle = 0;
  let unlocked = true;
  const locks: string[] = [];
  const autoLock = new AutoLock({
    clock,
    systemIdleSeconds: () => idle,
    settings: () => settings,
    isUnlocked: () => unlocked,
    lock: (reason) => {
      locks.push(reason);
      unlocked = false;
    },
    pollMs: 15_000,
  });
  return {
    autoLock,
    clock,
    locks,
    setIdle: (s: number) => (idle = s),
    unlock: () => (unlocked = true),
  };
}

describe('AutoLock', () => {
  it('locks once the system has been idle for the configured minutes', async () => {
    const { autoLock, clock, locks, setIdle } = setup();
    autoLock.start();
    setIdle(299);
    await clock.advance(15_000);
    expect(locks).toEqual([]);
    setIdle(300);
    await clock.advance(15_000);
    expect(locks).toEqual(['idle']);
    await clock.advance(60_000);
    expect(locks).toEqual(['idle']); // already locked
  });

  it('never locks on idle when the setting is 0', async () => {
    const { autoLock, clock, locks, setIdle } = setup({
      autoLockMinutes: 0,
      lockOnScreenLock: true,
    });
    autoLock.start();
    setIdle(100_000);
    await clock.advance(60_000);
    expect(locks).toEqual([]);
  });

  it('locks on screen lock and suspend when the setting says so', () => {
    const on = setup();
    on.autoLock.onScreenLocked();
    on.unlock();
    on.autoLock.onSuspend();
    expect(on.locks).toEqual(['screen-lock', 'suspend']);
    const off = setup({ autoLockMinutes: 5, lockOnScreenLock: false });
    off.autoLock.onScreenLocked();
    off.autoLock.onSuspend();
    expect(off.locks).toEqual([]);
  });

  it('stop() ends the polling', async () => {
    const { autoLock, clock } = setup();
    autoLock.start();
    autoLock.stop();
    expect(clock.pending()).toEqual([]);
    await clock.advance(60_000);
  });
});

// The folder watcher's poll (main/sync/watch.ts): a change is reported when the listing differs
// from the last poll, including a folder that comes back (a disk plugged in again) or appears
// (the first file a sync program brings); the first poll only takes the listing.
import { mkdir, mkdtemp, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FsFolderWatcher } from '../../../main/sync/watch';

/** Timers the test fires by hand; waits for the poll's promise chain after each tick. */
function manualTimers() {
  let tick: (() => void) | undefined;
  return {
    timers: {
      setInterval: (callback: () => void) => ((tick = callback), 1),
      clearInterval: () => (tick = undefined),
    },
    async tick() {
      tick?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    /**
     * Ticks until `check` holds: a tick while the last poll still reads the folder is skipped (as
     * the real interval's is), and on a loaded machine a poll can take longer than one tick's wait.
     */
    async until(check: () => void) {
      await vi.waitFor(
        async () => {
          await this.tick();
          check();
        },
        { timeout: 20_000, interval: 10 },
      );
    },
  };
}

describe('FsFolderWatcher poll', () => {
  it('reports a folder that appears, and one that comes back', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'trayotp-watch-'));
    const dir = join(parent, 'trayotp-sync');
    const clock = manualTimers();
    let changes = 0;
    const stop = new FsFolderWatcher(1000, clock.timers).watch(dir, () => changes++);
    await clock.tick(); // the first poll: nothing there yet
    await clock.tick();
    expect(changes).toBe(0);
    await mkdir(join(dir, 'device'), { recursive: true });
    await writeFile(join(dir, 'device', '0000000001.tsl'), 'x');
    await clock.until(() => expect(changes).toBeGreaterThan(0));
    const appeared = changes;
    await rename(dir, join(parent, 'away'));
    await clock.until(() => expect(changes).toBeGreaterThan(appeared));
    await rename(join(parent, 'away'), dir);
    const before = changes;
    await clock.until(() => expect(changes).toBeGreaterThan(before));
    stop();
  });

  it('reports a link that appears and one that is deleted (a bad file removed must be read again)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trayotp-watch-link-'));
    await mkdir(join(dir, 'device'));
    const clock = manualTimers();
    let changes = 0;
    const stop = new FsFolderWatcher(1000, clock.timers).watch(dir, () => changes++);
    await clock.tick();
    await symlink('/etc/hostname', join(dir, 'device', '0000000009.tsl'));
    await clock.until(() => expect(changes).toBeGreaterThan(0));
    const appeared = changes;
    await unlink(join(dir, 'device', '0000000009.tsl'));
    await clock.until(() => expect(changes).toBeGreaterThan(appeared));
    stop();
  });
});

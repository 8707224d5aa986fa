// The followed folder's watcher (main/sync/backup-watch.ts): a backup arriving in the folder is
// noticed (fs.watch, or the poll of the folder's own listing); what happens in subfolders is not
// its business, so a big tree below a followed folder is neither watched nor walked.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupFolderWatcher, listingSignature } from '../../../main/sync/backup-watch';
import type { Timers } from '../../../main/sync/watch';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-follow-watch-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Timers whose interval runs only when the test says so. */
function manualTimers() {
  let tick: (() => void) | undefined;
  const timers: Timers = {
    setInterval: (callback) => (tick = callback),
    clearInterval: () => (tick = undefined),
  };
  return {
    timers,
    tick: () => tick?.(),
    get running() {
      return tick !== undefined;
    },
  };
}

describe('BackupFolderWatcher', () => {
  it('notices a backup arriving in the folder by itself (fs.watch)', async () => {
    let changes = 0;
    const stop = new BackupFolderWatcher(60_000).watch(folder, () => changes++);
    await writeFile(join(folder, 'aegis-backup-20261201-080000.json'), '{}');
    await expect.poll(() => changes, { timeout: 20_000 }).toBeGreaterThan(0);
    stop();
  });

  it('is not recursive: files written in a subfolder are not reported', async () => {
    await mkdir(join(folder, 'photos'));
    const manual = manualTimers();
    let changes = 0;
    const stop = new BackupFolderWatcher(60_000, manual.timers).watch(folder, () => changes++);
    const signature = await listingSignature(folder);
    manual.tick(); // the poll's first listing
    await writeFile(join(folder, 'photos', 'a.jpg'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 500));
    manual.tick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await listingSignature(folder)).toBe(signature);
    expect(changes).toBe(0);
    stop();
    expect(manual.running).toBe(false);
  });

  it("the poll reports a change in the folder's own listing", async () => {
    const manual = manualTimers();
    let changes = 0;
    const stop = new BackupFolderWatcher(60_000, manual.timers).watch(folder, () => changes++);
    manual.tick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = changes;
    await writeFile(join(folder, 'aegis-backup-20261202-080000.json'), '{}');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const afterWatch = changes;
    manual.tick();
    await expect.poll(() => changes, { timeout: 5_000 }).toBeGreaterThan(afterWatch);
    expect(afterWatch).toBeGreaterThanOrEqual(before);
    stop();
  });
});

// Noticing that files arrived (docs/sync.md § In use: merge within a second). fs.watch where the
// platform reports changes (recursive on Linux, macOS and Windows with Node ≥ 20), and a poll of
// the folder's listing as the fallback for file systems that report nothing (network shares,
// some FUSE mounts, a sync engine that writes through another mount).
import { watch } from 'node:fs';
import { lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderWatcher {
  /** Calls `onChange` (possibly more than once) after something under `dir` changed. */
  watch(dir: string, onChange: () => void): () => void;
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemTimers: Timers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface WatchWithPoll {
  /** fs.watch the whole tree (the sync folder) or only the folder itself (followed backups). */
  recursive: boolean;
  pollMs: number;
  timers: Timers;
  /** What the poll compares between rounds: a change in it is a change. */
  signature: (dir: string) => Promise<string>;
}

/**
 * fs.watch where the platform reports changes, and a poll of `signature` as the fallback; the
 * first poll only records, so a folder that is empty or not there yet ('') and then appears or
 * comes back (a disk plugged in again) is a change too. Returns the stop function.
 */
export function watchWithPoll(dir: string, options: WatchWithPoll, onChange: () => void) {
  let watcher: ReturnType<typeof watch> | undefined;
  try {
    watcher = watch(dir, { recursive: options.recursive, persistent: false }, () => onChange());
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined; // the poll below still runs
    });
  } catch {
    watcher = undefined;
  }
  let last: string | undefined;
  let polling = false;
  const handle = options.timers.setInterval(() => {
    if (polling) return;
    polling = true;
    void options
      .signature(dir)
      .then((signature) => {
        if (last !== undefined && signature !== last) onChange();
        last = signature;
      })
      .catch(() => undefined)
      .finally(() => {
        polling = false;
      });
  }, options.pollMs);
  return () => {
    watcher?.close();
    options.timers.clearInterval(handle);
  };
}

export class FsFolderWatcher implements FolderWatcher {
  constructor(
    private readonly pollMs = 1000,
    private readonly timers: Timers = systemTimers,
  ) {}

  watch(dir: string, onChange: () => void): () => void {
    const { pollMs, timers } = this;
    return watchWithPoll(
      dir,
      { recursive: true, pollMs, timers, signature: (d) => folderSignature(d) },
      onChange,
    );
  }
}

/**
 * Names, sizes and modification times of every entry two levels down (bounded). Links, FIFOs and
 * other non-files count by lstat too: a bad file that was a link and is then deleted must still
 * be a change, so the device it held back is read again (docs/sync.md G5).
 */
export async function folderSignature(dir: string, limit = 20_000): Promise<string> {
  const parts: string[] = [];
  const walk = async (path: string, depth: number) => {
    let handle;
    try {
      handle = await opendir(path);
    } catch {
      return;
    }
    for await (const entry of handle) {
      if (parts.length >= limit) break;
      const child = join(path, entry.name);
      if (entry.isDirectory() && depth > 0) await walk(child, depth - 1);
      else {
        const info = await lstat(child).catch(() => undefined);
        if (info) parts.push(`${child}:${info.mode}:${info.size}:${info.mtimeMs}`);
      }
    }
  };
  await walk(dir, 1);
  return parts.sort().join('\n');
}

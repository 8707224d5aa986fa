// Noticing a phone's new backup in a followed folder. Backups land in the folder itself, so
// unlike the sync folder's watcher (watch.ts, recursive) this one watches one level only: a
// followed folder with a big tree below it (a whole Syncthing share) costs one inotify watch,
// not one per subfolder. fs.watch reports at once where the platform can; a poll of the
// folder's own listing (names, sizes, times; bounded) is the fallback for file systems that
// report nothing. Backups are not urgent, so the poll is slow.
import { lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FOLDER_ENTRIES } from './backup-follow';
import { systemTimers, watchWithPoll } from './watch';
import type { FolderWatcher, Timers } from './watch';

export class BackupFolderWatcher implements FolderWatcher {
  constructor(
    private readonly pollMs = 15_000,
    private readonly timers: Timers = systemTimers,
  ) {}

  watch(dir: string, onChange: () => void): () => void {
    const { pollMs, timers } = this;
    return watchWithPoll(
      dir,
      { recursive: false, pollMs, timers, signature: listingSignature },
      onChange,
    );
  }
}

/** Names, sizes and modification times of the folder's own files (at most the follow bound). */
export async function listingSignature(dir: string): Promise<string> {
  const parts: string[] = [];
  for await (const entry of await opendir(dir)) {
    if (parts.length > MAX_FOLDER_ENTRIES) break;
    // A subfolder's time changes with what is written inside it: its name alone counts.
    const info = entry.isDirectory()
      ? undefined
      : await lstat(join(dir, entry.name)).catch(() => undefined);
    parts.push(info ? `${entry.name}:${info.size}:${info.mtimeMs}` : entry.name);
  }
  return parts.sort().join('\n');
}

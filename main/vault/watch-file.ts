// Noticing that another program saved the vault file (issue 26: saves are events, theirs too).
// fs.watch on the file's folder, for the file's own name: a save is an atomic rename onto that
// name, so each one is reported (inotify, FSEvents, ReadDirectoryChangesW). No poll: where the
// folder reports nothing (some network shares), another program's save is still taken in by
// this vault's next save, which re-reads the file under the write lock.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Calls `onChange` (possibly more than once) after the file at `path` may have changed. */
export type VaultFileWatch = (path: string, onChange: () => void) => () => void;

export const watchVaultFile: VaultFileWatch = (path, onChange) => {
  const name = basename(path);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      // Some platforms do not say which file; then it may have been this one.
      if (file === null || String(file) === name) onChange();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    return () => {};
  }
  return () => watcher?.close();
};

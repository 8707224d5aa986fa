// Watching the followed folder, paced: whoever can write the folder can make every new file cost
// a key derivation (an Ente backup's is up to 8 GiB·passes, seconds of work), so changes the
// watcher reports start at most one read per MIN_READ_INTERVAL_MS; the person's Check now is
// not held back (it only counts as the last read).
import type { Clock, TimerHandle } from '../../time/clock';
import type { FolderWatcher } from '../../sync/watch';

export const MIN_READ_INTERVAL_MS = 30_000;

export interface PacedWatchDeps {
  watcher: FolderWatcher;
  clock: Clock;
  /** Reads the folder (one check at a time is the caller's). */
  check: () => void;
}

export class PacedFolderWatch {
  #watching: { folder: string; stop: () => void } | undefined;
  #lastReadAt: number | undefined;
  #deferred: TimerHandle | undefined;

  constructor(private readonly deps: PacedWatchDeps) {}

  /** The folder watched now, if any. */
  get folder(): string | undefined {
    return this.#watching?.folder;
  }

  watch(folder: string): void {
    if (this.#watching?.folder === folder) return;
    this.#watching?.stop();
    const stop = this.deps.watcher.watch(folder, () => this.#changed());
    this.#watching = { folder, stop };
  }

  /** A backup is being read now: the next change-started read waits for the interval. */
  noteRead(): void {
    this.#lastReadAt = this.deps.clock.now();
  }

  /** No watching, and no read left waiting. */
  stop(): void {
    this.#watching?.stop();
    this.#watching = undefined;
    if (this.#deferred) this.deps.clock.clearTimeout(this.#deferred);
    this.#deferred = undefined;
  }

  /** A change the watcher saw: checked now, or once the read interval is over. */
  #changed(): void {
    if (this.#deferred) return;
    const { clock, check } = this.deps;
    const since = this.#lastReadAt === undefined ? Infinity : clock.now() - this.#lastReadAt;
    if (since >= MIN_READ_INTERVAL_MS) return check();
    this.#deferred = clock.setTimeout(() => {
      this.#deferred = undefined;
      check();
    }, MIN_READ_INTERVAL_MS - since);
  }
}

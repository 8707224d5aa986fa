// A join waiting for its invitation: the file is carried to this computer by the person's sync
// program, which may take seconds or minutes. Tried again whenever something changes under the
// folder's trayotp-sync/ (and every few seconds, for file systems that report nothing), until it
// works, fails for another reason, is cancelled, or the invitation's 15 minutes are over.
import { join } from 'node:path';
import { INVITATION_TTL_MS, SyncUsageError } from '../../sync';
import type { FolderWatcher } from '../../sync';
import { SYNC_DIR } from '../../sync/names';
import type { Clock, TimerHandle } from '../../time/clock';

export interface PendingJoinOptions {
  folder: string;
  since: number;
  /** The retries' timer and the invitation's 15 minutes. */
  clock: Clock;
  watcher: FolderWatcher;
  /** Tries to join: resolves once joined; throws invitation-not-found while the file is away. */
  attempt: () => Promise<void>;
  /** The join ended without working (expired, bad code, the folder gone), with a sentence. */
  failed: (message: string) => void;
  retryMs?: number;
}

export class PendingJoin {
  readonly folder: string;
  readonly since: number;
  #stopWatch: (() => void) | undefined;
  #retry: TimerHandle | undefined;
  #running = false;
  #again = false;
  #done = false;

  constructor(private readonly options: PendingJoinOptions) {
    this.folder = options.folder;
    this.since = options.since;
  }

  /** Starts waiting (after a first attempt found nothing). */
  wait(): void {
    // The sync folder itself may not exist yet here: watch the chosen folder's sync dir where it
    // can, and poll in any case.
    this.#stopWatch = this.options.watcher.watch(join(this.folder, SYNC_DIR), () => this.poke());
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#retry = this.options.clock.setTimeout(() => {
      this.#retry = undefined;
      this.poke();
      // poke may have ended the wait (the 15 minutes are over): then nothing is left scheduled.
      if (!this.#done) this.#scheduleRetry();
    }, this.options.retryMs ?? 2000);
  }

  get done(): boolean {
    return this.#done;
  }

  /** Something changed: try again (one attempt at a time; a change during one tries once more). */
  poke(): void {
    if (this.#done) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.options.clock.now() - this.since > INVITATION_TTL_MS) {
      this.#finish();
      this.options.failed(
        'The invitation did not reach this computer within 15 minutes: check that your sync program shares the folder with the other computer, then make a new invitation there.',
      );
      return;
    }
    this.#running = true;
    void this.options
      .attempt()
      .then(
        () => this.#finish(),
        (error: unknown) => {
          if (error instanceof SyncUsageError && error.code === 'invitation-not-found') return;
          this.#finish();
          this.options.failed(
            error instanceof Error ? error.message : 'The invitation could not be used.',
          );
        },
      )
      .finally(() => {
        this.#running = false;
        if (this.#again && !this.#done) {
          this.#again = false;
          this.poke();
        }
      });
  }

  cancel(): void {
    this.#finish();
  }

  #finish(): void {
    this.#done = true;
    this.#stopWatch?.();
    this.#stopWatch = undefined;
    if (this.#retry) this.options.clock.clearTimeout(this.#retry);
    this.#retry = undefined;
  }
}

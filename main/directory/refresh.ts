// When the directory is downloaded, and what happens when that fails. The rules:
// - nothing is ever downloaded unless the person turned the directory on;
// - an automatic refresh runs at most once a week (counted from the copy's download time);
// - "Update now" runs whenever the directory is on (one download at a time: a second request
//   while one runs waits for it);
// - a failed automatic attempt is retried after an hour, then two, four... at most daily, never
//   in a loop;
// - a failed download or a bad file never replaces the copy: the old one stays in use, and the
//   outcome says when it was fetched.
import type { FetchFunction } from './download';
import { DIRECTORY_URL, downloadDirectory } from './download';
import { DirectoryDownloadError, DirectoryFormatError } from './errors';
import { parseDirectoryValue, readDirectoryJson } from './parse';
import type { DirectoryStore, LoadedCopy } from './store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const REFRESH_EVERY_MS = 7 * DAY;
export const FIRST_RETRY_MS = HOUR;
export const MAX_RETRY_MS = DAY;

export interface Failure {
  /** When the last attempt failed (Unix ms). */
  at: number;
  message: string;
  /** Failed attempts in a row. */
  count: number;
}

export type AutoRefreshDecision =
  { due: true } | { due: false; why: 'fresh' | 'backing-off'; until: number };

/**
 * Whether an automatic refresh may run at `now`: when there is no copy or it is a week old,
 * and no failed attempt is still waiting out its back-off. A copy dated in the future (the
 * clock was wrong when it was fetched) counts as old, so a wrong date cannot stop updates.
 */
export function autoRefreshDue(
  fetchedAt: number | undefined,
  failure: Failure | undefined,
  now: number,
): AutoRefreshDecision {
  if (failure) {
    const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failure.count - 1));
    if (now >= failure.at && now < failure.at + wait) {
      return { due: false, why: 'backing-off', until: failure.at + wait };
    }
  }
  if (fetchedAt !== undefined && fetchedAt <= now && now < fetchedAt + REFRESH_EVERY_MS) {
    return { due: false, why: 'fresh', until: fetchedAt + REFRESH_EVERY_MS };
  }
  return { due: true };
}

export type RefreshTrigger = 'auto' | 'user';

export type RefreshOutcome =
  /** The directory is off: nothing was downloaded. */
  | { kind: 'off' }
  /** Automatic, and not due (`why`); nothing was downloaded. */
  | { kind: 'not-due'; why: 'fresh' | 'backing-off'; until: number }
  | { kind: 'updated'; copy: LoadedCopy }
  /** The download or the file failed; `kept` is the copy still in use, if any. */
  | { kind: 'failed'; message: string; kept: LoadedCopy | undefined };

export interface DirectoryUpdaterOptions {
  store: Pick<DirectoryStore, 'load' | 'save' | 'remove'>;
  fetch: FetchFunction;
  now: () => number;
  url?: string;
  timeoutMs?: number;
}

export class DirectoryUpdater {
  #copy: LoadedCopy | undefined;
  #problem: string | undefined;
  #failure: Failure | undefined;
  #opened: Promise<void> | undefined;
  #running: Promise<RefreshOutcome> | undefined;
  /** Bumped by forget(): a download that started before must not bring the copy back. */
  #generation = 0;

  constructor(private readonly options: DirectoryUpdaterOptions) {}

  /** The source the copy is downloaded from. */
  get url(): string {
    return this.options.url ?? DIRECTORY_URL;
  }

  /** Reads the saved copy (once); a damaged one is reported in `problem` and not used. */
  open(): Promise<void> {
    return (this.#opened ??= this.options.store.load().then((loaded) => {
      if (loaded.kind === 'loaded')
        this.#copy = { snapshot: loaded.snapshot, skipped: loaded.skipped };
      if (loaded.kind === 'unusable') this.#problem = loaded.problem;
    }));
  }

  get copy(): LoadedCopy | undefined {
    return this.#copy;
  }

  /** Why the saved copy could not be used, until a download replaces it. */
  get problem(): string | undefined {
    return this.#problem;
  }

  get failure(): Failure | undefined {
    return this.#failure;
  }

  get updating(): boolean {
    return this.#running !== undefined;
  }

  decision(now = this.options.now()): AutoRefreshDecision {
    const fetchedAt = this.#copy ? Date.parse(this.#copy.snapshot.fetchedAt) : undefined;
    return autoRefreshDue(fetchedAt, this.#failure, now);
  }

  /** Downloads a new copy if the rules allow it (see the top of this file). */
  async refresh(trigger: RefreshTrigger, enabled: boolean): Promise<RefreshOutcome> {
    if (!enabled) return { kind: 'off' };
    // Taken before any await: a forget() from here on must win over this download.
    const generation = this.#generation;
    await this.open();
    if (generation !== this.#generation) return { kind: 'off' };
    if (this.#running) return this.#running;
    if (trigger === 'auto') {
      const decision = this.decision();
      if (!decision.due) return { kind: 'not-due', why: decision.why, until: decision.until };
    }
    this.#running = this.#download(generation).finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** The person turned the directory off: the copy is deleted and forgotten. */
  async forget(): Promise<void> {
    this.#generation++;
    await this.open();
    await this.options.store.remove();
    this.#copy = undefined;
    this.#problem = undefined;
    this.#failure = undefined;
  }

  async #download(generation: number): Promise<RefreshOutcome> {
    const startedAt = this.options.now();
    let copy: LoadedCopy;
    try {
      const bytes = await downloadDirectory(this.options.fetch, {
        url: this.url,
        ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
      });
      const list = readDirectoryJson(bytes);
      const { sites, skipped } = parseDirectoryValue(list);
      const fetchedAt = new Date(startedAt).toISOString();
      if (generation !== this.#generation) return { kind: 'off' };
      await this.options.store.save(list, fetchedAt, this.url);
      copy = { snapshot: { fetchedAt, source: this.url, sites }, skipped };
    } catch (error) {
      if (generation !== this.#generation) return { kind: 'off' };
      const known =
        error instanceof DirectoryDownloadError || error instanceof DirectoryFormatError;
      const message = known
        ? error.message
        : `The directory could not be saved (${(error as Error).message}).`;
      this.#failure = {
        at: this.options.now(),
        message,
        count: (this.#failure?.count ?? 0) + 1,
      };
      return { kind: 'failed', message, kept: this.#copy };
    }
    this.#copy = copy;
    this.#problem = undefined;
    this.#failure = undefined;
    return { kind: 'updated', copy };
  }
}

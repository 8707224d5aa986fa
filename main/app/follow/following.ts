// Following a phone's backups (issue 17, docs/sync.md § Following a phone's backups): a folder
// that Syncthing (or anything) fills with the phone app's automatic backups is watched while
// TrayOTP is unlocked. When a newer backup arrives it is read with the app's importer and the
// password kept in the vault, and compared with the backup last merged and with the vault
// (sync/follow-diff.ts). The window is shown the difference; one click merges: chosen additions
// through the app's adding path, ticked label changes in one save; removals are only listed.
// Additions can be merged automatically. Nothing is ever written into the followed folder.
// Reading a backup and the merges it leads to are in follow-backup.ts; here is when (the
// watcher, one check at a time, at most one read per interval) and what the window is shown.
import type { Account } from '../../otp/account';
import type { Clock } from '../../time/clock';
import type { Vault } from '../../vault';
import { fingerprint, isEmptyDifference } from '../../sync/follow-diff';
import type { FollowDifference } from '../../sync/follow-diff';
import type { FolderWatcher } from '../../sync/watch';
import type { AppEvents } from '../window/app-events';
import type { FolderPicker } from '../ports/folder-picker';
import type { Logger } from '../ports/logger';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import {
  chooseFollowFolder,
  differenceOf,
  mergedState,
  newestFollowedFile,
  newestInChosenFolder,
  readFollowedBackup,
  settledState,
  stampOf,
} from './follow-backup';
import type { ReadBackup } from './follow-backup';
import { FOLLOW_SECRET, parseFollowState, sameFile, serializeFollowState } from './follow-state';
import type { FollowState } from './follow-state';
import { sentence } from './follow-errors';
import { FOLLOW_OFF, followingView, pendingView } from './follow-status';
import { PacedFolderWatch } from './follow-watch';
import type { FollowFolderChoice, FollowStatus } from '../../../preload/views/follow';

/** The vault's own secrets (vault.secret / vault.setSecret), as this service needs them. */
export interface SecretStore {
  get(name: string): string | undefined;
  set(name: string, value: string | undefined): Promise<void>;
}

export interface FollowingDeps {
  session: VaultSession;
  /** The unlocked vault's secrets. */
  secrets: (vault: Vault) => SecretStore;
  /** The app's adding path: one save, accounts TrayOTP holds left out; returns how many landed. */
  addAccounts: (accounts: readonly Account[]) => Promise<number>;
  /** The folder picker (absent where the platform has none). */
  folderPicker: FolderPicker | undefined;
  watcher: FolderWatcher;
  clock: Clock;
  events: AppEvents;
  log: Logger;
}

export class BackupFollowing {
  /** The newest backup read (its accounts with their secrets): in memory, while unlocked only. */
  #read: ReadBackup | undefined;
  /** Ids the window refers to pending items by (made up here: no hash of a secret leaves main). */
  readonly #ids = new Map<string, string>();
  #error: string | null = null;
  #checking = false;
  #tail: Promise<unknown> = Promise.resolve();
  #queued: Promise<void> | undefined;
  readonly #folder: PacedFolderWatch;

  constructor(private readonly deps: FollowingDeps) {
    this.#folder = new PacedFolderWatch({
      watcher: deps.watcher,
      clock: deps.clock,
      check: () =>
        void this.#checkSoon().catch((error: unknown) =>
          this.deps.log.error('following backups', error),
        ),
    });
    deps.session.onLock(() => this.#forget());
    deps.session.onUnlock(() => this.#resume());
  }

  status(): FollowStatus {
    const vault = this.deps.session.current;
    if (!vault) return { ...FOLLOW_OFF, state: 'locked' };
    let state: FollowState | undefined;
    try {
      state = this.#load(vault);
    } catch (error) {
      return { ...FOLLOW_OFF, error: sentence(error, this.deps.log) };
    }
    if (!state) return FOLLOW_OFF;
    const difference = this.#difference(vault, state);
    return followingView(state, {
      checking: this.#checking,
      error: this.#error,
      pending:
        difference && this.#read && !isEmptyDifference(difference)
          ? pendingView(this.#read.file.name, difference, (key) => this.#id(key))
          : null,
    });
  }

  /** The folder picker, and which app's backups the chosen folder holds. */
  chooseFolder(): Promise<FollowFolderChoice | null> {
    return chooseFollowFolder(this.deps.folderPicker, this.deps.log);
  }

  /**
   * Starts following `folder`: its newest backup must open with `password` first. Any failure is
   * an error sentence and nothing is stored.
   */
  start(options: { folder: string; password: string; autoAdd: boolean }): Promise<FollowStatus> {
    return this.#serial(async () => {
      const vault = this.deps.session.unlocked();
      const { folder, password, autoAdd } = options;
      const found = await newestInChosenFolder(folder);
      const read = await this.#readFile(found.app, found.file, password);
      const state: FollowState = {
        v: 1,
        folder,
        app: found.app,
        password,
        autoAdd,
        lastRead: null,
        baseline: null,
        lastMerge: null,
      };
      this.#read = read;
      this.#error = null;
      await this.#settle(vault, state, read);
      this.#folder.watch(folder);
      this.#emit();
      return this.status();
    });
  }

  stop(): Promise<FollowStatus> {
    return this.#serial(async () => {
      const vault = this.deps.session.unlocked();
      await this.deps.secrets(vault).set(FOLLOW_SECRET, undefined);
      this.#forget();
      this.#error = null;
      this.#emit();
      return this.status();
    });
  }

  /** Reads the folder now (the watcher does it by itself while unlocked). */
  async checkNow(): Promise<FollowStatus> {
    this.deps.session.unlocked();
    await this.#checkSoon();
    return this.status();
  }

  /** Adds the chosen additions (one save) and applies the ticked label changes (one save). */
  merge(choice: {
    addIds: readonly string[];
    changeIds: readonly string[];
  }): Promise<FollowStatus> {
    return this.#serial(async () => {
      const vault = this.deps.session.unlocked();
      const state = this.#load(vault);
      const read = this.#read;
      const difference = state && this.#difference(vault, state);
      if (!state || !read || !difference) {
        throw new AppError(
          'follow-nothing',
          'There is nothing to merge now; check the folder again.',
        );
      }
      const addIds = new Set(choice.addIds);
      const changeIds = new Set(choice.changeIds);
      const chosen = {
        added: difference.added.filter((a) => addIds.has(this.#id(`add:${fingerprint(a)}`))),
        changed: difference.changed.filter((c) => changeIds.has(this.#id(`change:${c.entryId}`))),
      };
      // What was not chosen is declined: the baseline is now this backup.
      await this.#save(vault, await mergedState(vault, state, read, chosen, this.#mergeDeps));
      this.#emit();
      return this.status();
    });
  }

  // ---- checking ----------------------------------------------------------------------------

  /** One check at a time; changes arriving while one runs make one more after it. */
  #checkSoon(): Promise<void> {
    if (this.#queued) return this.#queued;
    const run = this.#serial(async () => {
      this.#queued = undefined;
      await this.#checkOnce();
    });
    this.#queued = run;
    return run;
  }

  async #checkOnce(): Promise<void> {
    const vault = this.deps.session.current;
    if (!vault) return;
    const state = this.#load(vault);
    if (!state) return;
    this.#checking = true;
    this.#emit();
    try {
      const file = await newestFollowedFile(state);
      let read = this.#read;
      if (!read || !sameFile(stampOf(read.file), stampOf(file))) {
        const known = sameFile(stampOf(file), state.lastRead);
        if (!read && known && sameFile(state.lastRead, state.baseline)) {
          // Read and merged before this unlock, nothing new: no key derivation needed.
          this.#error = null;
          return;
        }
        read = await this.#readFile(state.app, file, state.password);
        this.#read = read;
      }
      await this.#settle(vault, state, read);
      this.#error = null;
    } catch (error) {
      this.#error = sentence(error, this.deps.log);
    } finally {
      this.#checking = false;
      this.#emit();
    }
  }

  /**
   * Records the backup read; with "add automatically", adds what is new; when nothing is left to
   * offer, the backup becomes the baseline. One save, and only when something changed.
   */
  async #settle(vault: Vault, state: FollowState, read: ReadBackup): Promise<void> {
    const next = await settledState(vault, state, read, this.#mergeDeps);
    if (JSON.stringify(next) !== JSON.stringify(state)) await this.#save(vault, next);
  }

  readonly #mergeDeps = {
    now: () => this.deps.clock.now(),
    addAccounts: (accounts: readonly Account[]) => this.deps.addAccounts(accounts),
  };

  #readFile(...args: Parameters<typeof readFollowedBackup>): Promise<ReadBackup> {
    this.#folder.noteRead();
    return readFollowedBackup(...args);
  }

  #difference(vault: Vault, state: FollowState): FollowDifference | undefined {
    const read = this.#read;
    if (!read || state.folder !== this.#folder.folder) return undefined;
    return differenceOf(vault, state, read);
  }

  // ---- state, watching, events ---------------------------------------------------------------

  #load(vault: Vault): FollowState | undefined {
    return parseFollowState(this.deps.secrets(vault).get(FOLLOW_SECRET));
  }

  async #save(vault: Vault, state: FollowState): Promise<void> {
    await this.deps.secrets(vault).set(FOLLOW_SECRET, serializeFollowState(state));
  }

  /** Locked or stopped: no watching, and the backup's accounts are dropped from memory. */
  #forget(): void {
    this.#folder.stop();
    this.#read = undefined;
    this.#ids.clear();
  }

  #resume(): void {
    const vault = this.deps.session.current;
    if (!vault) return;
    let state;
    try {
      state = this.#load(vault);
    } catch {
      return; // status() says so
    }
    if (!state) return;
    this.#folder.watch(state.folder);
    this.#checkSoon().catch((error: unknown) => this.deps.log.error('following backups', error));
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #id(key: string): string {
    let id = this.#ids.get(key);
    if (!id) this.#ids.set(key, (id = crypto.randomUUID()));
    return id;
  }

  #emit(): void {
    if (this.deps.events.hasListeners) this.deps.events.emit('followChanged', this.status());
  }
}

// Following a phone's backups (issue 17, docs/sync.md § Following a phone's backups): a folder
// that Syncthing (or anything) fills with the phone app's automatic backups is watched while
// TrayOTP is unlocked. When a newer backup arrives it is read with the app's importer and the
// password kept in the vault, and compared with the backup last merged and with the vault
// (sync/follow-diff.ts). The window is shown the difference; one click merges: chosen additions
// through the app's adding path, ticked label changes in one save; removals are only listed.
// Additions can be merged automatically. Nothing is ever written into the followed folder.
import { isAbsolute } from 'node:path';
import type { Account } from '../../otp/account';
import type { Clock, TimerHandle } from '../../time/clock';
import { entryAccount } from '../../vault';
import type { Vault } from '../../vault';
import { BACKUP_APPS } from '../../sync/backup-apps';
import type { BackupApp } from '../../sync/backup-apps';
import { newestBackup, newestBackupOfAnyApp, readBackup } from '../../sync/backup-follow';
import type { BackupFile } from '../../sync/backup-follow';
import {
  baselineOf,
  fingerprint,
  followDifference,
  isEmptyDifference,
} from '../../sync/follow-diff';
import type { FollowDifference } from '../../sync/follow-diff';
import type { FolderWatcher } from '../../sync/watch';
import type { AppEvents } from '../window/app-events';
import type { FolderPicker } from '../ports/folder-picker';
import type { Logger } from '../ports/logger';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import {
  FOLLOW_SECRET,
  MAX_FOLLOWED_ACCOUNTS,
  parseFollowState,
  sameFile,
  serializeFollowState,
} from './follow-state';
import type { FileStamp, FollowState } from './follow-state';
import { sentence, userFacing } from './follow-errors';
import { FOLLOW_OFF, pendingView } from './follow-status';
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

interface ReadBackup {
  file: BackupFile;
  accounts: Account[];
}

const NO_BACKUP = 'There is no Aegis, 2FAS or Ente Auth backup in this folder.';

/**
 * Whoever can write the followed folder can make every new file cost a key derivation (an Ente
 * backup's is up to 8 GiB·passes, seconds of work). Changes the watcher reports start at most
 * one read per this interval; the person's Check now is not held back.
 */
export const MIN_READ_INTERVAL_MS = 30_000;

export class BackupFollowing {
  /** The newest backup read (its accounts with their secrets): in memory, while unlocked only. */
  #read: ReadBackup | undefined;
  /** Ids the window refers to pending items by (made up here: no hash of a secret leaves main). */
  readonly #ids = new Map<string, string>();
  #error: string | null = null;
  #checking = false;
  #tail: Promise<unknown> = Promise.resolve();
  #queued: Promise<void> | undefined;
  #watching: { folder: string; stop: () => void } | undefined;
  #lastReadAt: number | undefined;
  #deferred: TimerHandle | undefined;

  constructor(private readonly deps: FollowingDeps) {
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
    return {
      state: 'following',
      folder: state.folder,
      app: appView(state.app),
      autoAdd: state.autoAdd,
      lastRead: state.lastRead && {
        file: state.lastRead.name,
        modifiedAt: state.lastRead.mtimeMs,
        readAt: state.lastRead.readAt,
      },
      checking: this.#checking,
      error: this.#error,
      pending:
        difference && this.#read && !isEmptyDifference(difference)
          ? pendingView(this.#read.file.name, difference, (key) => this.#id(key))
          : null,
      lastMerge: state.lastMerge,
    };
  }

  /** The folder picker, and which app's backups the chosen folder holds. */
  async chooseFolder(): Promise<FollowFolderChoice | null> {
    const picker = this.deps.folderPicker;
    if (!picker)
      throw new AppError('no-folder-picker', 'This build of TrayOTP cannot pick a folder.');
    const folder = await picker.pickFolder("Choose the folder of the phone's backups");
    if (!folder) return null;
    try {
      const found = await newestBackupOfAnyApp(folder);
      return {
        folder,
        app: found ? appView(found.app) : null,
        newest: found?.file.name ?? null,
        problem: found ? null : NO_BACKUP,
      };
    } catch (error) {
      return { folder, app: null, newest: null, problem: sentence(error, this.deps.log) };
    }
  }

  /**
   * Starts following `folder`: its newest backup must open with `password` first. Any failure is
   * an error sentence and nothing is stored.
   */
  start(options: { folder: string; password: string; autoAdd: boolean }): Promise<FollowStatus> {
    return this.#serial(async () => {
      const vault = this.deps.session.unlocked();
      const { folder, password, autoAdd } = options;
      if (!isAbsolute(folder)) {
        throw new AppError('follow-folder', 'Choose the folder with the folder picker.');
      }
      const found = await userFacing(() => newestBackupOfAnyApp(folder));
      if (!found) throw new AppError('follow-no-backup', NO_BACKUP);
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
      this.#watch(folder);
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
      const toAdd = difference.added.filter((a) => addIds.has(this.#id(`add:${fingerprint(a)}`)));
      const toChange = difference.changed.filter((c) =>
        changeIds.has(this.#id(`change:${c.entryId}`)),
      );
      const added = toAdd.length > 0 ? await this.deps.addAccounts(toAdd) : 0;
      if (toChange.length > 0) {
        const labels = new Map(toChange.map((c) => [c.entryId, c.after]));
        const now = this.deps.clock.now();
        await vault.replaceEntries(
          vault.entries.map((entry) => {
            const after = labels.get(entry.id);
            return after
              ? { ...entry, issuer: after.issuer, name: after.name, updatedAt: now }
              : entry;
          }),
        );
      }
      // What was not chosen is declined: the baseline is now this backup.
      await this.#save(vault, {
        ...state,
        baseline: { ...stampOf(read.file), accounts: baselineOf(read.accounts) },
        lastMerge: { at: this.deps.clock.now(), added, updated: toChange.length },
      });
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
      const app = BACKUP_APPS[state.app];
      const file = await userFacing(() => newestBackup(state.folder, app.pattern));
      if (!file) {
        throw new AppError(
          'follow-no-backup',
          `There is no ${app.label} backup in ${state.folder} now.`,
        );
      }
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
    const stamp = stampOf(read.file);
    const next: FollowState = {
      ...state,
      lastRead: sameFile(state.lastRead, stamp)
        ? state.lastRead
        : { ...stamp, readAt: this.deps.clock.now() },
    };
    let difference = followDifference(
      read.accounts,
      state.baseline?.accounts,
      vaultAccounts(vault),
    );
    if (next.autoAdd && difference.added.length > 0) {
      const added = await this.deps.addAccounts(difference.added);
      next.lastMerge = { at: this.deps.clock.now(), added, updated: 0 };
      difference = followDifference(read.accounts, state.baseline?.accounts, vaultAccounts(vault));
    }
    if (isEmptyDifference(difference) && !sameFile(state.baseline, stamp)) {
      next.baseline = { ...stamp, accounts: baselineOf(read.accounts) };
    }
    if (JSON.stringify(next) !== JSON.stringify(state)) await this.#save(vault, next);
  }

  async #readFile(app: BackupApp, file: BackupFile, password: string): Promise<ReadBackup> {
    this.#lastReadAt = this.deps.clock.now();
    const entries = await userFacing(() =>
      readBackup(file, password === '' ? undefined : password, BACKUP_APPS[app].importer),
    );
    if (entries.length > MAX_FOLLOWED_ACCOUNTS) {
      throw new AppError(
        'follow-too-many',
        `${file.name} holds more accounts than TrayOTP follows (${MAX_FOLLOWED_ACCOUNTS.toLocaleString('en')}); import it instead.`,
      );
    }
    return { file, accounts: entries.map((e) => e.account) };
  }

  #difference(vault: Vault, state: FollowState): FollowDifference | undefined {
    const read = this.#read;
    if (!read || state.folder !== this.#watching?.folder) return undefined;
    return followDifference(read.accounts, state.baseline?.accounts, vaultAccounts(vault));
  }

  // ---- state, watching, events ---------------------------------------------------------------

  #load(vault: Vault): FollowState | undefined {
    return parseFollowState(this.deps.secrets(vault).get(FOLLOW_SECRET));
  }

  async #save(vault: Vault, state: FollowState): Promise<void> {
    await this.deps.secrets(vault).set(FOLLOW_SECRET, serializeFollowState(state));
  }

  #watch(folder: string): void {
    if (this.#watching?.folder === folder) return;
    this.#watching?.stop();
    const stop = this.deps.watcher.watch(folder, () => this.#changedInFolder());
    this.#watching = { folder, stop };
  }

  /** A change the watcher saw: checked now, or once the read interval is over. */
  #changedInFolder(): void {
    if (this.#deferred) return;
    const since =
      this.#lastReadAt === undefined ? Infinity : this.deps.clock.now() - this.#lastReadAt;
    const check = () =>
      void this.#checkSoon().catch((error: unknown) =>
        this.deps.log.error('following backups', error),
      );
    if (since >= MIN_READ_INTERVAL_MS) return check();
    this.#deferred = this.deps.clock.setTimeout(() => {
      this.#deferred = undefined;
      check();
    }, MIN_READ_INTERVAL_MS - since);
  }

  /** Locked or stopped: no watching, and the backup's accounts are dropped from memory. */
  #forget(): void {
    this.#watching?.stop();
    this.#watching = undefined;
    if (this.#deferred) this.deps.clock.clearTimeout(this.#deferred);
    this.#deferred = undefined;
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
    this.#watch(state.folder);
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

function appView(app: BackupApp) {
  return { id: app, label: BACKUP_APPS[app].label };
}

function stampOf(file: BackupFile): FileStamp {
  return { name: file.name, mtimeMs: file.mtimeMs, size: file.size };
}

function vaultAccounts(vault: Vault) {
  return vault.entries.map((entry) => ({ id: entry.id, account: entryAccount(entry) }));
}

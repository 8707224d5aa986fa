// The sync engine while TrayOTP is unlocked (its keys live in the vault's secrets section): run
// from the vault's secrets on unlock, for a new group or after a join; tried again every 30 s
// when its folder is away (a disk not plugged in is never made again where it was); stopped on
// lock and on leave. It keeps what the engine last said (its status, the last merge that changed
// something, a sentence when it could not start) and writes the keys and membership the engine
// changes to the vault, never only to the folder.
import type { FolderWatcher, SyncEngine, SyncStatus } from '../../sync';
import type { Vault, VaultSaved } from '../../vault';
import type { Clock, TimerHandle } from '../../time/clock';
import type { SyncView } from '../../../preload/views/sync';
import type { Logger } from '../ports/logger';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { syncUserError } from './sync-errors';
import { engineFor } from './sync-group';
import { settleJoinRequest } from './join-request';
import { readSyncSecrets, writeSyncSecrets } from './sync-secrets';
import type { SyncSecrets } from './sync-secrets';

export interface SyncRunnerDeps {
  session: VaultSession;
  clock: Clock;
  log: Logger;
  /** The folder's checks (sync-folder.ts): its real path, or an error saying why not. */
  checkFolder: (folder: string) => Promise<string>;
  /** The service's queue: a restart waits for the operations before it. */
  serial: <T>(work: () => Promise<T>) => Promise<T>;
  /** Something the window's sync view shows changed. */
  changed: () => void;
  /** The engine's news for this computer's open invitation. */
  onStatus: (status: SyncStatus) => void;
  onIntroduced: (invite: string, device: string) => void;
  /** Tests: a watcher of their own, quicker merges. */
  watcher?: FolderWatcher | undefined;
  debounceMs?: number | undefined;
  /** A start that failed (folder unplugged) is tried again after this long. */
  restartMs?: number | undefined;
  /**
   * What this computer's clock must add to be right, when the app's clock check measured it
   * (undefined otherwise): sync's clock notice then names the computer whose clock is wrong.
   */
  clockOffsetMs?: (() => number | undefined) | undefined;
}

export class SyncRunner {
  #engine: SyncEngine | undefined;
  #secrets: SyncSecrets | undefined;
  #status: SyncStatus | undefined;
  #lastMerge: SyncView['lastMerge'] = null;
  /** A sentence for the window: why sync could not start, or why a join ended. */
  error: string | undefined;
  /** Bumped at every lock and leave: work begun before it must not start an engine after it. */
  #generation = 0;
  #keysSaved: Promise<void> = Promise.resolve();
  #restart: TimerHandle | undefined;

  constructor(private readonly deps: SyncRunnerDeps) {}

  get secrets(): SyncSecrets | undefined {
    return this.#secrets;
  }

  get status(): SyncStatus | undefined {
    return this.#status;
  }

  get lastMerge(): SyncView['lastMerge'] {
    return this.#lastMerge;
  }

  get generation(): number {
    return this.#generation;
  }

  /** The running engine, or the reason sync is off. */
  running(): SyncEngine {
    this.deps.session.unlocked();
    if (!this.#engine || !this.#secrets) {
      throw new AppError(
        'sync-off',
        this.error ?? 'Sync is off; turn it on in Settings → Sync first.',
      );
    }
    return this.#engine;
  }

  /** Removes another device: a new key for the others; its later files are not used. */
  async removeDevice(device: string): Promise<void> {
    const engine = this.running();
    if (device === this.#secrets!.device) {
      throw new AppError('sync-remove-self', 'To take this computer out of sync, use Leave sync.');
    }
    if (!(this.#status?.devices ?? []).some((d) => d.device === device)) {
      throw new AppError('sync-no-device', 'That device is not in the sync folder (any more).');
    }
    await engine.removeDevice(device).catch((error: unknown) => {
      throw syncUserError(error);
    });
    await this.#keysSaved;
    await engine.syncNow().catch(() => undefined);
  }

  /** Renames this device: kept in the vault, and the engine started again with the name. */
  async rename(name: string): Promise<void> {
    const vault = this.deps.session.unlocked();
    const engine = this.running();
    const secrets = { ...this.#secrets!, name, keys: [...engine.keys] };
    await writeSyncSecrets(vault, secrets);
    const generation = this.#generation;
    this.stopEngine();
    await this.run(secrets, generation);
  }

  /** The unlocked vault, when sync is off in it (a new group or a join may begin). */
  offAndUnlocked(): Vault {
    const vault = this.deps.session.unlocked();
    if (this.#secrets || readSyncSecrets(vault)) {
      throw new AppError(
        'sync-on',
        'Sync is on already; leave sync first to use another folder or group.',
      );
    }
    return vault;
  }

  /**
   * The vault was saved (by this app, or by another program and taken in): the engine records
   * it now. Its own merges (kind 'sync') are already recorded.
   */
  vaultSaved(saved: VaultSaved): void {
    if (saved.kind !== 'sync') this.#engine?.localChanged();
  }

  async idle(): Promise<void> {
    await this.#engine?.idle();
  }

  /** Unlocked (or the folder may be back): the engine of the vault's secrets, if sync is on. */
  async resume(): Promise<void> {
    const vault = this.deps.session.current;
    if (!vault || this.#engine) return;
    let secrets: SyncSecrets | undefined;
    try {
      secrets = readSyncSecrets(vault);
    } catch (error) {
      this.error = (error as Error).message;
      this.deps.changed();
      return;
    }
    if (!secrets) return;
    // A folder on a disk not plugged in must not be made again where it was (the engine's
    // writes would create it): sync says so and tries again later.
    const generation = this.#generation;
    const problem = await this.deps.checkFolder(secrets.folder).then(
      () => undefined,
      (error: unknown) => (error as Error).message,
    );
    if (generation !== this.#generation) return;
    if (problem !== undefined) {
      this.#secrets = secrets;
      this.error = /does not exist/.test(problem)
        ? `The sync folder ${secrets.folder} is not there (a disk not plugged in, or the folder moved); TrayOTP tries again every 30 seconds. Leave sync to stop syncing.`
        : problem;
      this.#scheduleRestart(generation);
      this.deps.changed();
      return;
    }
    await this.run(secrets, generation);
  }

  /** Runs the engine of `secrets`, unless a lock or leave came since `generation`. */
  async run(secrets: SyncSecrets, generation: number): Promise<void> {
    if (generation !== this.#generation) return;
    this.#secrets = secrets;
    this.error = undefined;
    const engine: SyncEngine = engineFor(secrets, this.deps.session.unlocked(), this.deps, {
      onStatus: (status) => {
        if (this.#engine === engine) this.#noteStatus(status);
      },
      onKeysChanged: (keys) => {
        if (this.#engine === engine) this.#keysChanged({ keys: [...keys] });
      },
      onMembershipChanged: (membership) => {
        if (this.#engine === engine) this.#keysChanged({ membership });
      },
      onIntroduced: ({ invite, device }) => {
        if (this.#engine === engine) this.deps.onIntroduced(invite, device);
      },
    });
    this.#engine = engine;
    try {
      // A join whose request a crash kept from the folder: written before the engine's files.
      const refused = await this.#settleJoin(secrets);
      await engine.start();
      // A group from sync format 1 is closed once (docs/sync.md § Membership): from now on a
      // device joins only through an invitation, and files count only when signed.
      // (Also when a lock came between its first round, which saved it open, and the closing.)
      if (!secrets.membership || secrets.membership.open) await engine.closeMembership();
      if (refused)
        this.error =
          'The group did not let this computer in (its invitation was used by another computer, or it was removed): leave sync here and join again with a new invitation.';
    } catch (error) {
      // The folder may be on a disk not plugged in yet: the status says so, and it is tried again.
      engine.stop();
      this.error = (syncUserError(error) as Error).message ?? String(error);
      this.deps.log.warn(`sync could not start: ${String(error)}`);
      if (this.#engine === engine) this.#engine = undefined;
      this.#scheduleRestart(generation);
    }
    if (generation !== this.#generation) {
      engine.stop();
      if (this.#engine === engine) this.#engine = undefined;
    }
    this.deps.changed();
  }

  /**
   * Makes sure of a pending join's request (join-request.ts); once the introduction is seen, or
   * the join can no longer work, its proof is dropped from the vault. True when it was refused.
   */
  async #settleJoin(secrets: SyncSecrets): Promise<boolean> {
    const outcome = await settleJoinRequest(secrets);
    if (outcome !== 'introduced' && outcome !== 'refused') return false;
    const vault = this.deps.session.current;
    const current = this.#secrets;
    if (vault && current?.join) {
      const next = { ...current, join: undefined };
      this.#secrets = next;
      this.#keysSaved = this.#keysSaved
        .then(() => writeSyncSecrets(vault, next))
        .catch((error: unknown) => this.deps.log.error('saving the sync settings', error));
      await this.#keysSaved;
    }
    return outcome === 'refused';
  }

  /** The engine stops (a rename starts it again); the secrets stay. */
  stopEngine(): void {
    this.#engine?.stop();
    this.#engine = undefined;
    if (this.#restart) this.deps.clock.clearTimeout(this.#restart);
    this.#restart = undefined;
  }

  /** Lock, leave: the engine stops, and nothing of sync's secrets stays in memory. */
  stopAll(): void {
    this.#generation++;
    this.stopEngine();
    this.#secrets = undefined;
    this.#status = undefined;
    this.#lastMerge = null;
    this.error = undefined;
  }

  #scheduleRestart(generation: number): void {
    const { clock } = this.deps;
    if (this.#restart) clock.clearTimeout(this.#restart);
    this.#restart = clock.setTimeout(() => {
      this.#restart = undefined;
      if (generation !== this.#generation || this.#engine) return;
      void this.deps
        .serial(() => this.resume())
        .catch((error: unknown) => this.deps.log.error('restarting sync', error));
    }, this.deps.restartMs ?? 30_000);
  }

  #noteStatus(status: SyncStatus): void {
    this.#status = status;
    const merge = status.lastMerge;
    if (merge && merge.added + merge.changed + merge.removed > 0) {
      const { at, added, changed, removed } = merge;
      this.#lastMerge = { at, added, changed, removed };
    }
    this.deps.onStatus(status);
    this.deps.changed();
  }

  /** The engine's keys or membership changed: kept in the vault (never only in the folder). */
  #keysChanged(change: Pick<SyncSecrets, 'keys'> | Pick<SyncSecrets, 'membership'>): void {
    const vault = this.deps.session.current;
    const secrets = this.#secrets;
    if (!vault || !secrets) return;
    this.#secrets = { ...secrets, ...change };
    const next = this.#secrets;
    this.#keysSaved = this.#keysSaved
      .then(() => writeSyncSecrets(vault, next))
      .catch((error: unknown) => this.deps.log.error('saving the new sync key', error));
  }
}

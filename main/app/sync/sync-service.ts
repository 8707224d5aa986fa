// Settings → Sync (docs/sync.md, issue 17): turning sync on with a new group, joining one with an
// invitation, inviting, removing a device, leaving, renaming this device. The engine runs only
// while TrayOTP is unlocked (its keys live in the vault's secrets section): it starts on unlock
// and stops on lock. It is told of every save of the vault (vaultSaved) and records it at once;
// the merges it applies are saves of kind 'sync' (the window is shown them like any save), and
// the service's own view (syncChanged) is pushed after every round that changed it.
import {
  acceptInvitation,
  checkCode,
  createInvitation,
  FsFolderWatcher,
  newDeviceId,
  newSyncKey,
  joinerMembership,
  parseInvitationText,
  requestJoin,
  SyncEngine,
} from '../../sync';
import type { FolderWatcher, SyncStatus, SyncVault } from '../../sync';
import type { Vault, VaultSaved } from '../../vault';
import { newDeviceKeys } from '../../sync/device-keys';
import { founderMembership } from '../../sync/membership';
import type { Clock, TimerHandle } from '../../time/clock';
import type { Scanner } from '../ports/scanner';
import type { TrayWindow } from '../ports/window';
import type { AppEvents } from '../window/app-events';
import type { Files } from '../ports/files';
import type { FolderPicker } from '../ports/folder-picker';
import type { Logger } from '../ports/logger';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { checkName, cleanName } from './device-name';
import { OwnInvitation } from './own-invitation';
import { PendingJoin } from './pending-join';
import { scanInvitation } from './scan-invitation';
import { checkSyncFolder, devicesIn } from './sync-folder';
import { syncUserError } from './sync-errors';
import { forgetSyncSecrets, readSyncSecrets, writeSyncSecrets } from './sync-secrets';
import type { SyncSecrets } from './sync-secrets';
import type { SyncInvitationView, SyncView } from '../../../preload/views/sync';
import { syncViewOf } from './sync-view-of';

export interface SyncServiceDeps {
  session: VaultSession;
  /** Time, and the timers of a restart and of a join's retries. */
  clock: Clock;
  /** The chosen folder's checks. */
  files: Files;
  /** The screen scanner, for an invitation's QR code shown on this screen. */
  scanner?: Pick<Scanner, 'scanScreen'> | undefined;
  window?: TrayWindow | undefined;
  events: AppEvents;
  log: Logger;
  /** TrayOTP's own folder (the vault's), never accepted as the sync folder. */
  appDataDir: string;
  folderPicker?: FolderPicker | undefined;
  /** This process's user id where the OS has owners. */
  uid?: number | undefined;
  /** This computer's name: the device name suggested. */
  hostName: string;
  /** Tests: a watcher of their own, quicker merges, quicker join retries. */
  watcher?: FolderWatcher;
  debounceMs?: number;
  joinRetryMs?: number;
  /** A start that failed (folder unplugged) is tried again after this long. */
  restartMs?: number;
  /**
   * What this computer's clock must add to be right, when the app's clock check measured it
   * (undefined otherwise): sync's clock notice then names the computer whose clock is wrong.
   */
  clockOffsetMs?: () => number | undefined;
}

export class SyncService {
  #engine: SyncEngine | undefined;
  #secrets: SyncSecrets | undefined;
  #status: SyncStatus | undefined;
  #lastMerge: SyncView['lastMerge'] = null;
  #error: string | undefined;
  #joining: PendingJoin | undefined;
  #joined: SyncView['joined'] = null;
  #invitation: OwnInvitation | undefined;
  /** Bumped at every lock and leave: work begun before it must not start an engine after it. */
  #generation = 0;
  #ops: Promise<unknown> = Promise.resolve();
  #keysSaved: Promise<void> = Promise.resolve();
  #restart: TimerHandle | undefined;
  /** The view last pushed, as JSON: a view equal to it is not pushed again. */
  #lastPushed: string | undefined;

  constructor(private readonly deps: SyncServiceDeps) {
    deps.session.onUnlock(() => {
      void this.#serial(() => this.#resume()).catch((error: unknown) =>
        deps.log.error('starting sync after unlock', error),
      );
    });
    deps.session.onLock(() => this.#stopAll());
  }

  status(): SyncView {
    return syncViewOf({
      locked: this.deps.session.current === undefined,
      secrets: this.#secrets,
      status: this.#status,
      lastMerge: this.#lastMerge,
      error: this.#error,
      joining: this.#joining
        ? {
            folder: this.#joining.folder,
            since: this.#joining.since,
            message:
              'Waiting for the invitation to arrive: your sync program has to bring it from the other computer.',
          }
        : null,
      joined: this.#joined,
      invitation: this.#invitation?.view(this.deps.clock.now()) ?? null,
      suggestedName: cleanName(this.deps.hostName) ?? 'This computer',
    });
  }

  /** Choose folder…: the folder's real path once it passes the checks, and who writes there. */
  async chooseFolder(): Promise<{ folder: string; devices: number } | null> {
    const picker = this.deps.folderPicker;
    if (!picker)
      throw new AppError('no-folder-picker', 'This build of TrayOTP cannot show a folder chooser.');
    const picked = await picker.pickFolder('Choose the folder your sync program keeps in step');
    if (picked === undefined) return null;
    const folder = await this.#checkFolder(picked);
    return { folder, devices: (await devicesIn(this.deps.files, folder)).length };
  }

  /** Turns sync on with a new group: this computer is its first device. */
  start(folder: string, deviceName: string): Promise<SyncView> {
    return this.#serial(async () => {
      const vault = this.#offAndUnlocked();
      const name = checkName(deviceName);
      const real = await this.#checkFolder(folder);
      const others = await devicesIn(this.deps.files, real);
      if (others.length > 0) {
        throw new AppError(
          'sync-group-exists',
          `This folder already holds TrayOTP sync from ${others.length} device(s): join with an invitation from one of them (Settings → Sync → Invite a device), or choose an empty folder.`,
        );
      }
      const device = newDeviceId();
      const deviceKeys = newDeviceKeys();
      const secrets: SyncSecrets = {
        device,
        name,
        folder: real,
        keys: [newSyncKey()],
        deviceKeys,
        membership: founderMembership(device, deviceKeys),
      };
      await writeSyncSecrets(vault, secrets);
      await this.#run(secrets, this.#generation);
      return this.status();
    });
  }

  /**
   * Joins a group with an invitation (the typed phrase, or the `trayotp-invite:` text of its QR
   * code). If the invitation file has not arrived yet, waits for it: `joined` false, and the
   * status says so until it arrives (syncChanged then carries the check code).
   */
  join(
    folder: string,
    text: string,
    deviceName: string,
  ): Promise<{ joined: boolean; view: SyncView }> {
    return this.#serial(async () => {
      this.#offAndUnlocked();
      const input = wrap(() => parseInvitationText(text));
      const name = checkName(deviceName);
      const real = await this.#checkFolder(folder);
      this.#joining?.cancel();
      this.#joining = undefined;
      this.#error = undefined;
      this.#joined = null;
      const generation = this.#generation;
      const attempt = () => this.#serial(() => this.#acceptAndRun(real, input, name, generation));
      try {
        await this.#acceptAndRun(real, input, name, generation);
        return { joined: true, view: this.status() };
      } catch (error) {
        if ((error as { code?: string }).code !== 'invitation-not-found')
          throw syncUserError(error);
      }
      const pending: PendingJoin = new PendingJoin({
        folder: real,
        since: this.deps.clock.now(),
        clock: this.deps.clock,
        watcher: this.deps.watcher ?? new FsFolderWatcher(),
        ...(this.deps.joinRetryMs !== undefined && { retryMs: this.deps.joinRetryMs }),
        attempt,
        failed: (message) => {
          if (this.#joining === pending) this.#joining = undefined;
          this.#error = message;
          this.#push();
        },
      });
      this.#joining = pending;
      pending.wait();
      this.#push();
      return { joined: false, view: this.status() };
    });
  }

  /**
   * An invitation's QR code on this screen (a remote desktop, a photo of the other screen): the
   * window steps aside while the screen is read, as for any scan.
   */
  scanInvitation(): Promise<{ invitation: string }> {
    return scanInvitation(this.deps);
  }

  /** Stops waiting for an invitation. */
  cancelJoin(): SyncView {
    this.#joining?.cancel();
    this.#joining = undefined;
    this.#push();
    return this.status();
  }

  /** A one-time invitation for another computer (15 minutes). */
  invite(): Promise<SyncInvitationView> {
    return this.#serial(async () => {
      const engine = this.#running();
      const secrets = this.#secrets!;
      const key = engine.keys[0]!;
      const invitation = await createInvitation({
        folder: secrets.folder,
        device: secrets.device,
        key,
        now: this.deps.clock.now(),
        deviceKeys: secrets.deviceKeys,
        membership: engine.membership,
      }).catch((error: unknown) => {
        throw syncUserError(error);
      });
      // The engine pairs it with the device whose join request proves it holds the code (G4).
      engine.addInvitation({
        invite: invitation.invite,
        mac: invitation.mac,
        expiresAt: invitation.expiresAt,
      });
      this.#invitation = new OwnInvitation(invitation.invite, key, invitation.expiresAt);
      this.#push();
      return {
        qrText: invitation.qrText,
        phrase: invitation.phrase,
        expiresAt: invitation.expiresAt,
      };
    });
  }

  /** Removes another device: a new key for the others; its later files are not used. */
  removeDevice(device: string): Promise<SyncView> {
    return this.#serial(async () => {
      const engine = this.#running();
      if (device === this.#secrets!.device) {
        throw new AppError(
          'sync-remove-self',
          'To take this computer out of sync, use Leave sync.',
        );
      }
      if (!(this.#status?.devices ?? []).some((d) => d.device === device)) {
        throw new AppError('sync-no-device', 'That device is not in the sync folder (any more).');
      }
      await engine.removeDevice(device).catch((error: unknown) => {
        throw syncUserError(error);
      });
      await this.#keysSaved;
      await engine.syncNow().catch(() => undefined);
      return this.status();
    });
  }

  /** Stops syncing here and forgets the keys; the folder's files stay for the other devices. */
  leave(): Promise<SyncView> {
    return this.#serial(async () => {
      const vault = this.deps.session.unlocked();
      this.#stopAll();
      await forgetSyncSecrets(vault);
      this.#push();
      return this.status();
    });
  }

  /** Renames this device (the others see the new name once its card reaches them). */
  rename(deviceName: string): Promise<SyncView> {
    return this.#serial(async () => {
      const vault = this.deps.session.unlocked();
      const engine = this.#running();
      const name = checkName(deviceName);
      const secrets = { ...this.#secrets!, name, keys: [...engine.keys] };
      await writeSyncSecrets(vault, secrets);
      const generation = this.#generation;
      this.#stopEngine();
      await this.#run(secrets, generation);
      return this.status();
    });
  }

  /**
   * The vault was saved (by this app, or by another program and taken in): the engine records
   * it now. Its own merges (kind 'sync') are already recorded.
   */
  vaultSaved(saved: VaultSaved): void {
    if (saved.kind !== 'sync') this.#engine?.localChanged();
  }

  /** Waits for the rounds queued so far (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#ops.catch(() => undefined);
    await this.#engine?.idle();
  }

  // ---- inside ------------------------------------------------------------------------------

  async #resume(): Promise<void> {
    const vault = this.deps.session.current;
    if (!vault || this.#engine) return;
    let secrets: SyncSecrets | undefined;
    try {
      secrets = readSyncSecrets(vault);
    } catch (error) {
      this.#error = (error as Error).message;
      this.#push();
      return;
    }
    if (!secrets) return;
    // A folder on a disk not plugged in must not be made again where it was (the engine's
    // writes would create it): sync says so and tries again later.
    const generation = this.#generation;
    const problem = await this.#checkFolder(secrets.folder).then(
      () => undefined,
      (error: unknown) => (error as Error).message,
    );
    if (generation !== this.#generation) return;
    if (problem !== undefined) {
      this.#secrets = secrets;
      this.#error = /does not exist/.test(problem)
        ? `The sync folder ${secrets.folder} is not there (a disk not plugged in, or the folder moved); TrayOTP tries again every 30 seconds. Leave sync to stop syncing.`
        : problem;
      this.#scheduleRestart(generation);
      this.#push();
      return;
    }
    await this.#run(secrets, generation);
  }

  async #acceptAndRun(
    folder: string,
    input: ReturnType<typeof parseInvitationText>,
    name: string,
    generation: number,
  ): Promise<void> {
    if (generation !== this.#generation) return;
    const vault = this.deps.session.unlocked();
    const accepted = await acceptInvitation(folder, input);
    if (generation !== this.#generation) return;
    const device = newDeviceId();
    const deviceKeys = newDeviceKeys();
    // The group as the inviter knew it, and this device (an invitation of a TrayOTP before sync
    // format 2 carries none: the group stays open until that computer is updated).
    const membership = joinerMembership(accepted, device, deviceKeys);
    const secrets: SyncSecrets = {
      device,
      name,
      folder,
      keys: [accepted.key],
      deviceKeys,
      ...(membership && { membership }),
    };
    await writeSyncSecrets(vault, secrets);
    // This device's first file: proof for the inviter that it holds the invitation's code.
    await requestJoin(folder, accepted, device, deviceKeys, this.deps.clock.now());
    this.#joining?.cancel();
    this.#joining = undefined;
    this.#joined = {
      checkCode: checkCode(accepted.key, accepted.invite, secrets.device),
      inviterName: null,
    };
    await this.#run(secrets, generation);
    if (generation !== this.#generation || !this.#joined) return;
    const inviter = this.#status?.devices.find((d) => d.device === accepted.inviter);
    this.#joined = { ...this.#joined, inviterName: inviter?.name ?? null };
    this.#push();
  }

  async #run(secrets: SyncSecrets, generation: number): Promise<void> {
    if (generation !== this.#generation) return;
    this.#secrets = secrets;
    this.#error = undefined;
    const engine = new SyncEngine({
      folder: secrets.folder,
      identity: {
        device: secrets.device,
        name: secrets.name,
        keys: secrets.keys,
        deviceKeys: secrets.deviceKeys,
        ...(secrets.membership && { membership: secrets.membership }),
      },
      vault: syncVault(this.deps.session.unlocked()),
      clock: this.deps.clock,
      ...(this.deps.watcher && { watcher: this.deps.watcher }),
      ...(this.deps.debounceMs !== undefined && { debounceMs: this.deps.debounceMs }),
      ...(this.deps.clockOffsetMs && { clockOffsetMs: this.deps.clockOffsetMs }),
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
        if (this.#engine !== engine) return;
        this.#invitation?.noteIntroduced(invite, device, this.#status);
        this.#push();
      },
    });
    this.#engine = engine;
    try {
      await engine.start();
      // A group from sync format 1 is closed once (docs/sync.md § Membership): from now on a
      // device joins only through an invitation, and files count only when signed.
      // (Also when a lock came between its first round, which saved it open, and the closing.)
      if (!secrets.membership || secrets.membership.open) await engine.closeMembership();
    } catch (error) {
      // The folder may be on a disk not plugged in yet: the status says so, and it is tried again.
      engine.stop();
      this.#error = (syncUserError(error) as Error).message ?? String(error);
      this.deps.log.warn(`sync could not start: ${String(error)}`);
      if (this.#engine === engine) this.#engine = undefined;
      this.#scheduleRestart(generation);
    }
    if (generation !== this.#generation) {
      engine.stop();
      if (this.#engine === engine) this.#engine = undefined;
    }
    this.#push();
  }

  #scheduleRestart(generation: number): void {
    const { clock } = this.deps;
    if (this.#restart) clock.clearTimeout(this.#restart);
    this.#restart = clock.setTimeout(() => {
      this.#restart = undefined;
      if (generation !== this.#generation || this.#engine) return;
      void this.#serial(() => this.#resume()).catch((error: unknown) =>
        this.deps.log.error('restarting sync', error),
      );
    }, this.deps.restartMs ?? 30_000);
  }

  #noteStatus(status: SyncStatus): void {
    this.#status = status;
    const merge = status.lastMerge;
    if (merge && merge.added + merge.changed + merge.removed > 0) {
      this.#lastMerge = {
        at: merge.at,
        added: merge.added,
        changed: merge.changed,
        removed: merge.removed,
      };
    }
    this.#invitation?.noteStatus(status);
    this.#push();
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

  #stopEngine(): void {
    this.#engine?.stop();
    this.#engine = undefined;
    if (this.#restart) this.deps.clock.clearTimeout(this.#restart);
    this.#restart = undefined;
  }

  /** Lock, leave: the engine stops, and nothing of sync's secrets stays in memory. */
  #stopAll(): void {
    this.#generation++;
    this.#stopEngine();
    this.#joining?.cancel();
    this.#joining = undefined;
    this.#secrets = undefined;
    this.#status = undefined;
    this.#invitation = undefined;
    this.#joined = null;
    this.#lastMerge = null;
    this.#error = undefined;
    this.#push();
  }

  #running(): SyncEngine {
    this.deps.session.unlocked();
    if (!this.#engine || !this.#secrets) {
      throw new AppError(
        'sync-off',
        this.#error ?? 'Sync is off; turn it on in Settings → Sync first.',
      );
    }
    return this.#engine;
  }

  #offAndUnlocked() {
    const vault = this.deps.session.unlocked();
    if (this.#secrets || readSyncSecrets(vault)) {
      throw new AppError(
        'sync-on',
        'Sync is on already; leave sync first to use another folder or group.',
      );
    }
    return vault;
  }

  async #checkFolder(folder: string): Promise<string> {
    const { appDataDir, uid, files } = this.deps;
    return checkSyncFolder(folder, { files, appDataDir, uid });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#ops.then(work);
    this.#ops = run.catch(() => undefined);
    return run;
  }

  #push(): void {
    const view = this.status();
    // The view is plain data built in one order (syncViewOf): equal views give equal JSON.
    const json = JSON.stringify(view);
    if (json === this.#lastPushed) return;
    this.#lastPushed = json;
    this.deps.events.emit('syncChanged', view);
  }
}

function wrap<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw syncUserError(error);
  }
}

/** The vault as the engine sees it: its saves are of kind 'sync', which it need not be told of. */
function syncVault(vault: Vault): SyncVault {
  return {
    get entries() {
      return vault.entries;
    },
    replaceEntries: (next, options) => vault.replaceEntries(next, { ...options, kind: 'sync' }),
    secret: (name) => vault.secret(name),
  };
}

// Settings → Sync (docs/sync.md, issue 17): turning sync on with a new group, joining one with an
// invitation, inviting, removing a device, leaving, renaming this device. The engine runs only
// while TrayOTP is unlocked (its keys live in the vault's secrets section): it starts on unlock
// and stops on lock. It is told of every save of the vault (vaultSaved) and records it at once;
// the merges it applies are saves of kind 'sync' (the window is shown them like any save), and
// the service's own view (syncChanged) is pushed after every round that changed it. The engine's
// life is sync-runner.ts's; what a new group, a join and an invitation keep and write is in
// sync-group.ts.
import { FsFolderWatcher, parseInvitationText } from '../../sync';
import type { VaultSaved } from '../../vault';
import type { Scanner } from '../ports/scanner';
import type { TrayWindow } from '../ports/window';
import type { AppEvents } from '../window/app-events';
import type { Files } from '../ports/files';
import type { FolderPicker } from '../ports/folder-picker';
import { AppError } from '../shared/user-errors';
import { checkName, cleanName } from './device-name';
import type { OwnInvitation } from './own-invitation';
import { PendingJoin } from './pending-join';
import { scanInvitation } from './scan-invitation';
import { checkNoGroupIn, checkSyncFolder, devicesIn } from './sync-folder';
import { syncUserError, withSyncUserError } from './sync-errors';
import { inviteInto, joinGroup, startGroup } from './sync-group';
import { SyncRunner } from './sync-runner';
import type { SyncRunnerDeps } from './sync-runner';
import { forgetSyncSecrets } from './sync-secrets';
import type { SyncInvitationView, SyncView } from '../../../preload/views/sync';
import { syncViewOf } from './sync-view-of';

export interface SyncServiceDeps extends Pick<
  SyncRunnerDeps,
  'session' | 'clock' | 'log' | 'watcher' | 'debounceMs' | 'restartMs' | 'clockOffsetMs'
> {
  /** The chosen folder's checks. */
  files: Files;
  /** The screen scanner, for an invitation's QR code shown on this screen. */
  scanner?: Pick<Scanner, 'scanScreen'> | undefined;
  window?: TrayWindow | undefined;
  events: AppEvents;
  /** TrayOTP's own folder (the vault's), never accepted as the sync folder. */
  appDataDir: string;
  folderPicker?: FolderPicker | undefined;
  /** This process's user id where the OS has owners. */
  uid?: number | undefined;
  /** This computer's name: the device name suggested. */
  hostName: string;
  /** Tests: quicker join retries. */
  joinRetryMs?: number;
}

export class SyncService {
  readonly #runner: SyncRunner;
  #joining: PendingJoin | undefined;
  #joined: SyncView['joined'] = null;
  #invitation: OwnInvitation | undefined;
  #ops: Promise<unknown> = Promise.resolve();
  /** The view last pushed, as JSON: a view equal to it is not pushed again. */
  #lastPushed: string | undefined;

  constructor(private readonly deps: SyncServiceDeps) {
    this.#runner = new SyncRunner({
      ...deps,
      checkFolder: (folder) => this.#checkFolder(folder),
      serial: (work) => this.#serial(work),
      changed: () => this.#push(),
      onStatus: (status) => this.#invitation?.noteStatus(status),
      onIntroduced: (invite, device) =>
        this.#invitation?.noteIntroduced(invite, device, this.#runner.status),
    });
    deps.session.onUnlock(() => {
      void this.#serial(() => this.#runner.resume()).catch((error: unknown) =>
        deps.log.error('starting sync after unlock', error),
      );
    });
    deps.session.onLock(() => this.#stopAll());
  }

  status(): SyncView {
    const runner = this.#runner;
    return syncViewOf({
      locked: this.deps.session.current === undefined,
      secrets: runner.secrets,
      status: runner.status,
      lastMerge: runner.lastMerge,
      error: runner.error,
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
      const vault = this.#runner.offAndUnlocked();
      const name = checkName(deviceName);
      const real = await this.#checkFolder(folder);
      await checkNoGroupIn(this.deps.files, real);
      const secrets = await startGroup(vault, real, name);
      await this.#runner.run(secrets, this.#runner.generation);
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
      this.#runner.offAndUnlocked();
      const input = withSyncUserError(() => parseInvitationText(text));
      const name = checkName(deviceName);
      const real = await this.#checkFolder(folder);
      this.#joining?.cancel();
      this.#joining = undefined;
      this.#runner.error = undefined;
      this.#joined = null;
      const generation = this.#runner.generation;
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
          this.#runner.error = message;
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
      const engine = this.#runner.running();
      const secrets = this.#runner.secrets!;
      const { own, view } = await inviteInto(engine, secrets, this.deps.clock.now());
      this.#invitation = own;
      this.#push();
      return view;
    });
  }

  /** Removes another device: a new key for the others; its later files are not used. */
  removeDevice(device: string): Promise<SyncView> {
    return this.#serial(async () => {
      await this.#runner.removeDevice(device);
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
      await this.#runner.rename(checkName(deviceName));
      return this.status();
    });
  }

  /**
   * The vault was saved (by this app, or by another program and taken in): the engine records
   * it now. Its own merges (kind 'sync') are already recorded.
   */
  vaultSaved(saved: VaultSaved): void {
    this.#runner.vaultSaved(saved);
  }

  /** Waits for the rounds queued so far (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#ops.catch(() => undefined);
    await this.#runner.idle();
  }

  // ---- inside ------------------------------------------------------------------------------

  async #acceptAndRun(
    folder: string,
    input: ReturnType<typeof parseInvitationText>,
    name: string,
    generation: number,
  ): Promise<void> {
    if (generation !== this.#runner.generation) return;
    const vault = this.deps.session.unlocked();
    const now = this.deps.clock.now();
    const wanted = () => generation === this.#runner.generation;
    const joined = await joinGroup(vault, folder, input, name, now, wanted);
    if (!joined) return;
    this.#joining?.cancel();
    this.#joining = undefined;
    this.#joined = joined.joined;
    await this.#runner.run(joined.secrets, generation);
    if (generation !== this.#runner.generation || !this.#joined) return;
    const inviter = this.#runner.status?.devices.find((d) => d.device === joined.inviter);
    this.#joined = { ...this.#joined, inviterName: inviter?.name ?? null };
    this.#push();
  }

  /** Lock, leave: the engine stops, and nothing of sync's secrets stays in memory. */
  #stopAll(): void {
    this.#runner.stopAll();
    this.#joining?.cancel();
    this.#joining = undefined;
    this.#invitation = undefined;
    this.#joined = null;
    this.#push();
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

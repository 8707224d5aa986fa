// The real main process for the UI tests: the app as assembleApp builds it for compose.ts, on a
// real vault (in a temp folder, cheap KDF), the real IPC handler table and error translation,
// the real hotkey registration over a fake of Electron's globalShortcut, and small fakes for what only an OS provides
// (clipboard, keychain, dialogs, screen, typing). The window talks to it through the bridge
// exactly as it would through preload and ipcMain.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppState, EventName, Settings } from '../../../preload/contract';
import { assembleApp } from '../../../main/app/assemble';
import type { App } from '../../../main/app/assemble';
import type { PickedFile } from '../../../main/app/ports/dialogs';
import { systemClock } from '../../../main/platform/system-clock';
import { RegionRequest } from '../../../main/app/shared/region-request';
import { DEFAULT_SETTINGS } from '../../../main/app/shared/settings';
import { toUserError } from '../../../main/app/shared/user-errors';
import { filePairingStore } from '../../../main/browser/pairings';
import { DirectoryUpdater } from '../../../main/directory/refresh';
import { CACHE_FILE_NAME, DirectoryStore } from '../../../main/directory/store';
import { createEventSender } from '../../../main/ipc/events';
import { serviceHandlers } from '../../../main/ipc/handlers';
import type { ServiceHandlers } from '../../../main/ipc/handlers';
import { createIpcTable } from '../../../main/ipc/table';
import type { IpcTable } from '../../../main/ipc/table';
import { parseOtpUri } from '../../../main/otp';
import { createElectronGlobalShortcuts } from '../../../main/platform/global-shortcuts';
import { TimeCheckError } from '../../../main/time/errors';
import { memoryClockSettings } from '../../../main/time/settings';
import { newEntry, Vault } from '../../../main/vault';
import { SafeStorageKeychain } from '../../../main/platform/keychain';
import { nodeFiles } from '../../../main/platform/node-files';
import { thisComputer } from '../../../main/platform/this-computer';
import { FakeActiveWindow } from '../../fakes/active-window';
import { FakeClipboard } from '../../fakes/clipboard';
import { FakeGlobalShortcut } from '../../fakes/electron';
import { FakeKeyTyper } from '../../fakes/key-typer';
import { FakeNotifier } from '../../fakes/notifier';
import { FakeSafeStorage } from '../../fakes/safe-storage';

export interface RealAppOptions {
  vault?: AppState['vault'];
  /** A passphrase-only vault (asked at every unlock) instead of a keychain one. */
  passphrase?: string | null;
  keychain?: AppState['keychain'];
  /** otpauth:// links already in the vault. */
  accounts?: string[];
  /** What a screen scan finds. */
  screenCodes?: string[];
  /** Accelerators other applications hold. */
  takenHotkeys?: string[];
  /** Node's process.platform to present (shortcut names); this machine's by default. */
  platform?: string;
  /**
   * otpauth:// links added after `accounts`, then lost: the older vault file is put back (as a
   * sync tool might), so the vault is older than its newest backup.
   */
  rolledBack?: string[];
  /** The vault file is damaged after it was saved (one byte of its header flipped). */
  damaged?: boolean;
  /** The 2FA Directory, downloaded from `url` (a loopback server); `enabled`: turned on first. */
  /**
   * The 2FA Directory, downloaded from `url`; with `servedBy`, requests for `url` go to that
   * loopback address instead (the screenshots show the real source, the bytes come from here).
   */
  directory?: { url: string; enabled?: boolean; servedBy?: string };
  /** What a clock check measures (server − this computer, ms); absent: a check fails. */
  clockOffsetMs?: number;
  /** A real browser bridge on a socket in the temp folder (`browserSocket`); absent: none. */
  browser?: boolean;
}

type Listener = (payload: unknown) => void;

const CHEAP_KDF = {
  kdf: { name: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 },
  allowWeakKdf: true,
} as const;

export class RealApp {
  readonly dir = mkdtempSync(join(tmpdir(), 'trayotp-ui-'));
  readonly clipboardFake = new FakeClipboard();
  readonly shortcuts = new FakeGlobalShortcut();
  /** The notifications main showed. */
  readonly notifier = new FakeNotifier();
  /** The file the next file dialog "chooses" (null: cancelled). */
  nextPickFile: PickedFile | null = null;
  /** What the key-file dialog returns (KeePass imports). */
  nextKeyFile: PickedFile | null = null;
  /** The folder the next folder dialog "chooses" (the sync folder; null: cancelled). */
  nextFolder: string | null = null;
  hidden = false;
  /** What each region selection the overlay settled came to (null: cancelled). */
  regionSelections: unknown[] = [];
  /** Names the save dialog was asked for, and the paths written. */
  exports: string[] = [];
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  /** Links the window had main open in the browser. */
  readonly openedLinks: string[] = [];
  readonly directoryPath = join(this.dir, CACHE_FILE_NAME);
  /** Where the browser bridge listens when `browser` is on. */
  readonly browserSocket = join(this.dir, 'run', 'browser.sock');
  /** The app, assembled as compose.ts assembles it. */
  readonly app: App;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #region = new RegionRequest();
  /** As compose.ts sends: every event parsed against the contract first (main/ipc/events.ts). */
  readonly #send = createEventSender(
    (channel, payload) => this.#dispatch(channel.slice('trayotp:'.length), payload),
    (message, error) => {
      throw new Error(`${message}: ${String(error)}`);
    },
  );
  #state: AppState | undefined;
  #keychain: SafeStorageKeychain | undefined;

  private constructor(private readonly options: RealAppOptions) {
    const keychainOption = options.keychain ?? {
      available: true,
      weak: false,
      backend: 'gnome_libsecret',
    };
    const keychain = (this.#keychain = keychainOption.available
      ? new SafeStorageKeychain(
          new FakeSafeStorage({
            backend: keychainOption.weak ? 'basic_text' : 'gnome_libsecret',
          }),
          () => true,
          'linux',
        )
      : undefined);
    for (const accelerator of options.takenHotkeys ?? []) {
      this.shortcuts.takenElsewhere.add(accelerator);
    }
    this.app = assembleApp({
      vaultPath: join(this.dir, 'vault.trayotp'),
      clock: systemClock,
      keychain,
      clipboard: this.clipboardFake,
      dialogs: {
        pickKeyFile: async () => this.nextKeyFile ?? undefined,
        pickImportFile: async () => this.nextPickFile ?? undefined,
        pickImage: async () => this.nextPickFile ?? undefined,
        pickSavePath: async (name) => {
          this.exports.push(name);
          return join(this.dir, name);
        },
      },
      scanner: {
        scanScreen: async () => options.screenCodes ?? [],
        scanRegion: async () => undefined,
        scanImage: async () => [],
        scanClipboardImage: async () => undefined,
      },
      settingsStore: {
        get: () => this.settings,
        set: (patch) => (this.settings = { ...this.settings, ...patch }),
      },
      window: { hide: () => (this.hidden = true), show: () => (this.hidden = false) },
      // No way to type here (as on Wayland): the code is copied instead.
      typer: new FakeKeyTyper(() => Date.now(), {
        typed: false,
        reason: 'unavailable',
        message: 'This system offers no way to type into other apps.',
      }),
      activeWindow: new FakeActiveWindow(undefined),
      notifier: this.notifier,
      shortcuts: createElectronGlobalShortcuts(this.shortcuts),
      log: {
        error: (message, error) => console.error(message, error),
        warn: (message) => console.warn(message),
      },
      region: this.#region,
      clockCheck: {
        store: memoryClockSettings(),
        measure: async (host) => {
          if (options.clockOffsetMs === undefined) {
            throw new TimeCheckError('unreachable', `Could not reach ${host}.`);
          }
          const now = Date.now();
          return {
            host,
            offsetMs: options.clockOffsetMs,
            uncertaintyMs: 503,
            roundTripMs: 6,
            serverTimeMs: now + options.clockOffsetMs,
            measuredAtMs: now,
          };
        },
      },
      kdf: CHEAP_KDF,
      sync: { folderPicker: { pickFolder: async () => this.nextFolder ?? undefined } },
      files: nodeFiles,
      computer: {
        ...thisComputer(),
        ...(options.platform !== undefined && { platform: options.platform }),
      },
      ...(options.browser && {
        browser: {
          store: filePairingStore(join(this.dir, 'browser-pairings.json')),
          place: { dir: join(this.dir, 'run'), path: this.browserSocket },
        },
      }),
      ...(options.directory && {
        directory: {
          updater: new DirectoryUpdater({
            store: new DirectoryStore(this.directoryPath),
            fetch: (url, init) =>
              fetch(
                url === options.directory?.url ? (options.directory.servedBy ?? url) : url,
                init,
              ),
            now: () => Date.now(),
            url: options.directory.url,
          }),
          links: { open: async (url) => void this.openedLinks.push(url) },
        },
      }),
    });
    this.app.onEvent((event, payload) => {
      if (event === 'state') this.#state = payload as AppState;
      this.#send(event, payload);
    });
  }

  static async start(options: RealAppOptions = {}): Promise<RealApp> {
    const app = new RealApp(options);
    await app.app.start();
    if (options.directory?.enabled) await app.app.directory?.setEnabled(true);
    const vault = options.vault ?? 'unlocked';
    if (vault !== 'none') {
      // The accounts go in with one write (a thousand separate saves would take a while).
      const now = Date.now();
      const entries = (options.accounts ?? []).map((uri, index) =>
        newEntry(parseOtpUri(uri).account, randomUUID(), now, { sortOrder: index }),
      );
      const passphrase = options.passphrase ?? undefined;
      const keychain = app.#keychain;
      const created = await Vault.create(join(app.dir, 'vault.trayotp'), {
        clock: systemClock,
        entries,
        ...(passphrase !== undefined ? { passphrase } : { keychain }),
        ...CHEAP_KDF,
      });
      if (options.rolledBack) {
        const older = readFileSync(join(app.dir, 'vault.trayotp'));
        for (const uri of options.rolledBack) await created.add(parseOtpUri(uri).account);
        writeFileSync(join(app.dir, 'vault.trayotp'), older);
      }
      created.lock();
      if (options.damaged) {
        const path = join(app.dir, 'vault.trayotp');
        const bytes = readFileSync(path);
        bytes[20]! ^= 0xff;
        writeFileSync(path, bytes);
      } else if (vault === 'unlocked') {
        await app.app.session.unlock(passphrase);
      }
    }
    app.#state = await app.app.getState();
    return app;
  }

  table(): IpcTable {
    return createIpcTable(this.handlers, toUserError, (message, error) =>
      console.error(message, error),
    );
  }

  on(event: EventName, listener: Listener): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Main pushes an event. A regionImage opens a region selection first, as the overlay adapter
   * does, and records how the overlay settles it.
   */
  emit(event: EventName, payload: unknown): void {
    if (event === 'regionImage') {
      void this.#region
        .wait()
        .then((choice) =>
          this.regionSelections.push(
            choice ? { displayId: choice.displayId, ...choice.box } : null,
          ),
        );
    }
    this.#send(event, payload as never);
  }

  /** The state main last pushed (every change pushes one before its IPC call returns). */
  state(): AppState {
    if (!this.#state) throw new Error('the app has not started');
    return this.#state;
  }

  /** Main's IPC methods, for a test to change state behind the window's back. */
  get handlers(): ServiceHandlers {
    return serviceHandlers(this.app);
  }

  get vault(): AppState['vault'] {
    return this.state().vault;
  }

  get clipboard(): string {
    return this.clipboardFake.text;
  }

  idOf(issuer: string): string {
    const account = this.state().accounts.find((a) => a.issuer === issuer);
    if (!account) throw new Error(`no account from ${issuer}`);
    return account.id;
  }

  currentCode(id: string): string {
    const code = this.app.codes.list().find((c) => c.id === id);
    if (!code) throw new Error(`no code for ${id}`);
    return code.code;
  }

  /** Every secret the test put into the app, for the "no secret reaches the window" check. */
  secrets(): string[] {
    return [...(this.options.accounts ?? []), ...(this.options.screenCodes ?? [])]
      .filter((text) => text.startsWith('otpauth://'))
      .map((uri) => parseOtpUri(uri).account.secret);
  }

  #dispatch(event: string, payload: unknown): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload);
  }
}

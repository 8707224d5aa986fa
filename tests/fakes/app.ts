// The app as the unit tests build it: assembleApp (the one wiring compose.ts ships) on a real
// vault in a temp folder (cheap KDF), with the fakes of this folder for what only an OS
// provides. Every fake is returned, so a test can look at what reached the person (clipboard,
// notifications, typed keys, shown views, pushed events) or change what the world does next.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppState, EventName, Settings } from '../../preload/contract';
import { assembleApp } from '../../main/app/assemble';
import type { AppAdapters } from '../../main/app/assemble';
import type { PickedFile } from '../../main/app/ports/dialogs';
import type { Scanner } from '../../main/app/ports/scanner';
import { DEFAULT_SETTINGS } from '../../main/app/shared/settings';
import { serviceHandlers } from '../../main/ipc/handlers';
import { createIpcTable } from '../../main/ipc/table';
import { toUserError } from '../../main/app/shared/user-errors';
import { createElectronGlobalShortcuts } from '../../main/platform/global-shortcuts';
import { SafeStorageKeychain } from '../../main/platform/keychain';
import { nodeFiles } from '../../main/platform/node-files';
import { thisComputer } from '../../main/platform/this-computer';
import { FakeActiveWindow } from './active-window';
import { FakeClipboard } from './clipboard';
import { FakeClock } from './clock';
import { FakeGlobalShortcut } from './electron';
import { FakeKeyTyper } from './key-typer';
import { FakeNotifier } from './notifier';
import { FakeSafeStorage } from './safe-storage';

export const T0 = Date.UTC(2026, 10, 28, 12, 0, 10);

export const CHEAP_KDF = {
  kdf: { name: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 },
  allowWeakKdf: true,
} as const;

export interface FakeAppOptions {
  /** The Linux keychain backend (basic_text protects nothing). */
  backend?: 'gnome_libsecret' | 'basic_text';
  /** What the import dialog picks. */
  pick?: PickedFile;
  /** What the key-file dialog picks. */
  keyFile?: PickedFile;
  /** The folder (a second app on the same vault, a restart). */
  dir?: string;
  /** The focused window's title. */
  title?: string;
  /** The clock (one the test shares with other parts). */
  clock?: FakeClock;
  /** The 2FA Directory's download and links (absent: no directory). */
  directory?: AppAdapters['directory'];
  /** What the screen scanner finds. */
  screenCodes?: string[];
  /** The clock check's store and measurement (default: in memory, no measurement). */
  clockCheck?: AppAdapters['clockCheck'];
  /** Following a phone's backups: its folder picker and watcher. */
  follow?: AppAdapters['follow'];
  /** The browser extension's bridge (pairings store, socket place); absent: none. */
  browser?: AppAdapters['browser'];
  /** The key typer instead of the recording fake (the real portal typer: tests/wayland). */
  keyTyper?: AppAdapters['typer'];
  /** How the hotkey types on this desktop, for Settings → Typing (issue 27). */
  desktopTyping?: AppAdapters['desktopTyping'];
}

export async function fakeApp(options: FakeAppOptions = {}) {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'trayotp-app-')));
  const clock = options.clock ?? new FakeClock(T0);
  const clipboard = new FakeClipboard();
  const notifier = new FakeNotifier();
  const typer = new FakeKeyTyper(() => clock.now());
  const activeWindow = new FakeActiveWindow(options.title);
  const shortcuts = new FakeGlobalShortcut();
  /** What the screen scanner finds next. */
  const scannerTexts: string[] = [...(options.screenCodes ?? [])];
  /** When the window was hidden (clock ms), and what it showed. */
  const hidden: number[] = [];
  const shown: { view: string; accountId?: string; pickerToken?: string }[] = [];
  const logged: [string, unknown][] = [];
  let saved = new Map<string, string>();
  let settings: Settings = { ...DEFAULT_SETTINGS, autoLockMinutes: 0 };
  let focused = false;

  const adapters = {
    vaultPath: join(dir, 'vault.trayotp'),
    clock,
    keychain: new SafeStorageKeychain(
      new FakeSafeStorage({ backend: options.backend ?? 'gnome_libsecret' }),
      () => true,
      'linux',
    ),
    clipboard,
    dialogs: {
      pickKeyFile: async () => options.keyFile,
      pickImportFile: async () => options.pick,
      pickImage: async () => undefined,
      pickSavePath: async (name: string) => join(dir, name),
    },
    scanner: {
      scanScreen: async (_options?: Parameters<Scanner['scanScreen']>[0]): Promise<string[]> =>
        scannerTexts,
      scanRegion: async (): Promise<string[] | undefined> => undefined,
      scanImage: async () => [],
      scanClipboardImage: async () => undefined,
    },
    settingsStore: {
      get: () => settings,
      set: (patch: Partial<Settings>) => (settings = { ...settings, ...patch }),
    },
    window: {
      hide: () => void hidden.push(clock.now()),
      show: () => {},
      isVisible: (): boolean => false,
      isFocused: (): boolean => focused,
    },
    typer: options.keyTyper ?? typer,
    activeWindow,
    notifier,
    shortcuts: createElectronGlobalShortcuts(shortcuts),
    log: {
      error: (message: string, error: unknown) => void logged.push([message, error]),
      warn: (message: string) => void logged.push([message, undefined]),
    },
    choices: { load: () => new Map(saved), save: (choices) => void (saved = new Map(choices)) },
    kdf: CHEAP_KDF,
    files: nodeFiles,
    // This user and host (the sync folder's owner check is real); shortcut names as on Linux.
    computer: { ...thisComputer(), platform: 'linux' },
    ...(options.directory && { directory: options.directory }),
    ...(options.clockCheck && { clockCheck: options.clockCheck }),
    ...(options.follow && { follow: options.follow }),
    ...(options.browser && { browser: options.browser }),
    ...(options.desktopTyping && { desktopTyping: options.desktopTyping }),
  } satisfies AppAdapters;

  const app = assembleApp(adapters);
  const events: { event: EventName; payload: unknown }[] = [];
  app.onEvent((event, payload) => {
    events.push({ event, payload });
    if (event === 'navigate') shown.push(payload as (typeof shown)[number]);
  });
  /** The IPC table the window calls, over this app (results wrapped as the window sees them). */
  const table = createIpcTable(serviceHandlers(app), toUserError, (message, error) =>
    logged.push([message, error]),
  );
  return {
    app,
    adapters,
    table,
    dir,
    clock,
    clipboard,
    notifier,
    typer,
    activeWindow,
    shortcuts,
    scannerTexts,
    hidden,
    shown,
    logged,
    events,
    /** The states pushed to the window, in order. */
    states: () => events.filter((e) => e.event === 'state').map((e) => e.payload as AppState),
    /** Events of one kind pushed to the window, in order. */
    pushed: (name: EventName) => events.filter((e) => e.event === name).map((e) => e.payload),
    /** What the choice store last saved. */
    saved: () => saved,
    /** Gives TrayOTP's own window the keyboard focus, or takes it away. */
    focusOurWindow: (value: boolean) => void (focused = value),
  };
}

export type FakeApp = Awaited<ReturnType<typeof fakeApp>>;

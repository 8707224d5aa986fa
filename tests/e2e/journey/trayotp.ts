// TrayOTP as the journey runs it: the app as assembleApp builds it for compose.ts, on a real vault (Argon2id passphrase
// slot, the app's own parameters), the QR worker from source, and the app's X11 adapters for
// typing (XTest) and the focused window's title. Only the Electron shell is absent: the screen
// is captured with XGetImage (tests/support/x11-capture.ts) instead of desktopCapturer, the
// clipboard is in memory, and the window's show/hide calls are recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../../preload/contract';
import { assembleApp } from '../../../main/app/assemble';
import type { App } from '../../../main/app/assemble';
import type { ViewName as View } from '../../../main/app/ports/window';
import type { Clock } from '../../../main/time/clock';
import { RegionRequest } from '../../../main/app/shared/region-request';
import { nodeFiles } from '../../../main/platform/node-files';
import { ScreenScanner } from '../../../main/platform/screen-scanner';
import { thisComputer } from '../../../main/platform/this-computer';
import { DEFAULT_SETTINGS } from '../../../main/app/shared/settings';
import { scanImageFile } from '../../../main/qr';
import { QrWorker } from '../../../main/qr/worker-client';
import { createX11ActiveWindow } from '../../../main/platform/x11/active-window';
import { createX11KeyTyper } from '../../../main/platform/x11/key-typer';
import { FakeClipboard } from '../../fakes/clipboard';
import { FakeNotifier } from '../../fakes/notifier';
import { createX11ScreenCapture } from '../../support/x11-capture';

export interface JourneyApp {
  /** The app, assembled as compose.ts assembles it. */
  app: App;
  /** How often the app hid its window (before typing into the app behind it). */
  hides: number;
  /** Views the app asked to show, in order (the picker with its token, the add view...). */
  shown: { view: View; accountId?: string; pickerToken?: string }[];
  /** Events the app pushed to its window, in order. */
  pushed: { event: string; payload: unknown }[];
  notifier: FakeNotifier;
  clipboard: FakeClipboard;
  close(): Promise<void>;
}

const workerSource = new URL('../../../main/qr/worker.ts', import.meta.url);

export function startTrayOtp(options: { display: string; clock: Clock }): JourneyApp {
  const { display, clock } = options;
  const dir = mkdtempSync(join(tmpdir(), 'trayotp-journey-'));
  const worker = new QrWorker(workerSource, {
    execArgv: ['--import', import.meta.resolve('tsx')],
  });
  const clipboard = new FakeClipboard();
  const notifier = new FakeNotifier();
  const shown: JourneyApp['shown'] = [];
  let settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const region = new RegionRequest();

  const trayotp = assembleApp({
    vaultPath: join(dir, 'vault.trayotp'),
    clock,
    keychain: undefined,
    clipboard,
    dialogs: {
      pickKeyFile: async () => undefined,
      pickImportFile: async () => undefined,
      pickImage: async () => undefined,
      pickSavePath: async () => undefined,
    },
    scanner: new ScreenScanner({
      capture: createX11ScreenCapture(display),
      decode: (frame, scanOptions) => worker.scan(frame, scanOptions),
      decodeImage: async (bytes) => (await scanImageFile(bytes)).texts,
      clipboardImage: async () => undefined,
      regions: { select: async () => undefined },
    }),
    settingsStore: {
      get: () => settings,
      set: (patch) => (settings = { ...settings, ...patch }),
    },
    window: { hide: () => void (app.hides += 1), show: () => {} },
    typer: createX11KeyTyper({ display, env: {} }),
    activeWindow: createX11ActiveWindow({ display, env: {} }),
    notifier,
    // No global shortcuts without Electron: the journey calls the hotkeys' actions itself.
    shortcuts: {
      register: () => ({ registered: true }),
      unregister: () => {},
      unregisterAll: () => {},
    },
    log: {
      error: (message, error) => console.error(message, error),
      warn: (message) => console.warn(message),
    },
    region,
    files: nodeFiles,
    computer: thisComputer(),
  });

  const pushed: JourneyApp['pushed'] = [];
  trayotp.onEvent((event, payload) => {
    pushed.push({ event, payload });
    if (event === 'navigate') shown.push(payload as JourneyApp['shown'][number]);
  });
  const app: JourneyApp = {
    app: trayotp,
    hides: 0,
    shown,
    pushed,
    notifier,
    clipboard,
    close: async () => {
      await trayotp.shutdown();
      await worker.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return app;
}

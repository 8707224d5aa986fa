// The composition root: builds the app's object graph from Electron's modules once `app` is
// ready. Every piece of logic lives in main/app (Electron-free, tested in Node); this file only
// connects ports to their Electron/OS adapters. Runs only inside Electron, so it is checked by
// the type checker against electron.d.ts and exercised by the _electron smoke test where the
// binary exists.
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard as electronClipboard,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  shell,
  systemPreferences,
  Tray,
} from 'electron';
import Store from 'electron-store';
import { AutoLock } from '../app/auto-lock';
import { choiceFile } from './choice-file';
import { ClipboardGuard } from '../app/clipboard-guard';
import { AppController } from '../app/controller';
import { DirectoryService } from '../app/directory-service';
import { Hotkeys } from '../app/hotkeys';
import { systemClock } from './system-clock';
import type { KeyTyper } from '../app/ports/key-typer';
import type { ActiveWindow } from '../app/ports/active-window';
import { RegionRequest } from '../app/region-request';
import { ScreenScanner } from './screen-scanner';
import { toUserError } from '../app/user-errors';
import { createEventSender } from '../ipc/events';
import { registerIpcHandlers } from '../ipc/register';
import { createIpcTable } from '../ipc/table';
import { DirectoryUpdater } from '../directory/refresh';
import { CACHE_FILE_NAME, DirectoryStore } from '../directory/store';
import { scanImageFile } from '../qr';
import { QrWorker } from '../qr/worker-client';
import { APP_ORIGIN } from './app-protocol';
import { createElectronScreenCapture } from './capture';
import { createElectronClipboard } from './clipboard';
import { ElectronDialogs } from './dialogs';
import { createElectronExternalLinks } from './external-links';
import { createElectronGlobalShortcuts } from './global-shortcuts';
import { SafeStorageKeychain } from './keychain';
import { createElectronNotifier } from './notifier';
import { RegionOverlays } from './region-overlay';
import { ElectronSettingsStore } from './settings-store';
import { TrayService } from './tray';
import { TrayWindow, trayWindowOptions } from './tray-window';
import { createX11ActiveWindow } from './x11/active-window';
import { createX11KeyTyper } from './x11/key-typer';
import { createMacActiveWindow } from './macos/active-window';
import { createMacKeyTyper } from './macos/key-typer';
import { createWin32ActiveWindow } from './win32/active-window';
import { createWin32Clipboard, hwndFromHandle } from './win32/clipboard';
import { createWin32KeyTyper } from './win32/key-typer';

export interface ComposeOptions {
  /** The built app's folder (out/main): preload, renderer and worker are found from it. */
  mainDir: string;
  /** The renderer dev server (electron-vite dev), or undefined for app://. */
  devServer: string | undefined;
}

export interface RunningApp {
  showWindow: () => void;
  quit: () => Promise<void>;
}

export async function composeApp(options: ComposeOptions): Promise<RunningApp> {
  const clock = systemClock;
  const preload = join(options.mainDir, '../preload/index.cjs');
  const pageUrl = (hash = '') => `${options.devServer ?? `${APP_ORIGIN}/index.html`}${hash}`;
  const ourWindows = new Set<number>();
  const logError = (message: string, error: unknown) => console.error(message, error);

  const notifier = createElectronNotifier(Notification, (notice) =>
    console.warn(`${notice.title}: ${notice.body}`),
  );
  const settings = ElectronSettingsStore.open((storeOptions) => new Store(storeOptions), {
    folder: app.getPath('userData'),
    now: () => clock.now(),
    report: (problems) =>
      notifier.notify({ title: 'TrayOTP settings were repaired', body: problems.join(' ') }),
  });
  // On Windows the code is written through Win32 with the markers that keep it out of clipboard
  // history and cloud sync; any failure there copies through Electron instead.
  const platformClipboard = createElectronClipboard(electronClipboard);
  const clipboard = new ClipboardGuard({
    clipboard:
      process.platform === 'win32'
        ? createWin32Clipboard({
            fallback: platformClipboard,
            onFallback: (error) => console.warn('Clipboard markers not set:', error.message),
            // The tray window (created below, before anything is copied) owns the clipboard.
            owner: () =>
              window.isDestroyed() ? 0n : hwndFromHandle(window.getNativeWindowHandle()),
          })
        : platformClipboard,
    clock,
    clearAfterSeconds: () => settings.get().clipboardClearSeconds,
  });

  // Typing: XTest on X11, SendInput on Windows, CGEvent on macOS. The focused window's title
  // (for choosing the account): X11 focus, GetForegroundWindow, the Accessibility API.
  const typer: KeyTyper | undefined =
    process.platform === 'linux'
      ? createX11KeyTyper()
      : process.platform === 'win32'
        ? createWin32KeyTyper()
        : process.platform === 'darwin'
          ? createMacKeyTyper()
          : undefined;
  const activeWindow: ActiveWindow =
    process.platform === 'linux'
      ? createX11ActiveWindow()
      : process.platform === 'win32'
        ? createWin32ActiveWindow()
        : process.platform === 'darwin'
          ? createMacActiveWindow()
          : { title: async () => undefined };

  // The tray window.
  const window = new BrowserWindow(trayWindowOptions(preload));
  ourWindows.add(window.webContents.id);
  let dialogOpen = false;
  const trayIcon = nativeImage.createFromPath(
    join(
      app.isPackaged ? process.resourcesPath : join(options.mainDir, '../../build'),
      'tray',
      process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png',
    ),
  );
  if (process.platform === 'darwin') trayIcon.setTemplateImage(true);
  const tray = new Tray(trayIcon);
  const trayWindow = new TrayWindow({
    window,
    trayBounds: () => tray.getBounds(),
    workAreaNear: (point) => screen.getDisplayNearestPoint(point).workArea,
    cursor: () => screen.getCursorScreenPoint(),
    keepOpen: () => dialogOpen,
  });
  // Every event is checked against the contract before it reaches the window (ipc/events.ts).
  const send = createEventSender((channel, payload) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  }, logError);

  // Dialogs keep the popup open while they have the focus.
  const electronDialogs = new ElectronDialogs(dialog, () => window);
  const dialogs = {
    pickImportFile: () => whileDialog(() => electronDialogs.pickImportFile()),
    pickImage: () => whileDialog(() => electronDialogs.pickImage()),
    pickKeyFile: () => whileDialog(() => electronDialogs.pickKeyFile()),
    pickSavePath: (name: string) => whileDialog(() => electronDialogs.pickSavePath(name)),
  };
  async function whileDialog<T>(open: () => Promise<T>): Promise<T> {
    dialogOpen = true;
    try {
      return await open();
    } finally {
      dialogOpen = false;
    }
  }

  // Scanning: capture in main, decode in the QR worker.
  const worker = new QrWorker(new URL('./qr-worker.js', `file://${options.mainDir}/`));
  const region = new RegionRequest();
  const scanner = new ScreenScanner({
    capture: createElectronScreenCapture({
      desktopCapturer,
      screen,
      systemPreferences,
      platform: process.platform,
    }),
    decode: (frame, scanOptions) => worker.scan(frame, scanOptions),
    decodeImage: async (bytes) => (await scanImageFile(bytes)).texts,
    clipboardImage: async () => {
      for (const item of await electronClipboard.read()) {
        if (item.types.includes('image/png')) {
          const blob = (await item.getType('image/png')) as Blob;
          return new Uint8Array(await blob.arrayBuffer());
        }
      }
      return undefined;
    },
    regions: new RegionOverlays({
      createWindow: (windowOptions) => new BrowserWindow(windowOptions),
      request: region,
      url: pageUrl('#/region'),
      preload,
      toDataUrl: (display) =>
        `data:image/jpeg;base64,${nativeImage
          .createFromBitmap(Buffer.from(display.frame.data), {
            width: display.frame.width,
            height: display.frame.height,
            scaleFactor: display.scaleFactor,
          })
          .toJPEG(80)
          .toString('base64')}`,
      track: (id, open) => (open ? ourWindows.add(id) : ourWindows.delete(id)),
    }),
  });

  // The 2FA Directory (opt-in): downloaded with Node's fetch, which shares no cookies with any
  // browser session; its documentation links open in the browser, https only.
  const directory = new DirectoryService({
    updater: new DirectoryUpdater({
      store: new DirectoryStore(join(app.getPath('userData'), CACHE_FILE_NAME)),
      fetch: (url, init) => fetch(url, init),
      now: () => clock.now(),
    }),
    settings,
    clock,
    links: createElectronExternalLinks(shell),
  });

  const shortcuts = createElectronGlobalShortcuts(globalShortcut);
  // Hotkeys (below) and the controller refer to each other only inside callbacks.
  const controller: AppController = new AppController({
    vaultPath: join(app.getPath('userData'), 'vault.trayotp'),
    clock,
    keychain: new SafeStorageKeychain(safeStorage, () => app.isReady()),
    clipboard,
    dialogs,
    scanner,
    settings: {
      get: () => settings.get(),
      set: (patch) => {
        const next = settings.set(patch);
        if (patch.hotkeys) hotkeys.apply(next.hotkeys);
        if (patch.autoStart !== undefined) {
          app.setLoginItemSettings({ openAtLogin: next.autoStart });
        }
        return next;
      },
    },
    window: trayWindow,
    typing: { typer, activeWindow, notifier },
    show: (view, accountId) => {
      // The hotkey's picker opens where the person is looking; everything else at the tray.
      trayWindow.show({ nearCursor: view === 'picker' });
      send('navigate', { view, ...(accountId && { accountId }) });
    },
    checkHotkey: (accelerator) => hotkeys.check(accelerator),
    hotkeyStatus: () => hotkeys.status(),
    region,
    choices: choiceFile(join(app.getPath('userData'), 'remembered-windows.json')),
    logError,
    directory,
  });
  const hotkeys = new Hotkeys(shortcuts, {
    typeCode: () =>
      void controller
        .typeCurrentCode()
        .catch((error: unknown) => logError('the type-code hotkey failed', error)),
    openPicker: () => {
      trayWindow.show({ nearCursor: true });
      send('navigate', { view: 'picker' });
    },
    scanScreen: () => scanFromShortcut('screen'),
  });
  // A scan started from the tray or the hotkey: a failure nobody sees would look like a hang.
  function scanFromShortcut(kind: 'screen' | 'region'): void {
    controller.scanFromShortcut(kind).catch((error: unknown) => {
      logError('scan failed', error);
      notifier.notify({
        title: 'Could not scan the screen',
        body: toUserError(error)?.message ?? 'Something went wrong.',
      });
    });
  }

  controller.onEvent((event, payload) => send(event, payload));
  hotkeys.apply(settings.get().hotkeys);

  const table = createIpcTable(controller, toUserError, logError);
  registerIpcHandlers(ipcMain, table, {
    windowIds: () => ourWindows,
    origins: options.devServer ? [options.devServer] : [`${APP_ORIGIN}/`],
  });

  // The tray menu, rebuilt from state.
  let trayState = await controller.getState();
  const trayService = new TrayService({
    tray,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    clock,
    platform: process.platform,
    state: () => {
      const accounts = trayState.accounts;
      const recent = [...accounts]
        .filter((a) => a.lastUsedAt !== null)
        .sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
      return {
        locked: trayState.vault !== 'unlocked',
        pinned: accounts.filter((a) => a.pinned),
        recent: recent.length > 0 ? recent : accounts,
        nowMs: clock.now(),
        shortcuts: { scanScreen: settings.get().hotkeys.scanScreen || undefined },
      };
    },
    onAction: (action) => {
      switch (action.type) {
        case 'copy-code':
          void controller.copyCode(action.accountId).catch((error: unknown) =>
            notifier.notify({
              title: 'Could not copy the code',
              body: toUserError(error)?.message ?? 'Something went wrong.',
            }),
          );
          break;
        // Captured first, then the Add view shows what was found.
        case 'scan-screen':
          scanFromShortcut('screen');
          break;
        case 'scan-region':
          scanFromShortcut('region');
          break;
        case 'add-account':
          trayWindow.show();
          send('navigate', { view: 'add' });
          break;
        case 'open':
        case 'unlock':
          trayWindow.show();
          break;
        case 'lock':
          void controller.lock();
          break;
        case 'settings':
          trayWindow.show();
          send('navigate', { view: 'settings' });
          break;
        case 'quit':
          app.quit();
          break;
      }
    },
  });
  controller.onEvent((event, payload) => {
    if (event !== 'state') return;
    trayState = payload as typeof trayState;
    trayService.render();
  });
  trayService.render();
  tray.setToolTip('TrayOTP');
  tray.on('click', () => trayWindow.toggle());

  // Auto-lock: idle time, screen lock, suspend.
  const autoLock = new AutoLock({
    clock,
    systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
    settings: () => settings.get(),
    isUnlocked: () => trayState.vault === 'unlocked',
    lock: () => void controller.lock(),
  });
  powerMonitor.on('lock-screen', () => autoLock.onScreenLocked());
  powerMonitor.on('suspend', () => autoLock.onSuspend());
  autoLock.start();
  void directory.start().catch((error: unknown) => console.error('2FA Directory', error));

  void window.loadURL(pageUrl());

  return {
    showWindow: () => trayWindow.show(),
    quit: async () => {
      autoLock.stop();
      directory.stop();
      trayService.dispose();
      globalShortcut.unregisterAll();
      await controller.shutdown();
      await worker.close();
    },
  };
}

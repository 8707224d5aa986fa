// The composition root: makes the Electron and OS adapters once `app` is ready and hands them to
// assembleApp (main/app/assemble.ts), which builds the app as the tests build it; then binds the
// IPC table, the tray icon and the power events to it. Logic lives in main/app (Electron-free,
// tested in Node); this file only connects. Runs only inside Electron, so it is checked by
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
import { assembleApp } from '../app/assemble';
import type { ActiveWindow } from '../app/ports/active-window';
import type { KeyTyper } from '../app/ports/key-typer';
import { RegionRequest } from '../app/shared/region-request';
import { toUserError } from '../app/shared/user-errors';
import { createEventSender } from '../ipc/events';
import { serviceHandlers } from '../ipc/handlers';
import { registerIpcHandlers } from '../ipc/register';
import { createIpcTable } from '../ipc/table';
import { DirectoryUpdater } from '../directory/refresh';
import { CACHE_FILE_NAME, DirectoryStore } from '../directory/store';
import { QrWorkerPool, scanImageFile, workersForCores } from '../qr';
import { QrWorker } from '../qr/worker-client';
import { measureClockOffset } from '../time/measure';
import { APP_ORIGIN } from './app-protocol';
import { filePairingStore } from '../browser/pairings';
import { createBrowserHostFiles } from './browser-host-files';
import { peerCredentials } from './peer-credentials';
import { createElectronScreenCapture } from './capture';
import { choiceFile } from './choice-file';
import { autostartCommand, createOpenAtLogin } from './autostart';
import { FROM_MAIN_DIR, TRAY_ICON_DIR, trayIconName } from './runtime-paths';
import { clockSettingsFile } from './clock-settings-file';
import { createElectronClipboard } from './clipboard';
import { consoleLogger } from './console-logger';
import { ElectronDialogs } from './dialogs';
import { createElectronExternalLinks } from './external-links';
import { createElectronGlobalShortcuts } from './global-shortcuts';
import { SafeStorageKeychain } from './keychain';
import { createElectronNotifier } from './notifier';
import { RegionOverlays } from './region-overlay';
import { ScreenScanner } from './screen-scanner';
import { ElectronSettingsStore } from './settings-store';
import { systemClock } from './system-clock';
import { nodeFiles } from './node-files';
import { thisComputer } from './this-computer';
import { TrayService } from './tray';
import { TrayWindow, trayWindowOptions } from './tray-window';
import { createX11ActiveWindow } from './x11/active-window';
import { createX11KeyTyper } from './x11/key-typer';
import { createMacActiveWindow } from './macos/active-window';
import { withMacProgram } from './macos/focused-app';
import { createMacKeyTyper } from './macos/key-typer';
import { createWin32ActiveWindow } from './win32/active-window';
import { withWin32Program } from './win32/focused-process';
import { createWin32Clipboard, hwndFromHandle } from './win32/clipboard';
import { createWin32KeyTyper } from './win32/key-typer';
import { chooseAdapters, waylandSession } from './compose-choice';
import { createWaylandScreenCapture } from './wayland-capture';
import { copyOnlyTyper, createWaylandTyping, probeRemoteDesktopPortal } from './wayland-typer';
import { createPortalScreenshot } from './wayland';
import { decodeImageFile } from '../qr';
import { dispatchInstanceArgs, typeCodeCommandLine } from '../app/shared/second-instance';

export interface ComposeOptions {
  /** The built app's folder (out/main): preload, renderer and worker are found from it. */
  mainDir: string;
  /** The renderer dev server (electron-vite dev), or undefined for app://. */
  devServer: string | undefined;
}

export interface RunningApp {
  showWindow: () => void;
  /** A second `trayotp` started (e.g. `--type-code` from a desktop shortcut): its argv and data. */
  secondInstance: (argv: unknown, additionalData: unknown) => void;
  quit: () => Promise<void>;
}

export async function composeApp(options: ComposeOptions): Promise<RunningApp> {
  const clock = systemClock;
  const preload = join(options.mainDir, FROM_MAIN_DIR.preload);
  const pageUrl = (hash = '') => `${options.devServer ?? `${APP_ORIGIN}/index.html`}${hash}`;
  const ourWindows = new Set<number>();
  const log = consoleLogger;

  // Where notifications are not supported, what they would have said goes to the log.
  const notifier = createElectronNotifier(Notification, (notice) =>
    log.warn(`${notice.title}: ${notice.body}`),
  );
  const settings = ElectronSettingsStore.open((storeOptions) => new Store(storeOptions), {
    folder: app.getPath('userData'),
    now: () => clock.now(),
    report: (problems) =>
      notifier.notify({ title: 'TrayOTP settings were repaired', body: problems.join(' ') }),
  });
  // Start at login (autostart.ts): Electron's login item on Windows and macOS, an XDG autostart
  // entry on Linux, rewritten now with this run's paths while the setting is on.
  const program = {
    packaged: app.isPackaged,
    execPath: process.execPath,
    appImage: process.env.APPIMAGE,
    appPath: app.getAppPath(),
    noSandbox: app.commandLine.hasSwitch('no-sandbox'),
  };
  const openAtLogin = createOpenAtLogin({
    platform: process.platform,
    setLoginItemSettings: (loginItem) => app.setLoginItemSettings(loginItem),
    configHome: app.getPath('appData'),
    program,
  });
  try {
    openAtLogin.refresh(settings.get().autoStart);
  } catch (error) {
    log.warn(`start at login not refreshed: ${(error as Error).message}`);
  }
  // On Windows the code is written through Win32 with the markers that keep it out of clipboard
  // history and cloud sync; any failure there copies through Electron instead.
  const electronClipboardPort = createElectronClipboard(electronClipboard);
  const platformClipboard =
    process.platform === 'win32'
      ? createWin32Clipboard({
          fallback: electronClipboardPort,
          onFallback: (error) => log.warn(`clipboard markers not set: ${error.message}`),
          // The tray window (created below, before anything is copied) owns the clipboard.
          owner: () => (window.isDestroyed() ? 0n : hwndFromHandle(window.getNativeWindowHandle())),
        })
      : electronClipboardPort;

  // Which adapters, from the environment (compose-choice.ts, issue 27). Typing: XTest on X11,
  // SendInput on Windows, CGEvent on macOS, the RemoteDesktop portal on a Wayland session (its
  // approval kept in the settings file); on a Wayland desktop without that portal, the hotkey
  // copies and says why. The focused window's title (for choosing the account): X11 focus,
  // GetForegroundWindow, the Accessibility API, none on Wayland (the picker chooses); and its
  // program (a paired browser's window never gets a code by its title: issue 23).
  const choice = chooseAdapters({
    platform: process.platform,
    env: process.env,
    ...(waylandSession(process.platform, process.env) && {
      remoteDesktop: await probeRemoteDesktopPortal(),
    }),
  });
  const wayland = choice.typer === 'portal' ? createWaylandTyping(settings) : undefined;
  const typers: Record<typeof choice.typer, () => KeyTyper | undefined> = {
    x11: () => createX11KeyTyper(),
    win32: () => createWin32KeyTyper(),
    macos: () => createMacKeyTyper(),
    portal: () => wayland?.typer,
    none: () => (choice.note ? copyOnlyTyper(choice.note) : undefined),
  };
  const typer = typers[choice.typer]();
  const activeWindows: Record<typeof choice.activeWindow, () => ActiveWindow> = {
    x11: () => createX11ActiveWindow(),
    win32: () => withWin32Program(createWin32ActiveWindow()),
    macos: () => withMacProgram(createMacActiveWindow()),
    none: () => ({ title: async () => undefined }),
  };
  const activeWindow = activeWindows[choice.activeWindow]();

  // The tray window.
  const window = new BrowserWindow(trayWindowOptions(preload));
  ourWindows.add(window.webContents.id);
  let dialogOpen = false;
  const trayIcon = nativeImage.createFromPath(
    join(
      app.isPackaged ? process.resourcesPath : join(options.mainDir, FROM_MAIN_DIR.devResources),
      TRAY_ICON_DIR,
      trayIconName(process.platform),
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
  }, log.error);

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

  // Scanning: capture in main, decode in a pool of QR workers (one per display, as cores and
  // free memory allow), started now so the first scan does not wait for a worker's start-up.
  const worker = new QrWorkerPool(
    workersForCores(),
    () => new QrWorker(new URL(FROM_MAIN_DIR.qrWorker, `file://${options.mainDir}/`)),
  );
  worker.start();
  const region = new RegionRequest();
  const desktopCapture = createElectronScreenCapture({
    desktopCapturer,
    screen,
    systemPreferences,
    platform: process.platform,
  });
  const scanner = new ScreenScanner({
    // On Wayland the Screenshot portal, with desktopCapturer (the ScreenCast picker) behind it.
    capture:
      choice.capture === 'screenshot-portal'
        ? createWaylandScreenCapture({
            screenshot: createPortalScreenshot(),
            displays: () =>
              screen.getAllDisplays().map((d) => ({ id: String(d.id), bounds: d.bounds })),
            decode: (png) => decodeImageFile(png),
            fallback: desktopCapture,
            notifier,
            log: (message) => log.warn(message),
          })
        : desktopCapture,
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
      logError: log.error,
    }),
  });

  // The 2FA Directory (opt-in, below) is downloaded with Node's fetch, which shares no cookies
  // with any browser session; its documentation links open in the browser, https only.
  // The app itself: every use case, the hotkeys, the tray's actions and auto-lock.
  const trayotp = assembleApp({
    vaultPath: join(app.getPath('userData'), 'vault.trayotp'),
    clock,
    keychain: new SafeStorageKeychain(safeStorage, () => app.isReady()),
    clipboard: platformClipboard,
    dialogs,
    scanner,
    settingsStore: settings,
    window: trayWindow,
    typer,
    activeWindow,
    notifier,
    shortcuts: createElectronGlobalShortcuts(globalShortcut),
    log,
    files: nodeFiles,
    computer: thisComputer(),
    region,
    choices: choiceFile(join(app.getPath('userData'), 'remembered-windows.json')),
    directory: {
      updater: new DirectoryUpdater({
        store: new DirectoryStore(join(app.getPath('userData'), CACHE_FILE_NAME)),
        fetch: (url, init) => fetch(url, init),
        now: () => clock.now(),
      }),
      links: createElectronExternalLinks(shell),
    },
    clockCheck: {
      store: clockSettingsFile(join(app.getPath('userData'), 'clock-check.json')),
      measure: (host) => measureClockOffset({ host }),
    },
    // The browser extension's bridge (issue 16): pairings beside the settings; the launcher and
    // host manifests written at start while Settings' switch is on.
    browser: {
      store: filePairingStore(join(app.getPath('userData'), 'browser-pairings.json')),
      // Who connects, as the kernel says (Linux, macOS; on Windows only the host's check).
      ...(peerCredentials() && { peers: peerCredentials()! }),
      hostFiles: createBrowserHostFiles({
        userData: app.getPath('userData'),
        packaged: app.isPackaged,
        mainDir: options.mainDir,
      }),
    },
    systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
    setOpenAtLogin: (open) => openAtLogin.set(open),
    quit: () => app.quit(),
    sync: {
      folderPicker: { pickFolder: (title) => whileDialog(() => electronDialogs.pickFolder(title)) },
    },
    desktopTyping: {
      mode: choice.typing,
      ...(choice.note && { note: choice.note }),
      ...(wayland && { permission: wayland.permission }),
      hotkeyUnsure: choice.hotkeyUnsure,
      // This very TrayOTP (the AppImage, the installed binary), so the shortcut reaches it.
      typeCodeCommand: typeCodeCommandLine(autostartCommand(program), process.platform),
    },
  });
  trayotp.onEvent((event, payload) => send(event, payload));
  registerIpcHandlers(ipcMain, createIpcTable(serviceHandlers(trayotp), toUserError, log.error), {
    windowIds: () => ourWindows,
    origins: options.devServer ? [options.devServer] : [`${APP_ORIGIN}/`],
  });

  // The tray menu, rebuilt at every state.
  const trayService = new TrayService({
    tray,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    clock,
    platform: process.platform,
    state: () => trayotp.tray.state,
    onAction: (action) => trayotp.tray.run(action),
  });
  trayotp.onEvent((event) => {
    if (event === 'state') trayService.render();
  });
  await trayotp.start();
  trayService.render();
  tray.setToolTip('TrayOTP');
  tray.on('click', () => trayWindow.toggle());
  powerMonitor.on('lock-screen', () => trayotp.autoLock?.onScreenLocked());
  powerMonitor.on('suspend', () => trayotp.autoLock?.onSuspend());
  // Waking from sleep is when a clock is most likely off (and when a daily check is due).
  powerMonitor.on('resume', () => trayotp.clockCheck.service.wake());

  void window.loadURL(pageUrl());

  return {
    showWindow: () => trayWindow.show(),
    secondInstance: (argv, additionalData) => {
      dispatchInstanceArgs(argv, additionalData, {
        typeCode: () =>
          void trayotp.typing
            .typeCurrentCode()
            .catch((error: unknown) => log.error('trayotp --type-code failed', error)),
        scanScreen: () => void trayotp.tray.run({ type: 'scan-screen' }),
        showWindow: () => trayWindow.show(),
      });
    },
    quit: async () => {
      trayService.dispose();
      await wayland?.typer.close().catch(() => {});
      await trayotp.shutdown();
      await worker.close();
    },
  };
}

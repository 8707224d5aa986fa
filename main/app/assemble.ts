// The app, put together once from its adapters: the Electron composition root
// (main/platform/compose.ts), the UI tests' real app, the X11 journey and the unit tests all call
// assembleApp, so the wiring they test is the wiring that ships. Electron-free: every outside
// thing comes in as a port.
import { dirname } from 'node:path';
import { Accounts } from './accounts/accounts';
import { AppEvents } from './window/app-events';
import { readAppState } from './window/app-state';
import { AutoLock } from './vault/auto-lock';
import { announceBindingChanges } from './browser/binding-notice';
import { BrowserService, browserFiller } from './browser/browser-service';
import { ClipboardGuard } from './codes/clipboard-guard';
import { ClockCheck } from './clock/clock-check';
import { Codes } from './codes/codes';
import { DirectoryService } from './directory/directory-service';
import { Adding } from './enrol/adding';
import { Scans } from './enrol/scans';
import { Hotkeys } from './hotkeys/hotkeys';
import { RegionRequest } from './shared/region-request';
import { SettingsChanges } from './settings/settings-changes';
import { Exports } from './transfer/exports';
import { Imports } from './transfer/imports';
import { TrayActions } from './tray/tray-actions';
import { Typing } from './typing/typing';
import { SyncService } from './sync/sync-service';
import { BackupFollowing } from './follow/following';
import { BackupFolderWatcher } from '../sync/backup-watch';
import { VaultSession } from './vault/vault-session';
import type { AppAdapters } from './adapters';
import { clockServiceFor } from './clock/clock-service';
import { scanFromOutside } from './enrol/outside-scan';
import { navigator } from './window/navigate';
import { statePusher } from './window/state-push';

export type { AppAdapters };
import { DesktopTyping } from './typing/desktop-typing';

export type App = ReturnType<typeof assembleApp>;

export function assembleApp(adapters: AppAdapters) {
  const { clock, log, notifier, window } = adapters;
  const settings = adapters.settingsStore;
  const events = new AppEvents();
  const region = adapters.region ?? new RegionRequest();
  const clipboard = new ClipboardGuard({
    clipboard: adapters.clipboard,
    clock,
    clearAfterSeconds: () => settings.get().clipboardClearSeconds,
  });

  /** Shows the window on a view: the hotkey's picker where the person is looking. */
  const navigate = navigator(window, events);

  const session = new VaultSession({
    vaultPath: adapters.vaultPath,
    clock,
    keychain: adapters.keychain,
    ...(adapters.kdf && { kdf: adapters.kdf }),
    clipboard,
    notifier,
    log,
    progress: (progress) => events.emit('progress', { task: 'unlock', ...progress }),
    ...(adapters.watchVault && { watchFile: adapters.watchVault }),
  });
  // A vault whose site bindings were migrated on unlock says so once (issue 23, R5).
  announceBindingChanges({ session, notifier, log });
  const clockService = clockServiceFor(clock, adapters.clockCheck);
  /** The clock codes are computed with: the system's, plus the offset the person chose. */
  const corrected = clockService.correctedClock();
  const directory = adapters.directory
    ? new DirectoryService({ ...adapters.directory, settings, clock })
    : undefined;
  const suggestIssuer = (issuer: string) => directory?.suggestIssuer(issuer);
  const codes = new Codes({
    session,
    clock,
    offsetMs: () => clockService.offsetMs(),
    clipboard,
    settings,
  });
  const clockCheck = new ClockCheck({ service: clockService, session, codes });
  const scans = new Scans({
    session,
    clock,
    scanner: adapters.scanner,
    dialogs: adapters.dialogs,
    window,
    region,
    events,
    navigate,
    suggestIssuer,
    log,
  });
  const adding = new Adding({ session, scans });
  // Before Typing: the hotkey asks a connected browser first.
  const browser = adapters.browser
    ? new BrowserService({
        ...adapters.browser,
        ...{ session, codes, clock: corrected, settings, events, window, adding, log, notifier },
      })
    : undefined;
  const typing = new Typing({
    session,
    codes,
    // The fresh-code wait counts in the codes' time.
    clock: corrected,
    clipboard,
    notifier,
    typer: adapters.typer,
    activeWindow: adapters.activeWindow,
    settings,
    window,
    ...(adapters.choices && { choices: adapters.choices }),
    ...(directory && { siteInfo: (issuer: string) => directory.matchInfo(issuer) }),
    navigate,
    log,
    ...(browser && { browser: browserFiller(() => browser) }),
  });
  const accounts = new Accounts({ session, codes, clock });
  const imports = new Imports({
    session,
    clock,
    dialogs: adapters.dialogs,
    events,
    suggestIssuer,
  });
  const syncService = new SyncService({
    session,
    clock,
    events,
    log,
    appDataDir: dirname(adapters.vaultPath),
    folderPicker: adapters.sync?.folderPicker,
    scanner: adapters.scanner,
    window,
    files: adapters.files,
    uid: adapters.computer.userId,
    hostName: adapters.computer.hostName,
    // The clock check's measurement of this computer, so sync's clock notice can say whose
    // clock is wrong (docs/sync.md § Hybrid logical clock).
    clockOffsetMs: () => clockService.status().measuredOffsetMs ?? undefined,
    ...(adapters.sync?.debounceMs !== undefined && { debounceMs: adapters.sync.debounceMs }),
    ...(adapters.sync?.joinRetryMs !== undefined && { joinRetryMs: adapters.sync.joinRetryMs }),
  });
  const follow = new BackupFollowing({
    session,
    secrets: (vault) => ({
      get: (name) => vault.secret(name),
      set: (name, value) => vault.setSecret(name, value),
    }),
    addAccounts: (accounts) => adding.addAccounts(accounts),
    folderPicker: adapters.follow?.folderPicker ?? adapters.sync?.folderPicker,
    watcher: adapters.follow?.watcher ?? new BackupFolderWatcher(),
    clock,
    events,
    log,
  });
  const exports = new Exports({
    session,
    clock,
    dialogs: adapters.dialogs,
    ...(adapters.kdf && { kdf: adapters.kdf }),
  });

  /** A scan started from the tray or the hotkey: a failure is told, never silent. */
  const scanOutside = (kind: 'screen' | 'region') => scanFromOutside(scans, kind, notifier, log);

  const hotkeys = new Hotkeys(
    adapters.shortcuts,
    {
      typeCode: () =>
        void typing
          .typeCurrentCode()
          .catch((error: unknown) => log.error('the type-code hotkey failed', error)),
      openPicker: () => navigate('picker'),
      scanScreen: () => scanOutside('screen'),
    },
    adapters.computer.platform,
  );
  const desktopTyping = new DesktopTyping(
    adapters.desktopTyping ?? { mode: adapters.typer ? 'keys' : 'copy' },
    () => hotkeys.status(),
  );
  const settingsChanges = new SettingsChanges({
    store: settings,
    hotkeys,
    ...(adapters.setOpenAtLogin && { setOpenAtLogin: adapters.setOpenAtLogin }),
    directory,
    ...(browser && { browser }),
  });
  const tray = new TrayActions({
    codes,
    clock: corrected,
    settings,
    notifier,
    log,
    scan: scanOutside,
    navigate,
    show: () => window.show(),
    lock: () => session.lock(),
    quit: adapters.quit ?? (() => {}),
  });
  const autoLock = adapters.systemIdleSeconds
    ? new AutoLock({
        clock,
        systemIdleSeconds: adapters.systemIdleSeconds,
        settings: () => settings.get(),
        isUnlocked: () => session.current !== undefined,
        lock: () => void session.lock().catch((error: unknown) => log.error('auto-lock', error)),
      })
    : undefined;

  /** The one way a change reaches the window and the tray (window/state-push.ts). */
  const stateChanged = statePusher({ read: getState, tray, events, log });

  // Subscribed once, after everything is built: every save of the vault (this process's or
  // another's) and every lock, unlock, restore… is told to sync, then shown.
  session.onChange(async (change) => {
    if (change.type === 'saved') syncService.vaultSaved(change);
    await stateChanged();
  });
  settingsChanges.onChange(stateChanged);
  clockService.subscribe(() => void stateChanged());
  directory?.onBackgroundChange(() => {
    void directory
      .status()
      .then(async (status) => {
        events.emit('directory', status);
        // Accounts carry the directory's site names (icon hints).
        await stateChanged();
      })
      .catch((error: unknown) => log.error('pushing the 2FA Directory status', error));
  });

  function getState() {
    return readAppState({
      session,
      clock: clockService,
      settings,
      hotkeys: () => hotkeys.status(),
      directory,
      platform: adapters.computer.platform,
    });
  }

  return {
    events,
    session,
    codes,
    typing,
    desktopTyping,
    scans,
    adding,
    accounts,
    imports,
    exports,
    settings: settingsChanges,
    clockCheck,
    directory,
    browser,
    sync: syncService,
    follow,
    hotkeys,
    tray,
    autoLock,
    region,
    window,
    getState,
    /** Subscribe to what main pushes to the window. */
    onEvent: (listener: Parameters<AppEvents['on']>[0]) => events.on(listener),
    /** Registers the hotkeys, starts auto-lock and the directory's refresh. */
    async start(): Promise<void> {
      hotkeys.apply(settings.get().hotkeys);
      autoLock?.start();
      clockService.start();
      tray.update(await getState());
      void directory?.start().catch((error: unknown) => log.error('2FA Directory', error));
      void browser?.start().catch((error: unknown) => log.error('browser extension', error));
    },
    /** On quit: stop timers, clear a code we left on the clipboard, drop the keys. */
    async shutdown(): Promise<void> {
      autoLock?.stop();
      clockService.stop();
      directory?.stop();
      await browser?.stop().catch((error: unknown) => log.error('browser extension', error));
      adapters.shortcuts.unregisterAll();
      await session.shutdown();
    },
  };
}

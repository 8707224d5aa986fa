// What assembleApp is given (issue 26: main/app depends on ports only): every port's adapter,
// made by the composition root (main/platform/compose.ts) or by a test, and the few facts and
// choices that differ between them. Optional parts turn a feature off or keep it in memory.
import type { ClockMeasurement } from '../time/offset';
import type { ClockSettingsStore } from '../time/settings';
import type { Clock } from '../time/clock';
import type { FolderWatcher } from '../sync/watch';
import type { KdfChoice, Keychain, VaultFileWatch } from '../vault';
import type { BrowserServiceDeps } from './browser/browser-service';
import type { DirectoryServiceDeps } from './directory/directory-service';
import type { ActiveWindow } from './ports/active-window';
import type { ChoiceStore } from './ports/choice-store';
import type { Clipboard } from './ports/clipboard';
import type { FileDialogs } from './ports/dialogs';
import type { Files } from './ports/files';
import type { FolderPicker } from './ports/folder-picker';
import type { GlobalShortcuts } from './ports/global-shortcuts';
import type { KeyTyper } from './ports/key-typer';
import type { Logger } from './ports/logger';
import type { Notifier } from './ports/notifier';
import type { Scanner } from './ports/scanner';
import type { SettingsStore } from './ports/settings-store';
import type { ThisComputer } from './ports/this-computer';
import type { TrayWindow } from './ports/window';
import type { RegionRequest } from './shared/region-request';
import type { DesktopTypingInfo } from './typing/desktop-typing';

export interface AppAdapters {
  vaultPath: string;
  clock: Clock;
  /** The OS keychain; undefined where there is none. */
  keychain: Keychain | undefined;
  clipboard: Clipboard;
  dialogs: FileDialogs;
  scanner: Scanner;
  /** Where the non-secret settings are kept (electron-store in the app). */
  settingsStore: SettingsStore;
  window: TrayWindow;
  /** Undefined where the platform has no way to send keystrokes. */
  typer: KeyTyper | undefined;
  activeWindow: ActiveWindow;
  notifier: Notifier;
  shortcuts: GlobalShortcuts;
  log: Logger;
  /** The file system's facts (the sync folder's checks). */
  files: Files;
  /** This computer's user id, name and system (main/platform/this-computer.ts reads them). */
  computer: ThisComputer;
  /** The region selection the overlay settles (made here when absent). */
  region?: RegionRequest;
  /** Keeps the hotkey's remembered choices between runs (in memory only when absent). */
  choices?: ChoiceStore;
  /** How the vault file is watched for other programs' saves (default: fs.watch). */
  watchVault?: VaultFileWatch;
  /** The 2FA Directory's download and the browser for its links; absent: no directory. */
  directory?: Pick<DirectoryServiceDeps, 'updater' | 'links'>;
  /** Seconds since the last input anywhere, for auto-lock; absent: no idle lock. */
  systemIdleSeconds?: () => number;
  /** "Start at login" in the OS. */
  setOpenAtLogin?: (open: boolean) => void;
  /** The tray's Quit. */
  quit?: () => void;
  /**
   * The clock check (issue 18): where its settings are kept and how one measurement is made
   * (measureClockOffset in the app); absent: kept in memory, and a check says it cannot run.
   */
  clockCheck?: { store: ClockSettingsStore; measure: (host: string) => Promise<ClockMeasurement> };
  /** KDF parameters for new passphrase slots and encrypted exports (tests pass cheap ones). */
  kdf?: KdfChoice;
  /** Following a phone's backups (issue 17): its folder chooser (else sync's) and watcher. */
  follow?: { folderPicker?: FolderPicker; watcher?: FolderWatcher };
  /** Sync (issue 17): the sync folder's chooser; its tests' quicker timings. */
  sync?: { folderPicker?: FolderPicker; debounceMs?: number; joinRetryMs?: number };
  /**
   * The browser extension's bridge (issue 16): where pairings are kept, where to listen, the
   * host files to write; absent: no browser integration.
   */
  browser?: Pick<BrowserServiceDeps, 'store' | 'place' | 'hostFiles' | 'bridge' | 'peers'>;
  /**
   * How the hotkey types on this desktop, for Settings → Typing (issue 27); absent: keys where
   * there is a typer, else copies.
   */
  desktopTyping?: DesktopTypingInfo;
}

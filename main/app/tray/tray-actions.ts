// The tray menu's side of the app: what the menu shows (projected from the app state the window
// is also sent) and what each of its items does. The Electron tray (main/platform/tray.ts) only
// renders the model tray-menu.ts builds from this and reports clicks.
import type { AppState } from '../../../preload/contract';
import type { Codes } from '../codes/codes';
import type { Clock } from '../../time/clock';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import type { SettingsStore } from '../ports/settings-store';
import type { ViewName } from '../ports/window';
import type { TrayAction, TrayState } from '../shared/tray-menu';
import { toUserError } from '../shared/user-errors';

export interface TrayActionsDeps {
  codes: Codes;
  clock: Clock;
  settings: SettingsStore;
  notifier: Notifier;
  log: Logger;
  /** Starts a scan from outside the window (failures are the caller's to report). */
  scan: (kind: 'screen' | 'region') => void;
  navigate: (view: ViewName) => void;
  /** Shows the window as it was (the tray's "Open" and "Unlock"). */
  show: () => void;
  lock: () => Promise<void>;
  quit: () => void;
}

/** The tray's view of the state: pinned accounts, then the recently used ones. */
export function trayState(
  state: Pick<AppState, 'vault' | 'accounts'>,
  nowMs: number,
  scanShortcut: string,
): TrayState {
  const accounts = state.accounts;
  const recent = [...accounts]
    .filter((a) => a.lastUsedAt !== null)
    .sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
  return {
    locked: state.vault !== 'unlocked',
    pinned: accounts.filter((a) => a.pinned),
    recent: recent.length > 0 ? recent : accounts,
    nowMs,
    shortcuts: { scanScreen: scanShortcut || undefined },
  };
}

export class TrayActions {
  #state: Pick<AppState, 'vault' | 'accounts'> = { vault: 'none', accounts: [] };

  constructor(private readonly deps: TrayActionsDeps) {}

  /** The app's latest state (every state the window is sent comes here too). */
  update(state: Pick<AppState, 'vault' | 'accounts'>): void {
    this.#state = state;
  }

  get state(): TrayState {
    return trayState(
      this.#state,
      this.deps.clock.now(),
      this.deps.settings.get().hotkeys.scanScreen,
    );
  }

  run(action: TrayAction): void {
    const { deps } = this;
    switch (action.type) {
      case 'copy-code':
        // The menu closes at once: a failure can only be told in a notification.
        void deps.codes.copy(action.accountId).catch((error: unknown) => {
          const userError = toUserError(error);
          if (!userError) deps.log.error('copying a code from the tray failed', error);
          deps.notifier.notify({
            title: 'Could not copy the code',
            body: userError?.message ?? 'Something went wrong inside TrayOTP.',
          });
        });
        break;
      // Captured first, then the Add view shows what was found.
      case 'scan-screen':
        deps.scan('screen');
        break;
      case 'scan-region':
        deps.scan('region');
        break;
      case 'add-account':
        deps.navigate('add');
        break;
      case 'settings':
        deps.navigate('settings');
        break;
      case 'open':
      case 'unlock':
        deps.show();
        break;
      case 'lock':
        void deps.lock().catch((error: unknown) => deps.log.error('locking failed', error));
        break;
      case 'quit':
        deps.quit();
        break;
    }
  }
}

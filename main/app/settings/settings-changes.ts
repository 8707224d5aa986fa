// A settings change is more than a stored value: new hotkeys are registered, "start at login"
// goes to the OS, and the 2FA Directory's switch downloads or deletes its copy.
import type { HotkeyProblem, Settings } from '../../../preload/contract';
import type { DirectoryService } from '../directory/directory-service';
import type { Hotkeys } from '../hotkeys/hotkeys';
import type { SettingsStore } from '../ports/settings-store';

export interface SettingsChangesDeps {
  store: SettingsStore;
  hotkeys: Hotkeys;
  /** Starts TrayOTP at login, or stops doing so; absent where the OS offers no such thing. */
  setOpenAtLogin?: (open: boolean) => void;
  directory?: DirectoryService | undefined;
  /** The browser extension's bridge: its switch listens or stops, writes or removes host files. */
  browser?: { setEnabled(enabled: boolean): Promise<unknown> };
}

export class SettingsChanges {
  readonly #listeners = new Set<() => void | Promise<void>>();

  constructor(private readonly deps: SettingsChangesDeps) {}

  /** Called after every change, once its side effects are done (the window is shown them). */
  onChange(listener: () => void | Promise<void>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async set(patch: Partial<Settings>): Promise<Settings> {
    const settings = this.deps.store.set(patch);
    if (patch.hotkeys) this.deps.hotkeys.apply(settings.hotkeys);
    if (patch.autoStart !== undefined) this.deps.setOpenAtLogin?.(settings.autoStart);
    if (patch.directoryEnabled !== undefined) {
      await this.deps.directory?.setEnabled(patch.directoryEnabled);
    }
    if (patch.browserIntegration !== undefined) {
      await this.deps.browser?.setEnabled(patch.browserIntegration);
    }
    for (const listener of [...this.#listeners]) await listener();
    return settings;
  }

  /** Whether an accelerator is free, for the settings view's hotkey recorder. */
  checkHotkey(accelerator: string): {
    available: boolean;
    conflict: string | null;
    problem: HotkeyProblem | null;
  } {
    const check = this.deps.hotkeys.check(accelerator);
    return { ...check, problem: check.problem ?? null };
  }
}

// GlobalShortcuts port on Electron's globalShortcut. Electron's register() returns false when
// another application holds the combination, but on some platforms it "succeeds" silently while
// the OS never delivers the keys; isRegistered() after register() is the check Electron offers.
// An accelerator string Electron cannot parse throws; that becomes 'invalid'.
// On Wayland, Electron needs the GlobalShortcuts portal (xdg-desktop-portal 1.19+; main/index.ts
// turns on Chromium's GlobalShortcutsPortal feature on Linux); without it registration fails and
// the user is told so.
import type { GlobalShortcut } from 'electron';
import type { GlobalShortcuts, ShortcutResult } from '../app/ports/global-shortcuts';

export type ElectronGlobalShortcutModule = Pick<
  GlobalShortcut,
  'register' | 'isRegistered' | 'isSuspended' | 'unregister' | 'unregisterAll'
>;

export function createElectronGlobalShortcuts(
  globalShortcut: ElectronGlobalShortcutModule,
): GlobalShortcuts {
  return {
    register(accelerator: string, onPress: () => void): ShortcutResult {
      if (globalShortcut.isSuspended()) {
        return {
          registered: false,
          reason: 'suspended',
          message: `${accelerator} could not be set while hotkeys are paused; try again after recording a new combination.`,
        };
      }
      // Re-registering our own accelerator (a new handler) would fail as "taken": replace it.
      if (globalShortcut.isRegistered(accelerator)) globalShortcut.unregister(accelerator);
      let ok: boolean;
      try {
        ok = globalShortcut.register(accelerator, onPress);
      } catch {
        return {
          registered: false,
          reason: 'invalid',
          message: `"${accelerator}" is not a key combination TrayOTP understands; choose another in Settings.`,
        };
      }
      if (!ok || !globalShortcut.isRegistered(accelerator)) {
        if (ok) globalShortcut.unregister(accelerator);
        return {
          registered: false,
          reason: 'taken',
          message: `${accelerator} is already used by the system or another application; choose another in Settings.`,
        };
      }
      return { registered: true };
    },
    unregister: (accelerator) => globalShortcut.unregister(accelerator),
    unregisterAll: () => globalShortcut.unregisterAll(),
  };
}

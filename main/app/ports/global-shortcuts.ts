// System-wide hotkeys ("type current code", "open the picker", "scan screen"). Registration can
// fail in ways the user must hear about (another app holds the keys; the string is not an
// accelerator), so it returns a result instead of a bare boolean.

export type ShortcutFailure =
  /** The OS or another application already holds this key combination. */
  | 'taken'
  /** The accelerator string is not one the platform understands. */
  | 'invalid'
  /** Shortcut handling is suspended (while the settings page records a new combination). */
  | 'suspended';

export type ShortcutResult =
  { registered: true } | { registered: false; reason: ShortcutFailure; message: string };

export interface GlobalShortcuts {
  /** Registers `accelerator` (Electron syntax, e.g. "CommandOrControl+Alt+O"). */
  register(accelerator: string, onPress: () => void): ShortcutResult;
  unregister(accelerator: string): void;
  unregisterAll(): void;
}

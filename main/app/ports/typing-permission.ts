// The desktop's permission to type into other apps, where the desktop asks for one (Wayland's
// RemoteDesktop portal: the person approves once, and the restore token it hands out skips the
// dialog next time). Settings → Typing shows whether one is kept and offers Forget.
export interface TypingPermission {
  /** Whether the desktop's approval is kept (a restore token in the settings file). */
  kept(): boolean;
  /** Drops the kept approval: the next hotkey press asks the desktop again. */
  forget(): Promise<void>;
}

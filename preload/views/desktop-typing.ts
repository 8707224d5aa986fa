// Settings → Typing: how the hotkey reaches other apps on this desktop, whether the desktop's
// approval to type is kept (Wayland's RemoteDesktop portal; never the token itself), and the
// command to bind where the desktop may not pass the global hotkey to TrayOTP (issue 27).
import { z } from 'zod';

export const desktopTypingMode = z.enum([
  /** Keystrokes straight to the focused app: X11, Windows, macOS. */
  'keys',
  /** Through the desktop's remote-desktop portal, approved once (GNOME, KDE on Wayland). */
  'portal',
  /** Nothing can type here (a Wayland desktop without the portal): the hotkey copies. */
  'copy',
]);
export type DesktopTypingMode = z.infer<typeof desktopTypingMode>;

export const desktopTypingView = z.object({
  mode: desktopTypingMode,
  /** Why the hotkey copies, or what the person should know about this desktop; a sentence. */
  note: z.string().max(500).nullable(),
  /** The desktop's approval to type is kept: no dialog at the next press. */
  allowed: z.boolean(),
  /**
   * The command to bind to a desktop keyboard shortcut ("trayotp --type-code") where the global
   * hotkey may not reach TrayOTP (Wayland, or a registration that failed); null where it does.
   */
  shortcutCommand: z.string().max(5000).nullable(),
});
export type DesktopTypingView = z.infer<typeof desktopTypingView>;

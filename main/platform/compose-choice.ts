// Which adapters the composition root builds, as a pure function of the environment (issue 27):
// the platform, the session's environment variables, and, on a Wayland session, what the
// RemoteDesktop portal said when it was probed. compose.ts reads the environment and the probe
// and builds what this names; tests/unit/app/typing/adapter-choice.test.ts is the table.
//
// On a Wayland session nothing can read the focused window, and XTest through Xwayland reaches
// only X11 programs: typing goes through the desktop's RemoteDesktop portal (GNOME, KDE), the
// account is chosen in the picker, and the screen is scanned through the Screenshot portal.
// wlroots compositors (Sway, Hyprland, river…) have no RemoteDesktop portal: the hotkey copies.
import type { DesktopTypingMode } from '../../preload/views/desktop-typing';

export interface SessionEnvironment {
  XDG_SESSION_TYPE?: string | undefined;
  WAYLAND_DISPLAY?: string | undefined;
  DISPLAY?: string | undefined;
}

/** What probing the RemoteDesktop portal found (Wayland only; see probeRemoteDesktop). */
export type RemoteDesktopProbe =
  | { state: 'available'; version: number }
  /** No portal, no interface (wlroots), an interface too old to remember an approval, no keyboard. */
  | { state: 'missing' | 'too-old' | 'no-keyboard'; message: string }
  /** The probe itself failed or timed out: the typer is built and says what happens at a press. */
  | { state: 'unknown' };

export interface AdapterEnvironment {
  platform: NodeJS.Platform;
  env: SessionEnvironment;
  /** Only asked for where waylandSession() is true. */
  remoteDesktop?: RemoteDesktopProbe;
}

export type SessionKind = 'x11' | 'wayland' | 'windows' | 'macos' | 'other';

export interface AdapterChoice {
  session: SessionKind;
  /** Who sends the keys; 'none': the hotkey copies (with `note` as the reason). */
  typer: 'x11' | 'portal' | 'win32' | 'macos' | 'none';
  /** Who reads the focused window's title and program; 'none': the picker chooses. */
  activeWindow: 'x11' | 'win32' | 'macos' | 'none';
  /** The Screenshot portal first (the region overlay on its frozen image), else desktopCapturer. */
  capture: 'screenshot-portal' | 'desktop-capturer';
  /** Settings → Typing's mode and note. */
  typing: DesktopTypingMode;
  note: string | undefined;
  /** The desktop may take the global hotkey without telling: Settings shows the command. */
  hotkeyUnsure: boolean;
}

/** Whether this is a Wayland session, where keys and titles go through the desktop's portals. */
export function waylandSession(platform: NodeJS.Platform, env: SessionEnvironment): boolean {
  if (platform !== 'linux') return false;
  const type = env.XDG_SESSION_TYPE?.toLowerCase();
  // A Wayland login session whose environment names only an X display (WAYLAND_DISPLAY taken
  // out, as the X11 test harness does for Xvfb, or an X server started inside it): X11.
  if (type === 'wayland') return Boolean(env.WAYLAND_DISPLAY) || !env.DISPLAY;
  if (type === 'x11') return false;
  // No session type (started outside a login session): a Wayland display and no X display.
  return Boolean(env.WAYLAND_DISPLAY) && !env.DISPLAY;
}

const NO_PORTAL_NOTE: Record<'missing' | 'too-old' | 'no-keyboard', string> = {
  missing:
    'This desktop has no remote-desktop portal (wlroots compositors such as Sway and Hyprland have none), so the hotkey copies the code for you to paste.',
  'too-old':
    'This desktop’s remote-desktop portal cannot remember an approval (xdg-desktop-portal 1.17 or later can), so the hotkey copies the code for you to paste.',
  'no-keyboard':
    'This desktop’s remote-desktop portal offers no keyboard, so the hotkey copies the code for you to paste.',
};

export function chooseAdapters(input: AdapterEnvironment): AdapterChoice {
  const { platform } = input;
  if (platform === 'win32' || platform === 'darwin') {
    const own = platform === 'win32' ? 'win32' : 'macos';
    return {
      session: platform === 'win32' ? 'windows' : 'macos',
      typer: own,
      activeWindow: own,
      capture: 'desktop-capturer',
      typing: 'keys',
      note: undefined,
      hotkeyUnsure: false,
    };
  }
  if (platform !== 'linux') {
    return {
      session: 'other',
      typer: 'none',
      activeWindow: 'none',
      capture: 'desktop-capturer',
      typing: 'copy',
      note: 'TrayOTP cannot type on this system, so the hotkey copies the code for you to paste.',
      hotkeyUnsure: false,
    };
  }
  if (!waylandSession(platform, input.env)) {
    return {
      session: 'x11',
      typer: 'x11',
      activeWindow: 'x11',
      capture: 'desktop-capturer',
      typing: 'keys',
      note: undefined,
      hotkeyUnsure: false,
    };
  }
  const probe = input.remoteDesktop ?? { state: 'unknown' };
  const copies = probe.state !== 'available' && probe.state !== 'unknown';
  return {
    session: 'wayland',
    typer: copies ? 'none' : 'portal',
    activeWindow: 'none',
    capture: 'screenshot-portal',
    typing: copies ? 'copy' : 'portal',
    note: copies ? NO_PORTAL_NOTE[probe.state] : undefined,
    hotkeyUnsure: true,
  };
}

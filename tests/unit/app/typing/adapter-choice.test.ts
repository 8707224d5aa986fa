// The adapters the composition root builds, as a table over the environment (issue 27):
// GNOME and KDE on Wayland type through the RemoteDesktop portal, wlroots (whose probe finds no
// RemoteDesktop) copies, X11, Windows and macOS type as before.
import { describe, expect, it } from 'vitest';
import { chooseAdapters, waylandSession } from '../../../../main/platform/compose-choice';
import type { AdapterChoice, AdapterEnvironment } from '../../../../main/platform/compose-choice';

const GNOME_WAYLAND = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' };

const table: [string, AdapterEnvironment, Partial<AdapterChoice>][] = [
  [
    'GNOME on Wayland (Xwayland present: its DISPLAY reaches X11 programs only)',
    { platform: 'linux', env: GNOME_WAYLAND, remoteDesktop: { state: 'available', version: 2 } },
    {
      session: 'wayland',
      typer: 'portal',
      activeWindow: 'none',
      capture: 'screenshot-portal',
      typing: 'portal',
      hotkeyUnsure: true,
      note: undefined,
    },
  ],
  [
    'KDE Plasma on Wayland',
    {
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
      remoteDesktop: { state: 'available', version: 2 },
    },
    { session: 'wayland', typer: 'portal', activeWindow: 'none', capture: 'screenshot-portal' },
  ],
  [
    'Sway (wlroots): the probe finds no RemoteDesktop',
    {
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-1' },
      remoteDesktop: { state: 'missing', message: 'No such interface' },
    },
    {
      session: 'wayland',
      typer: 'none',
      activeWindow: 'none',
      capture: 'screenshot-portal',
      typing: 'copy',
      hotkeyUnsure: true,
    },
  ],
  [
    'Debian 12 GNOME on Wayland: RemoteDesktop version 1 cannot remember an approval',
    {
      platform: 'linux',
      env: GNOME_WAYLAND,
      remoteDesktop: { state: 'too-old', message: 'version 1' },
    },
    { typer: 'none', typing: 'copy', capture: 'screenshot-portal' },
  ],
  [
    'Wayland, the probe timed out: the portal typer says what happens at the press',
    { platform: 'linux', env: GNOME_WAYLAND, remoteDesktop: { state: 'unknown' } },
    { typer: 'portal', typing: 'portal' },
  ],
  [
    'Wayland display and no session type, no X display',
    { platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } },
    { session: 'wayland', typer: 'portal' },
  ],
  [
    'X11 session',
    { platform: 'linux', env: { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' } },
    {
      session: 'x11',
      typer: 'x11',
      activeWindow: 'x11',
      capture: 'desktop-capturer',
      typing: 'keys',
      hotkeyUnsure: false,
    },
  ],
  [
    'X11 session that also names a (nested) Wayland display',
    { platform: 'linux', env: { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0', WAYLAND_DISPLAY: 'w' } },
    { session: 'x11', typer: 'x11' },
  ],
  [
    'a Wayland login session whose environment names only an X display (Xvfb in a test): X11',
    { platform: 'linux', env: { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':99' } },
    { session: 'x11', typer: 'x11', activeWindow: 'x11' },
  ],
  [
    'a Wayland session type and no display variable at all: Wayland (the portals are on D-Bus)',
    { platform: 'linux', env: { XDG_SESSION_TYPE: 'wayland' } },
    { session: 'wayland', typer: 'portal' },
  ],
  [
    'no session type, both displays: X11 (as before issue 27)',
    { platform: 'linux', env: { DISPLAY: ':1', WAYLAND_DISPLAY: 'wayland-0' } },
    { session: 'x11', typer: 'x11' },
  ],
  [
    'Windows',
    { platform: 'win32', env: {} },
    { session: 'windows', typer: 'win32', activeWindow: 'win32', capture: 'desktop-capturer' },
  ],
  [
    'macOS (a Wayland variable set by hand changes nothing)',
    { platform: 'darwin', env: { XDG_SESSION_TYPE: 'wayland' } },
    { session: 'macos', typer: 'macos', activeWindow: 'macos', typing: 'keys' },
  ],
  [
    'another system',
    { platform: 'freebsd', env: { XDG_SESSION_TYPE: 'x11' } },
    { session: 'other', typer: 'none', typing: 'copy' },
  ],
];

describe('chooseAdapters', () => {
  for (const [name, environment, expected] of table) {
    it(name, () => {
      expect(chooseAdapters(environment)).toMatchObject(expected);
    });
  }

  it('every desktop that copies says why, and one that types does not', () => {
    for (const [, environment] of table) {
      const choice = chooseAdapters(environment);
      expect(choice.typer === 'none').toBe(choice.typing === 'copy');
      if (choice.typing === 'copy') expect(choice.note).toMatch(/copies the code/);
      else expect(choice.note).toBeUndefined();
    }
  });

  it('the RemoteDesktop portal is asked about on a Wayland session only', () => {
    expect(waylandSession('linux', GNOME_WAYLAND)).toBe(true);
    expect(waylandSession('linux', { XDG_SESSION_TYPE: 'WAYLAND' })).toBe(true);
    expect(waylandSession('linux', { XDG_SESSION_TYPE: 'tty' })).toBe(false);
    expect(waylandSession('win32', GNOME_WAYLAND)).toBe(false);
  });
});

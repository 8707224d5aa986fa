// ActiveWindow for X11: the title of the window that has the keyboard focus.
// - With an EWMH window manager, root's _NET_ACTIVE_WINDOW names the client window directly.
// - Without one (Xvfb, some kiosks) _NET_ACTIVE_WINDOW is absent, so XGetInputFocus gives the
//   focus window; toolkits often focus a child, so we walk up to the first window with a name.
//   PointerRoot focus means "the window under the pointer", so we start from there.
// - A reparenting WM may focus its frame, whose name lives on a child: we then search down.
// program() finds the same window's process and class the same way (focused-program.ts).
import type { ActiveWindow, FocusedProgram } from '../../app/ports/active-window';
import { focusedProgram } from './focused-program';
import type { ProgramReading } from './focused-program';
import { NONE, POINTER_ROOT, openXlib } from './xlib';
import type { DisplayHandle, WindowProperty, XId, Xlib } from './xlib';

export interface X11ActiveWindowOptions {
  display?: string;
  env?: NodeJS.ProcessEnv;
  load?: () => Xlib;
  /** How program() reads a process's executable and this machine's name (tests). */
  reading?: ProgramReading;
}

const MAX_DEPTH = 32;

/** Decodes _NET_WM_NAME (UTF8_STRING) or WM_NAME (STRING is Latin-1; others read as UTF-8). */
function decodeName(property: WindowProperty, stringAtom: XId): string {
  if (property.format !== 8) return '';
  const bytes = Buffer.from(property.bytes);
  return property.type === stringAtom ? bytes.toString('latin1') : bytes.toString('utf8');
}

export function createX11ActiveWindow(options: X11ActiveWindowOptions = {}): ActiveWindow {
  const env = options.env ?? process.env;

  /** Runs `read` on a display connection opened for it; undefined when X cannot be reached. */
  const withDisplay = <T>(read: (xlib: Xlib, display: DisplayHandle) => T): T | undefined => {
    // In a Wayland session X only sees XWayland windows: its "focused window" may be one
    // the user left long ago, and matching its title would pick the wrong account.
    if (env.WAYLAND_DISPLAY && !options.display) return undefined;
    const displayName = options.display ?? env.DISPLAY;
    if (!displayName) return undefined;
    let xlib: Xlib;
    try {
      xlib = (options.load ?? openXlib)();
    } catch {
      return undefined;
    }
    const display = xlib.openDisplay(displayName);
    if (!display) return undefined;
    try {
      return read(xlib, display);
    } finally {
      xlib.closeDisplay(display);
    }
  };

  return {
    async title(): Promise<string | undefined> {
      return withDisplay(focusedTitle);
    },
    async program(): Promise<FocusedProgram | undefined> {
      return withDisplay((xlib, display) => focusedProgram(xlib, display, options.reading));
    },
  };
}

function focusedTitle(xlib: Xlib, display: DisplayHandle): string | undefined {
  const atoms = {
    netActive: xlib.internAtom(display, '_NET_ACTIVE_WINDOW'),
    netName: xlib.internAtom(display, '_NET_WM_NAME'),
    name: xlib.internAtom(display, 'WM_NAME'),
    string: xlib.internAtom(display, 'STRING'),
  };
  const root = xlib.defaultRoot(display);

  const nameOf = (window: XId): string | undefined => {
    for (const atom of [atoms.netName, atoms.name]) {
      const property = xlib.getProperty(display, window, atom);
      const name = property && decodeName(property, atoms.string);
      if (name) return name;
    }
    return undefined;
  };

  const searchDown = (window: XId, depth: number): string | undefined => {
    if (depth > 3) return undefined;
    for (const child of xlib.queryTree(display, window)?.children ?? []) {
      const name = nameOf(child) ?? searchDown(child, depth + 1);
      if (name) return name;
    }
    return undefined;
  };

  const active = xlib.getProperty(display, root, atoms.netActive);
  if (active && active.format === 32 && active.bytes.length >= 8) {
    const window = Number(Buffer.from(active.bytes).readBigUInt64LE(0));
    if (window !== NONE) {
      const name = nameOf(window);
      if (name) return name;
    }
  }

  let window = xlib.inputFocus(display);
  if (window === POINTER_ROOT) window = xlib.pointerChild(display, root);
  if (window === NONE || window === root) return undefined;

  const start = window;
  for (let depth = 0; depth < MAX_DEPTH && window !== NONE && window !== root; depth++) {
    const name = nameOf(window);
    if (name) return name;
    const tree = xlib.queryTree(display, window);
    if (!tree) return undefined;
    window = tree.parent;
  }
  return searchDown(start, 0);
}

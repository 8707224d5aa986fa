// The program owning X11's focused window (issue 23, R1): the hotkey must tell a browser's window
// from any other by its process, never by its title (a page writes its own title).
// - The client window is found as for the title: _NET_ACTIVE_WINDOW with an EWMH window manager,
//   else the input focus (the window under the pointer for PointerRoot), walking up from a
//   toolkit's focused child, or down from a reparenting WM's frame.
// - WM_CLASS (ICCCM: instance and class, NUL-terminated STRINGs) names the program as it says;
//   _NET_WM_PID (EWMH, a CARDINAL) is its process, whose executable /proc/<pid>/exe names, but
//   only when WM_CLIENT_MACHINE is absent or this machine: a window from another host (ssh -X)
//   or a pid from another namespace would name an unrelated local process.
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { FocusedProgram } from '../../app/ports/active-window';
import { NONE, POINTER_ROOT } from './xlib';
import type { DisplayHandle, WindowProperty, XId, Xlib } from './xlib';

const MAX_DEPTH = 32;
/** WM_CLASS is two short names; anything longer is not read as one. */
const MAX_CLASS_BYTES = 512;

export interface ProgramReading {
  /** /proc/<pid>/exe's target (tests pass their own). */
  readExecutable?: (pid: number) => string | undefined;
  /** This machine's name, as WM_CLIENT_MACHINE would say it. */
  hostName?: string;
}

function procExecutable(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

function cardinal(property: WindowProperty | undefined): number | undefined {
  if (!property || property.format !== 32 || property.bytes.length < 4) return undefined;
  const value = Buffer.from(property.bytes).readUInt32LE(0);
  return value > 0 ? value : undefined;
}

function classNames(property: WindowProperty | undefined): string[] | undefined {
  if (!property || property.format !== 8 || property.bytes.length === 0) return undefined;
  if (property.bytes.length > MAX_CLASS_BYTES) return undefined;
  const names = Buffer.from(property.bytes)
    .toString('latin1')
    .split('\0')
    .filter((name) => name.length > 0);
  return names.length > 0 ? names : undefined;
}

export function focusedProgram(
  xlib: Xlib,
  display: DisplayHandle,
  reading: ProgramReading = {},
): FocusedProgram | undefined {
  const atoms = {
    netActive: xlib.internAtom(display, '_NET_ACTIVE_WINDOW'),
    pid: xlib.internAtom(display, '_NET_WM_PID'),
    wmClass: xlib.internAtom(display, 'WM_CLASS'),
    machine: xlib.internAtom(display, 'WM_CLIENT_MACHINE'),
  };
  const root = xlib.defaultRoot(display);

  const programOf = (window: XId): FocusedProgram | undefined => {
    const windowClass = classNames(xlib.getProperty(display, window, atoms.wmClass));
    const pid = cardinal(xlib.getProperty(display, window, atoms.pid));
    if (!windowClass && pid === undefined) return undefined;
    const program: FocusedProgram = { ...(windowClass && { windowClass }) };
    if (pid === undefined) return program;
    const machine = xlib.getProperty(display, window, atoms.machine);
    const machineName = machine?.format === 8 ? Buffer.from(machine.bytes).toString('latin1') : '';
    if (machineName && machineName !== (reading.hostName ?? hostname())) return program;
    const executable = (reading.readExecutable ?? procExecutable)(pid);
    return { ...program, pid, ...(executable && { executable }) };
  };

  const searchDown = (window: XId, depth: number): FocusedProgram | undefined => {
    if (depth > 3) return undefined;
    for (const child of xlib.queryTree(display, window)?.children ?? []) {
      const found = programOf(child) ?? searchDown(child, depth + 1);
      if (found) return found;
    }
    return undefined;
  };

  const active = xlib.getProperty(display, root, atoms.netActive);
  if (active && active.format === 32 && active.bytes.length >= 8) {
    const window = Number(Buffer.from(active.bytes).readBigUInt64LE(0));
    if (window !== NONE) {
      const found = programOf(window);
      if (found) return found;
    }
  }

  let window = xlib.inputFocus(display);
  if (window === POINTER_ROOT) window = xlib.pointerChild(display, root);
  if (window === NONE || window === root) return undefined;
  const start = window;
  for (let depth = 0; depth < MAX_DEPTH && window !== NONE && window !== root; depth++) {
    const found = programOf(window);
    if (found) return found;
    const tree = xlib.queryTree(display, window);
    if (!tree) return undefined;
    window = tree.parent;
  }
  return searchDown(start, 0);
}

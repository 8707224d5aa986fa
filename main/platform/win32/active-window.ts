// ActiveWindow for Windows: the title of the foreground window, through user32 via koffi.
// - GetForegroundWindow is NULL while focus is changing or on the secure desktop (UAC, lock).
// - The tray popup and the picker are windows of our own process; their titles must never be
//   matched to an account, so a foreground window of this process reads as "no title".
// - GetWindowTextLengthW may overstate the length (documented for mixed ANSI/Unicode windows) and
//   the title may change between the two calls, so the text call's own count is what is read,
//   from a buffer that call cannot overrun.
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import type { ActiveWindow } from '../../app/ports/active-window';

/** An HWND: koffi gives pointers as BigInt. */
export type WindowHandle = bigint;

/** The four user32 calls, as plain functions (koffi in the app, a fake in tests). */
export interface User32Windows {
  /** GetForegroundWindow, or null when no window has the foreground. */
  foregroundWindow(): WindowHandle | null;
  /** The id of the process that created the window (GetWindowThreadProcessId); undefined if gone. */
  processId(window: WindowHandle): number | undefined;
  /** GetWindowTextLengthW: the title's length in UTF-16 units, perhaps more; 0 when none. */
  textLength(window: WindowHandle): number;
  /** GetWindowTextW into `buffer` (at most buffer.length - 1 units and a NUL); units copied. */
  text(window: WindowHandle, buffer: Uint16Array): number;
}

export interface Win32ActiveWindowOptions {
  load?: () => User32Windows;
  /** Our own process id (process.pid: Electron's main process creates every BrowserWindow). */
  ownPid?: number;
}

/**
 * Longest title read, in UTF-16 units. The length comes from the other app's window, so it is not
 * trusted to size our buffer; account matching never needs more than the first few words.
 */
export const MAX_TITLE_UNITS = 4096;

export function createWin32ActiveWindow(options: Win32ActiveWindowOptions = {}): ActiveWindow {
  const load = options.load ?? loadUser32Windows;
  const ownPid = options.ownPid ?? process.pid;
  let user32: User32Windows | undefined;
  return {
    async title(): Promise<string | undefined> {
      try {
        user32 ??= load();
      } catch {
        return undefined;
      }
      return foregroundTitle(user32, ownPid);
    },
  };
}

function foregroundTitle(user32: User32Windows, ownPid: number): string | undefined {
  const window = user32.foregroundWindow();
  if (!window) return undefined;
  const pid = user32.processId(window);
  if (pid === undefined || pid === ownPid) return undefined;
  const length = Math.min(user32.textLength(window), MAX_TITLE_UNITS);
  if (!(length > 0)) return undefined;
  const buffer = new Uint16Array(length + 1);
  const copied = Math.min(user32.text(window, buffer), length);
  if (!(copied > 0)) return undefined;
  let end = copied;
  // A title cut at the limit may end in half a surrogate pair: drop the orphan.
  const last = buffer[end - 1]!;
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return end > 0 ? String.fromCharCode(...buffer.subarray(0, end)) : undefined;
}

let bound: User32Windows | undefined;

/** Loads user32.dll once per process; throws when it cannot be loaded (not Windows). */
export function loadUser32Windows(): User32Windows {
  bound ??= bindUser32Windows(koffi.load('user32.dll'));
  return bound;
}

/**
 * The koffi binding over a loaded user32 (or, in tests, a library with the same four exports).
 * HWND is declared `void *`: an opaque pointer, which koffi hands over as a BigInt or null.
 */
export function bindUser32Windows(lib: LibraryHandle): User32Windows {
  const GetForegroundWindow = lib.func('void * __stdcall GetForegroundWindow()');
  const GetWindowThreadProcessId = lib.func(
    'uint32 __stdcall GetWindowThreadProcessId(void *hWnd, _Out_ uint32 *lpdwProcessId)',
  );
  const GetWindowTextLengthW = lib.func('int __stdcall GetWindowTextLengthW(void *hWnd)');
  const GetWindowTextW = lib.func(
    'int __stdcall GetWindowTextW(void *hWnd, _Out_ uint16 *lpString, int nMaxCount)',
  );
  return {
    foregroundWindow: () => (GetForegroundWindow() as WindowHandle | null) ?? null,
    processId(window) {
      const pid = [0];
      // The thread id is 0 when the window no longer exists.
      return GetWindowThreadProcessId(window, pid) ? Number(pid[0]) : undefined;
    },
    textLength: (window) => Number(GetWindowTextLengthW(window)),
    text: (window, buffer) => Number(GetWindowTextW(window, buffer, buffer.length)),
  };
}

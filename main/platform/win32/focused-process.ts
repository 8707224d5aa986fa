// The foreground window's program on Windows (issue 23, R1): the hotkey tells a browser's window
// from any other by its process image (chrome.exe, msedge.exe…), never by its title. user32's
// GetForegroundWindow and GetWindowThreadProcessId give the process; kernel32's OpenProcess with
// PROCESS_QUERY_LIMITED_INFORMATION (granted for other users' and elevated processes too) and
// QueryFullProcessImageNameW give its image's path. Untested on Windows here (no Windows
// machine): the logic runs against a fake in tests/unit/platform/focused-process-win32.test.ts.
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import type { ActiveWindow } from '../../app/ports/active-window';
import { withFocusedProgram } from '../focused-program';
import type { WindowHandle } from './active-window';

/** Longest image path read, in UTF-16 units (NTFS paths reach 32,767). */
export const MAX_IMAGE_UNITS = 32_768;

export interface Win32ProcessApi {
  foregroundWindow(): WindowHandle | null;
  processId(window: WindowHandle): number | undefined;
  /** The process's image path, or undefined when it cannot be opened (gone, protected). */
  imagePath(pid: number): string | undefined;
}

export interface Win32ProgramOptions {
  load?: () => Win32ProcessApi;
  /** Our own process id: our own windows are never a browser's. */
  ownPid?: number;
}

/** `active` with program(): the foreground window's process id and image. */
export function withWin32Program(
  active: ActiveWindow,
  options: Win32ProgramOptions = {},
): ActiveWindow {
  return withFocusedProgram(active, {
    load: options.load ?? loadWin32ProcessApi,
    pid: (api) => {
      const window = api.foregroundWindow();
      return window ? api.processId(window) : undefined;
    },
    executable: (api, pid) => api.imagePath(pid),
    ownPid: options.ownPid ?? process.pid,
  });
}

let bound: Win32ProcessApi | undefined;

export function loadWin32ProcessApi(): Win32ProcessApi {
  bound ??= bindWin32ProcessApi(koffi.load('user32.dll'), koffi.load('kernel32.dll'));
  return bound;
}

const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

export function bindWin32ProcessApi(
  user32: LibraryHandle,
  kernel32: LibraryHandle,
): Win32ProcessApi {
  const GetForegroundWindow = user32.func('void * __stdcall GetForegroundWindow()');
  const GetWindowThreadProcessId = user32.func(
    'uint32 __stdcall GetWindowThreadProcessId(void *hWnd, _Out_ uint32 *lpdwProcessId)',
  );
  const OpenProcess = kernel32.func(
    'void * __stdcall OpenProcess(uint32 access, int inherit, uint32 pid)',
  );
  const QueryFullProcessImageNameW = kernel32.func(
    'int __stdcall QueryFullProcessImageNameW(void *process, uint32 flags, _Out_ uint16 *name, _Inout_ uint32 *size)',
  );
  const CloseHandle = kernel32.func('int __stdcall CloseHandle(void *handle)');
  return {
    foregroundWindow: () => (GetForegroundWindow() as WindowHandle | null) ?? null,
    processId(window) {
      const pid = [0];
      return GetWindowThreadProcessId(window, pid) ? Number(pid[0]) : undefined;
    },
    imagePath(pid) {
      const handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) as unknown;
      if (!handle) return undefined;
      try {
        const buffer = new Uint16Array(MAX_IMAGE_UNITS);
        const size = [buffer.length];
        if (!QueryFullProcessImageNameW(handle, 0, buffer, size)) return undefined;
        const units = Math.min(Number(size[0]), buffer.length);
        return units > 0
          ? new TextDecoder('utf-16le').decode(buffer.subarray(0, units))
          : undefined;
      } finally {
        CloseHandle(handle);
      }
    },
  };
}

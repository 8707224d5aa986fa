// The focused application on macOS (issue 23, R1): the hotkey tells a browser's window from any
// other by its process, never by its title. The Accessibility API's focused application (with
// the trust typing needs anyway) gives the pid; without trust, the owner of the frontmost normal
// window (kCGWindowOwnerPID needs no permission). libproc's proc_pidpath gives the executable
// ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome": browser-windows.ts knows the
// browsers' executable names). Untested on macOS here (no Mac): the logic runs against a fake.
import koffi from 'koffi';
import type { ActiveWindow } from '../../app/ports/active-window';
import { withFocusedProgram } from '../focused-program';

/** PROC_PIDPATHINFO_MAXSIZE (4 × MAXPATHLEN). */
export const PROC_PIDPATH_MAX = 4096;

export interface MacProcessApi {
  /** The focused (or, without Accessibility trust, frontmost) application's pid. */
  focusedPid(): number | undefined;
  /** proc_pidpath, or undefined when the process is gone. */
  executablePath(pid: number): string | undefined;
}

export interface MacProgramOptions {
  load?: () => MacProcessApi;
  ownPid?: number;
}

/** `active` with program(): the focused application's pid and executable. */
export function withMacProgram(
  active: ActiveWindow,
  options: MacProgramOptions = {},
): ActiveWindow {
  return withFocusedProgram(active, {
    load: options.load ?? loadMacProcessApi,
    pid: (api) => api.focusedPid(),
    executable: (api, pid) => api.executablePath(pid),
    ownPid: options.ownPid ?? process.pid,
  });
}

let bound: MacProcessApi | undefined;

export function loadMacProcessApi(): MacProcessApi {
  bound ??= bindMacProcessApi();
  return bound;
}

function bindMacProcessApi(): MacProcessApi {
  const services = koffi.load(
    '/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices',
  );
  const foundation = koffi.load(
    '/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation',
  );
  const system = koffi.load('/usr/lib/libSystem.B.dylib');
  const AXIsProcessTrusted = services.func('bool AXIsProcessTrusted()');
  const AXUIElementCreateSystemWide = services.func('void *AXUIElementCreateSystemWide()');
  const AXUIElementCopyAttributeValue = services.func(
    'int32 AXUIElementCopyAttributeValue(void *element, void *attribute, _Out_ void **value)',
  );
  const AXUIElementGetPid = services.func(
    'int32 AXUIElementGetPid(void *element, _Out_ int32 *pid)',
  );
  const CFStringCreateWithCString = foundation.func(
    'void *CFStringCreateWithCString(void *alloc, const char *text, uint32 encoding)',
  );
  const CFRelease = foundation.func('void CFRelease(void *ref)');
  const procPidPath = system.func('int proc_pidpath(int pid, _Out_ uint8 *buffer, uint32 size)');
  const UTF8 = 0x08000100;

  return {
    focusedPid() {
      if (!AXIsProcessTrusted()) return undefined;
      const systemWide = AXUIElementCreateSystemWide() as unknown;
      const name = CFStringCreateWithCString(null, 'AXFocusedApplication', UTF8) as unknown;
      const app: unknown[] = [null];
      try {
        if (!systemWide || !name) return undefined;
        if (AXUIElementCopyAttributeValue(systemWide, name, app) !== 0 || !app[0]) return undefined;
        const pid = [0];
        return AXUIElementGetPid(app[0], pid) === 0 ? Number(pid[0]) : undefined;
      } finally {
        if (app[0]) CFRelease(app[0]);
        if (name) CFRelease(name);
        if (systemWide) CFRelease(systemWide);
      }
    },
    executablePath(pid) {
      const buffer = new Uint8Array(PROC_PIDPATH_MAX);
      const length = Number(procPidPath(pid, buffer, buffer.length));
      return length > 0 ? Buffer.from(buffer.subarray(0, length)).toString('utf8') : undefined;
    },
  };
}

// Windows half of the peer check (main/browser/peer.ts's port): who serves TrayOTP's named pipe,
// asked by the host before it connects. Node gives no handle of a pipe it opened, so the host
// opens the pipe once more itself, for a moment, through kernel32 (CreateFileW), asks which
// process serves it (GetNamedPipeServerProcessId), closes it, and compares that process's user
// (its token's TokenUser SID) with its own. The app's server sees a connection that says
// nothing and goes. The app side cannot ask about its clients here (no server-side handle), nor
// give the pipe its own DACL or PIPE_REJECT_REMOTE_CLIENTS (libuv creates it; see security.md).
//
// UNTESTED ON WINDOWS: no Windows machine here. The decisions are tested with fake calls
// (peer-credentials.test.ts); the koffi declarations below are checked by the type checker only.
import koffi from 'koffi';
import type { PeerCredentials } from '../browser/peer';

/** The Win32 calls, as plain functions (koffi in the app, fakes in tests). */
export interface Win32PipeCalls {
  /** This process's user SID ("S-1-5-21-…"). */
  ownSid(): string;
  /** The pid serving the pipe at `path`, or undefined when no pipe has that name. */
  serverPid(path: string): number | undefined;
  /** The user SID of process `pid`. */
  processSid(pid: number): string;
}

export function win32PeerCredentials(calls: Win32PipeCalls): PeerCredentials {
  return {
    self: () => ({ sid: calls.ownSid() }),
    pipeServer: (path) => {
      const pid = calls.serverPid(path);
      return pid === undefined ? undefined : { pid, sid: calls.processSid(pid) };
    },
  };
}

const GENERIC_READ = 0x80000000;
const OPEN_EXISTING = 3;
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_PIPE_BUSY = 231;
/** How long to wait for a free instance of a busy pipe (all instances connected). */
const BUSY_WAIT_MS = 2000;
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const TOKEN_QUERY = 0x0008;
const TOKEN_USER_CLASS = 1;
const INVALID_HANDLE = BigInt(-1) & 0xffff_ffff_ffff_ffffn;

export function loadWin32PipeCalls(): Win32PipeCalls {
  const kernel32 = koffi.load('kernel32.dll');
  const advapi32 = koffi.load('advapi32.dll');
  const HANDLE = koffi.pointer('TRAYOTP_HANDLE', koffi.opaque());
  const CreateFileW = kernel32.func('__stdcall', 'CreateFileW', HANDLE, [
    'str16',
    'uint32',
    'uint32',
    'void *',
    'uint32',
    'uint32',
    'void *',
  ]);
  const GetLastError = kernel32.func('__stdcall', 'GetLastError', 'uint32', []);
  const WaitNamedPipeW = kernel32.func('__stdcall', 'WaitNamedPipeW', 'bool', ['str16', 'uint32']);
  const CloseHandle = kernel32.func('__stdcall', 'CloseHandle', 'bool', [HANDLE]);
  const GetNamedPipeServerProcessId = kernel32.func(
    '__stdcall',
    'GetNamedPipeServerProcessId',
    'bool',
    [HANDLE, koffi.out(koffi.pointer('uint32'))],
  );
  const GetCurrentProcess = kernel32.func('__stdcall', 'GetCurrentProcess', HANDLE, []);
  const OpenProcess = kernel32.func('__stdcall', 'OpenProcess', HANDLE, [
    'uint32',
    'bool',
    'uint32',
  ]);
  const LocalFree = kernel32.func('__stdcall', 'LocalFree', 'void *', ['void *']);
  const OpenProcessToken = advapi32.func('__stdcall', 'OpenProcessToken', 'bool', [
    HANDLE,
    'uint32',
    koffi.out(koffi.pointer(HANDLE)),
  ]);
  const GetTokenInformation = advapi32.func('__stdcall', 'GetTokenInformation', 'bool', [
    HANDLE,
    'int',
    'void *',
    'uint32',
    koffi.out(koffi.pointer('uint32')),
  ]);
  const ConvertSidToStringSidW = advapi32.func('__stdcall', 'ConvertSidToStringSidW', 'bool', [
    'void *',
    koffi.out(koffi.pointer('void *')),
  ]);

  const sidOf = (process: unknown): string => {
    const token: unknown[] = [null];
    if (!OpenProcessToken(process, TOKEN_QUERY, token)) throw new Error('OpenProcessToken failed');
    try {
      // TOKEN_USER: { SID_AND_ATTRIBUTES User { PSID Sid; DWORD Attributes } }, the SID after it.
      const info = Buffer.alloc(256);
      const length = [0];
      if (!GetTokenInformation(token[0], TOKEN_USER_CLASS, info, info.length, length)) {
        throw new Error('GetTokenInformation failed');
      }
      const sid: unknown = koffi.decode(info, 'void *');
      const text: unknown[] = [null];
      if (!ConvertSidToStringSidW(sid, text)) throw new Error('ConvertSidToStringSidW failed');
      try {
        return String(koffi.decode(text[0], 'str16'));
      } finally {
        LocalFree(text[0]);
      }
    } finally {
      CloseHandle(token[0]);
    }
  };

  return {
    ownSid: () => sidOf(GetCurrentProcess()),
    serverPid: (path) => {
      const open = (): unknown => CreateFileW(path, GENERIC_READ, 0, null, OPEN_EXISTING, 0, null);
      let pipe = open();
      if (koffi.address(pipe) === INVALID_HANDLE && GetLastError() === ERROR_PIPE_BUSY) {
        // Every instance is connected: wait a moment for one to come free, then try once more.
        if (WaitNamedPipeW(path, BUSY_WAIT_MS)) pipe = open();
      }
      if (koffi.address(pipe) === INVALID_HANDLE) {
        if (GetLastError() === ERROR_FILE_NOT_FOUND) return undefined;
        throw new Error('the pipe could not be opened');
      }
      try {
        const pid = [0];
        if (!GetNamedPipeServerProcessId(pipe, pid))
          throw new Error('GetNamedPipeServerProcessId failed');
        return pid[0]!;
      } finally {
        CloseHandle(pipe);
      }
    },
    processSid: (pid) => {
      const process: unknown = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
      if (!process) throw new Error(`process ${pid} could not be opened`);
      try {
        return sidOf(process);
      } finally {
        CloseHandle(process);
      }
    },
  };
}

// The kernel's word on who is at the other end of the browser socket (main/browser/peer.ts's
// port), bound through koffi as main/platform/x11 binds Xlib. Node's net module has no call for
// it, so this reads the connected socket's file descriptor (libuv's, on Unix) and asks libc:
// - Linux: getsockopt(fd, SOL_SOCKET, SO_PEERCRED) → struct ucred { pid, uid, gid }. On an
//   accepted socket it names the client; on a connected client socket, the process that called
//   listen(): so the app checks the host, and the host checks the app, with one call.
// - macOS: getpeereid(fd, &uid, &gid), the same both ways (no pid).
// Windows (peer-credentials-win32.ts): Node does not expose a named pipe's HANDLE (its `fd` is
// -1), so neither end can ask about a connected pipe; the host asks who serves the pipe before
// connecting, and the app checks no client there (docs/security.md). Pure Node (no Electron):
// the host process uses it too.
import koffi from 'koffi';
import type { Socket } from 'node:net';
import type { PeerCredentials, PeerIdentity } from '../browser/peer';
import { loadWin32PipeCalls, win32PeerCredentials } from './peer-credentials-win32';

const SOL_SOCKET_LINUX = 1;
const SO_PEERCRED_LINUX = 17;

/** libuv's descriptor of a connected Unix socket (undefined when closed or not on Unix). */
function descriptor(socket: Socket): number {
  const fd = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) throw new Error('the socket has no descriptor');
  return fd;
}

type PeerOf = (fd: number) => PeerIdentity;

let bound: PeerOf | undefined;

function bindLinux(): PeerOf {
  const libc = koffi.load('libc.so.6');
  const ucred = koffi.struct('trayotp_ucred', { pid: 'int32_t', uid: 'uint32_t', gid: 'uint32_t' });
  const getsockopt = libc.func('getsockopt', 'int', [
    'int',
    'int',
    'int',
    koffi.out(koffi.pointer(ucred)),
    koffi.inout(koffi.pointer('uint32_t')),
  ]);
  return (fd) => {
    const cred = { pid: 0, uid: 0, gid: 0 };
    const length = [koffi.sizeof(ucred)];
    if (getsockopt(fd, SOL_SOCKET_LINUX, SO_PEERCRED_LINUX, cred, length) !== 0) {
      throw new Error('getsockopt(SO_PEERCRED) failed');
    }
    return { uid: cred.uid, pid: cred.pid };
  };
}

function bindMac(): PeerOf {
  const libc = koffi.load('libSystem.B.dylib');
  const getpeereid = libc.func('getpeereid', 'int', [
    'int',
    koffi.out(koffi.pointer('uint32_t')),
    koffi.out(koffi.pointer('uint32_t')),
  ]);
  return (fd) => {
    const uid = [0];
    const gid = [0];
    if (getpeereid(fd, uid, gid) !== 0) throw new Error('getpeereid failed');
    return { uid: uid[0]! };
  };
}

/** The adapter for Linux, macOS and Windows (calls bound on first use); undefined elsewhere. */
export function peerCredentials(
  platform: NodeJS.Platform = process.platform,
): PeerCredentials | undefined {
  if (platform === 'win32') {
    let calls: ReturnType<typeof loadWin32PipeCalls> | undefined;
    return win32PeerCredentials({
      ownSid: () => (calls ??= loadWin32PipeCalls()).ownSid(),
      serverPid: (path) => (calls ??= loadWin32PipeCalls()).serverPid(path),
      processSid: (pid) => (calls ??= loadWin32PipeCalls()).processSid(pid),
    });
  }
  if (platform !== 'linux' && platform !== 'darwin') return undefined;
  return {
    self: () => ({ uid: process.getuid!() }),
    peerOf: (socket) => {
      bound ??= platform === 'linux' ? bindLinux() : bindMac();
      return bound(descriptor(socket));
    },
  };
}

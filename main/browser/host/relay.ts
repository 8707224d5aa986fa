// The native-messaging host: a relay, nothing more. The browser starts it with stdin/stdout as
// a pipe of length-prefixed JSON; it connects to the app's per-user socket, introduces itself
// (who started it, its pid) and copies frames both ways. It holds no key and reads no message:
// the extension and the app seal everything between them. It bounds each frame to 1 MB in both
// directions (the browser's own limit towards the browser) and exits when either side closes,
// so a browser that dies mid-message leaves no relay behind, and the app sees a closed socket.
//
// Before a byte of the browser's reaches the socket, the host checks what it connects to: the
// folder and the socket belong to this user and admit nobody else, no link on the way
// (checkPlace), and the process listening there runs as this user (the kernel's word, peer.ts).
// Anything else is another user standing in for TrayOTP: the browser is told, nothing is sent.
// Both directions honour backpressure: the host stops reading the browser while the app is slow
// to take frames, and stops reading the app while the browser is, so it holds at most about one
// chunk and one unfinished frame (≤ 1 MiB) each way.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { encodeFrame, FrameReader } from '../framing';
import { foreignPeer, foreignPipeServer } from '../peer';
import type { PeerCredentials } from '../peer';
import { checkPlace, socketPlace, SOCKET_ENV } from '../socket-path';
import { PROTOCOL_VERSION } from '../version';

export interface RelayOptions {
  stdin: Readable;
  stdout: Writable;
  socketPath: string;
  /** argv from the browser: Chrome passes the caller's origin, Firefox the manifest and add-on id. */
  caller: string;
  pid: number;
  /** Opens the socket (tests may pass their own). */
  connectTo?: (path: string) => Socket;
  /** Who listens (the kernel's word): the peer uid on Unix, the pipe server's user on Windows. */
  peers?: PeerCredentials;
  platform?: NodeJS.Platform;
}

const UNTRUSTED = (why: string) => ({
  t: 'error',
  code: 'app-not-trusted',
  message:
    `What answers at TrayOTP's address is not your TrayOTP, so nothing was sent: ${why}`.slice(
      0,
      500,
    ),
});

const NOT_RUNNING = {
  t: 'error',
  code: 'app-not-running',
  message: 'TrayOTP is not running. Start it, then try again.',
};

/** Runs until either side closes; resolves with the process's exit status. */
export async function runRelay(options: RelayOptions): Promise<number> {
  const { stdin, stdout } = options;
  const toBrowser = (frame: unknown) => {
    try {
      stdout.write(encodeFrame(frame));
    } catch {
      // a frame over 1 MB from the app: never forwarded
    }
  };
  const place = socketPlace({ [SOCKET_ENV]: options.socketPath }, options.platform);
  const unsafe = await checkPlace(place).catch((error: unknown) =>
    error instanceof Error ? error.message : String(error),
  );
  if (unsafe) {
    toBrowser(UNTRUSTED(unsafe));
    return 1;
  }
  // Windows: a pipe has no folder to check; its server's user is asked before connecting.
  if (!place.dir && options.peers?.pipeServer) {
    const foreign = foreignPipeServer(options.peers, options.socketPath);
    if (foreign === 'absent') {
      // Nothing to connect to; not connecting at all leaves no moment for a squatter to appear.
      toBrowser(NOT_RUNNING);
      return 1;
    }
    if (foreign) {
      toBrowser(UNTRUSTED(foreign));
      return 1;
    }
  }
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      socket.destroy();
      stdin.pause();
      stdin.removeAllListeners('data');
      resolve(status);
    };
    const socket = (options.connectTo ?? connect)(options.socketPath);
    let connected = false;
    socket.on('connect', () => {
      const foreign = options.peers?.peerOf ? foreignPeer(options.peers, socket) : null;
      if (foreign) {
        toBrowser(UNTRUSTED(foreign));
        finish(1);
        return;
      }
      connected = true;
      socket.write(
        encodeFrame({
          t: 'host',
          v: PROTOCOL_VERSION,
          caller: options.caller.slice(0, 300),
          pid: options.pid,
        }),
      );
      relayBrowser();
    });
    socket.on('error', () => {
      if (!connected && !done) {
        toBrowser(NOT_RUNNING);
      }
      finish(connected ? 0 : 1);
    });
    socket.on('close', () => finish(connected ? 0 : 1));

    // App → browser: stop reading the app while the browser's pipe is full.
    const fromApp = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      let full = false;
      for (const event of fromApp.push(chunk)) {
        if (event.kind === 'frame' && !stdout.write(frameOf(event.body))) full = true;
      }
      if (full) {
        socket.pause();
        stdout.once('drain', () => socket.resume());
      }
    });

    // Browser → app, only once the app is known to be this user's: stop reading the browser
    // while the socket's buffer is full.
    const relayBrowser = () => {
      const fromBrowser = new FrameReader();
      stdin.on('data', (chunk: Buffer) => {
        let full = false;
        for (const event of fromBrowser.push(chunk)) {
          if (event.kind === 'oversized') {
            toBrowser({
              t: 'error',
              code: 'oversized',
              message: `A message of ${event.length} bytes is over the 1 MB limit.`,
            });
            continue;
          }
          if (!socket.write(frameOf(event.body))) full = true;
        }
        if (full && !done) {
          stdin.pause();
          socket.once('drain', () => stdin.resume());
        }
      });
      stdin.on('end', () => finish(0));
      stdin.on('error', () => finish(0));
      stdin.resume();
    };
  });
}

function frameOf(body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

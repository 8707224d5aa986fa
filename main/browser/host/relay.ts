// The native-messaging host: a relay, nothing more. The browser starts it with stdin/stdout as
// a pipe of length-prefixed JSON; it connects to the app's per-user socket, introduces itself
// (who started it, its pid) and copies frames both ways. It holds no key and reads no message:
// the extension and the app seal everything between them. It bounds each frame to 1 MB in both
// directions (the browser's own limit towards the browser) and exits when either side closes,
// so a browser that dies mid-message leaves no relay behind, and the app sees a closed socket.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { encodeFrame, FrameReader } from '../framing';
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
}

/** Runs until either side closes; resolves with the process's exit status. */
export function runRelay(options: RelayOptions): Promise<number> {
  const { stdin, stdout } = options;
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
    const toBrowser = (frame: unknown) => {
      try {
        stdout.write(encodeFrame(frame));
      } catch {
        // a frame over 1 MB from the app: never forwarded
      }
    };
    const socket = (options.connectTo ?? connect)(options.socketPath);
    let connected = false;
    const pendingToApp: Buffer[] = [];
    socket.on('connect', () => {
      connected = true;
      socket.write(
        encodeFrame({
          t: 'host',
          v: PROTOCOL_VERSION,
          caller: options.caller.slice(0, 300),
          pid: options.pid,
        }),
      );
      for (const frame of pendingToApp.splice(0)) socket.write(frame);
    });
    socket.on('error', () => {
      if (!connected) {
        toBrowser({
          t: 'error',
          code: 'app-not-running',
          message: 'TrayOTP is not running. Start it, then try again.',
        });
      }
      finish(connected ? 0 : 1);
    });
    socket.on('close', () => finish(0));

    const fromApp = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const event of fromApp.push(chunk)) {
        if (event.kind === 'frame') writeFrame(stdout, event.body);
      }
    });

    const fromBrowser = new FrameReader();
    stdin.on('data', (chunk: Buffer) => {
      for (const event of fromBrowser.push(chunk)) {
        if (event.kind === 'oversized') {
          toBrowser({
            t: 'error',
            code: 'oversized',
            message: `A message of ${event.length} bytes is over the 1 MB limit.`,
          });
          continue;
        }
        const framed = frameOf(event.body);
        if (connected) socket.write(framed);
        else pendingToApp.push(framed);
      }
    });
    stdin.on('end', () => finish(0));
    stdin.on('error', () => finish(0));
  });
}

function frameOf(body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

function writeFrame(out: Writable, body: Buffer): void {
  out.write(frameOf(body));
}

// Entry point of the native-messaging host (built to extension/dist/host/host.cjs by
// extension/build.mjs, which `npm start` and `npm run build:browser` run). Run by Node in tests
// and development, and in the packaged app by TrayOTP's own binary in host mode (see
// launchers.ts for why, per platform). The socket's path comes from the launcher the app wrote
// (TRAYOTP_BROWSER_SOCKET), so the host finds the app even when the browser's environment
// differs from the app's; the peer check comes from the caller (main/platform has the adapter).
import type { PeerCredentials } from '../peer';
import { socketPlace } from '../socket-path';
import { runRelay } from './relay';

export async function hostMain(
  argv: readonly string[],
  peers: PeerCredentials | undefined,
): Promise<number> {
  return runRelay({
    stdin: process.stdin,
    stdout: process.stdout,
    socketPath: socketPlace().path,
    caller: argv.join(' '),
    pid: process.pid,
    ...(peers && { peers }),
  });
}

// Entry point of the native-messaging host (built to extension/dist/host/host.cjs by
// extension/build.mjs, which `npm start` and `npm run build:browser` run). Run by Node in tests
// and development, and in the packaged app by TrayOTP's own binary in host mode (see
// launchers.ts for why, per platform).
import { socketPlace } from '../socket-path';
import { runRelay } from './relay';

export async function hostMain(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runRelay({
    stdin: process.stdin,
    stdout: process.stdout,
    socketPath: socketPlace().path,
    caller: argv.join(' '),
    pid: process.pid,
  });
}

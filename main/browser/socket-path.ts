// Where the app listens for its browser host, and making that place safe before listening.
//
// Unix: a socket `browser.sock`, mode 0600, inside a directory `trayotp` of mode 0700 that we own,
// in the user's runtime directory ($XDG_RUNTIME_DIR, itself 0700 and per-user; else a
// per-user folder under the temp directory, macOS's $TMPDIR already being per-user). The
// directory is checked with lstat (no symlinks, our uid, no group/other bits) so another user
// cannot create it first and watch or replace the socket; the socket's own mode is belt and braces.
// Windows: a named pipe per user. libuv creates it with FILE_FLAG_FIRST_PIPE_INSTANCE, so if
// another user created the name first, listening fails instead of sharing it; and the extension
// accepts only the app key it paired with, so a squatter can refuse service but never get a code.
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { tmpdir, userInfo } from 'node:os';

export class SocketSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SocketSetupError';
  }
}

export interface SocketPlace {
  /** The directory to make private first (Unix), or null for a Windows pipe. */
  dir: string | null;
  path: string;
}

/** Where the app listens and the host connects; TRAYOTP_BROWSER_SOCKET overrides (tests). */
export function socketPlace(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): SocketPlace {
  const override = env.TRAYOTP_BROWSER_SOCKET;
  if (override) {
    if (platform === 'win32') return { dir: null, path: override };
    return { dir: join(override, '..'), path: override };
  }
  if (platform === 'win32') {
    const user = createHash('sha256')
      .update(`${env.USERDOMAIN ?? ''}\\${env.USERNAME ?? userInfo().username}`)
      .digest('hex')
      .slice(0, 16);
    return { dir: null, path: `\\\\.\\pipe\\trayotp-browser-${user}` };
  }
  const runtime = platform === 'linux' && env.XDG_RUNTIME_DIR ? env.XDG_RUNTIME_DIR : undefined;
  const dir = runtime ? join(runtime, 'trayotp') : join(tmpdir(), `trayotp-${process.getuid!()}`);
  return { dir, path: join(dir, 'browser.sock') };
}

/** Creates or checks the private directory; refuses one another user or a symlink controls. */
export async function preparePrivateDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const info = await lstat(dir);
  if (!info.isDirectory()) {
    throw new SocketSetupError(
      `${dir} is not a plain folder (a link or a file is in its place); TrayOTP will not connect browsers through it. Remove it and restart TrayOTP.`,
    );
  }
  if (typeof process.getuid === 'function' && info.uid !== process.getuid()) {
    throw new SocketSetupError(
      `${dir} belongs to another user, who could watch the connection; TrayOTP will not connect browsers through it. Ask an administrator to remove it.`,
    );
  }
  if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/**
 * Removes a stale socket left by a crash; refuses to touch anything that is not a socket, and
 * reports a socket that answers (another TrayOTP is running).
 */
export async function clearStaleSocket(path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!info.isSocket()) {
    throw new SocketSetupError(`${path} is not a socket; TrayOTP will not replace it.`);
  }
  const alive = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) {
    throw new SocketSetupError(
      'Another TrayOTP is already connected to the browsers for this user; quit it first.',
    );
  }
  await unlink(path);
}

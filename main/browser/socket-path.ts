// Where the app listens for its browser host, making that place safe before listening, and the
// host's check of the same place before it connects.
//
// Unix: a socket `browser.sock`, mode 0600, inside a directory `trayotp` of mode 0700 that we own,
// in the user's runtime directory ($XDG_RUNTIME_DIR, itself 0700 and per-user; else a
// per-user folder under the temp directory, macOS's $TMPDIR already being per-user). The
// directory is checked with lstat (no symlinks, our uid, no group/other bits) so another user
// cannot create it first and watch or replace the socket; the socket's own mode is belt and braces.
// The /tmp fallback is predictable, so another user can create it first: the app then refuses to
// listen (and says so in Settings → Browsers), and the host, which checks the folder and the
// socket the same way (checkPlace) and then the listening process's uid (peer.ts), refuses to
// connect. Both ends agree on the path: the launcher the app writes passes it to the host in
// TRAYOTP_BROWSER_SOCKET, so a browser started without $XDG_RUNTIME_DIR still finds the app.
// Windows: a named pipe per user. libuv creates it with FILE_FLAG_FIRST_PIPE_INSTANCE, so if
// another user created the name first, listening fails instead of sharing it; and the extension
// accepts only the app key it paired with, so a squatter can refuse service but never get a code.
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
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

/** The variable that carries the socket's path from the app's launcher to the host (and tests). */
export const SOCKET_ENV = 'TRAYOTP_BROWSER_SOCKET';

/** Where the app listens and the host connects; TRAYOTP_BROWSER_SOCKET overrides. */
export function socketPlace(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): SocketPlace {
  const override = env[SOCKET_ENV];
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

const mine = (info: Stats, uid: number) => info.uid === uid;

/**
 * The host's check before it connects (Unix): the folder is a real folder (not a link) that this
 * user owns with no access for anyone else, and the socket in it is a socket (not a link) this
 * user owns, writable by nobody else. Resolves with null when safe, else a sentence saying why.
 */
export async function checkPlace(
  place: SocketPlace,
  uid: number | undefined = process.getuid?.(),
): Promise<string | null> {
  if (!place.dir || uid === undefined) return null;
  let folder: Stats;
  try {
    folder = await lstat(place.dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // nothing listens
    throw error;
  }
  if (!folder.isDirectory()) {
    return `${place.dir} is a link or a file, not TrayOTP's folder; the browser was not connected.`;
  }
  if (!mine(folder, uid)) {
    return `${place.dir} belongs to another user (uid ${folder.uid}); the browser was not connected.`;
  }
  if ((folder.mode & 0o077) !== 0) {
    return `${place.dir} is open to other users; the browser was not connected.`;
  }
  let socket: Stats;
  try {
    socket = await lstat(place.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!socket.isSocket()) {
    return `${place.path} is not a socket; the browser was not connected.`;
  }
  if (!mine(socket, uid)) {
    return `${place.path} belongs to another user (uid ${socket.uid}); the browser was not connected.`;
  }
  if ((socket.mode & 0o022) !== 0) {
    return `${place.path} is writable by other users; the browser was not connected.`;
  }
  return null;
}

// Where the socket goes, and refusing a place another user or a link controls.
import { lstat, mkdir, mkdtemp, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearStaleSocket,
  preparePrivateDir,
  socketPlace,
  SocketSetupError,
} from '../../../main/browser/socket-path';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-sock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('socketPlace', () => {
  it('uses the runtime dir on Linux, a per-user temp folder without it, a per-user pipe on Windows', () => {
    expect(socketPlace({ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux')).toEqual({
      dir: '/run/user/1000/trayotp',
      path: '/run/user/1000/trayotp/browser.sock',
    });
    expect(socketPlace({}, 'linux').path).toMatch(/trayotp-\d+\/browser\.sock$/);
    const pipe = socketPlace({ USERNAME: 'alice', USERDOMAIN: 'PC' }, 'win32');
    expect(pipe.dir).toBeNull();
    expect(pipe.path).toMatch(/^\\\\\.\\pipe\\trayotp-browser-[0-9a-f]{16}$/);
    expect(socketPlace({ USERNAME: 'bob', USERDOMAIN: 'PC' }, 'win32').path).not.toBe(pipe.path);
  });
});

describe('preparePrivateDir', () => {
  it('creates it 0700, and tightens one of ours that is too open', async () => {
    const place = join(dir, 'trayotp');
    await preparePrivateDir(place);
    expect((await lstat(place)).mode & 0o777).toBe(0o700);
    await chmod(place, 0o755);
    await preparePrivateDir(place);
    expect((await lstat(place)).mode & 0o777).toBe(0o700);
  });

  it('refuses a symlink or a file in its place', async () => {
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, join(dir, 'link'));
    await expect(preparePrivateDir(join(dir, 'link'))).rejects.toThrow(SocketSetupError);
    await writeFile(join(dir, 'file'), '');
    await expect(preparePrivateDir(join(dir, 'file'))).rejects.toThrow(/not a plain folder/);
  });
});

describe('clearStaleSocket', () => {
  it('removes a dead socket, refuses a live one and anything that is not a socket', async () => {
    const path = join(dir, 's.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    await expect(clearStaleSocket(path)).rejects.toThrow(/Another TrayOTP/);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // A crashed app leaves the socket file behind: Node removes it on close, so make one.
    const stale = createServer();
    await new Promise<void>((resolve) => stale.listen(path, resolve));
    const copy = join(dir, 'kept.sock');
    await import('node:fs/promises').then((fs) => fs.link(path, copy));
    await new Promise<void>((resolve) => stale.close(() => resolve()));
    await clearStaleSocket(copy);
    await expect(lstat(copy)).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(join(dir, 'plain'), 'data');
    await expect(clearStaleSocket(join(dir, 'plain'))).rejects.toThrow(/not a socket/);
    await clearStaleSocket(join(dir, 'absent'));
  });
});

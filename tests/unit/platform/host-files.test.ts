// The launcher and host manifests the app writes (main/platform/host-files.ts), against a
// temporary home folder: which files, what they say, and that the switch's "off" removes them.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostFiles, launcherTarget } from '../../../main/platform/host-files';
import { HOST_FLAG } from '../../../main/browser/host/launchers';
import { CHROMIUM_EXTENSION_ID, FIREFOX_ADDON_ID } from '../../../main/browser/manifests';
import { socketPlace } from '../../../main/browser/socket-path';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'trayotp-home-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const PACKAGED = { packaged: true, execPath: '/opt/TrayOTP/trayotp', hostScript: '/unused' };

describe('launcherTarget', () => {
  it.each([
    [
      'a packaged app runs its own binary in host mode',
      PACKAGED,
      '/opt/TrayOTP/trayotp',
      [HOST_FLAG],
      undefined,
    ],
    [
      'an AppImage names the AppImage file, not its mount point (new at every run)',
      {
        ...PACKAGED,
        execPath: '/tmp/.mount_TrayOTabc/trayotp',
        appImage: '/home/a/TrayOTP.AppImage',
      },
      '/home/a/TrayOTP.AppImage',
      [HOST_FLAG],
      undefined,
    ],
    [
      'development runs Electron as Node on the built relay',
      {
        packaged: false,
        execPath: '/src/node_modules/electron/dist/electron',
        hostScript: '/src/extension/dist/host/host.cjs',
      },
      '/src/node_modules/electron/dist/electron',
      ['/src/extension/dist/host/host.cjs'],
      { ELECTRON_RUN_AS_NODE: '1' },
    ],
  ])('%s', (_name, program, executable, args, env) => {
    const target = launcherTarget(program);
    expect(target.executable).toBe(executable);
    expect(target.args).toEqual(args);
    expect(target.env).toEqual(env);
  });
});

describe('hostFiles on Linux', () => {
  const options = () => ({
    platform: 'linux' as const,
    dirs: { home },
    appDir: join(home, '.config', 'TrayOTP'),
    program: PACKAGED,
  });

  it('writes an executable launcher in TrayOTP’s folder and a manifest for each browser installed, none for the others', async () => {
    await mkdir(join(home, '.config', 'chromium'), { recursive: true });
    await mkdir(join(home, '.mozilla'), { recursive: true });
    const written = await hostFiles(options()).install();
    expect(written.sort()).toEqual(['chromium', 'firefox']);
    const launcher = join(home, '.config', 'TrayOTP', 'trayotp-browser-host');
    expect((await stat(launcher)).mode & 0o777).toBe(0o755);
    expect(await readFile(launcher, 'utf8')).toContain(
      `exec '/opt/TrayOTP/trayotp' '${HOST_FLAG}' "$@"`,
    );
    const chromium = JSON.parse(
      await readFile(
        join(home, '.config', 'chromium', 'NativeMessagingHosts', 'app.trayotp.host.json'),
        'utf8',
      ),
    );
    expect(chromium).toMatchObject({
      path: launcher,
      allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`],
    });
    const firefox = JSON.parse(
      await readFile(
        join(home, '.mozilla', 'native-messaging-hosts', 'app.trayotp.host.json'),
        'utf8',
      ),
    );
    expect(firefox).toMatchObject({ path: launcher, allowed_extensions: [FIREFOX_ADDON_ID] });
    // Google Chrome is not installed: its folder is never created.
    expect(existsSync(join(home, '.config', 'google-chrome'))).toBe(false);
  });

  it('the development launcher runs the relay with ELECTRON_RUN_AS_NODE and the browser’s arguments', async () => {
    const script = join(home, 'host.cjs');
    // A stand-in relay that proves the launcher passes its environment and arguments through.
    await writeFile(
      script,
      'process.stdout.write(JSON.stringify([process.env.ELECTRON_RUN_AS_NODE, process.argv.slice(2)]))',
    );
    await hostFiles({
      ...options(),
      program: { packaged: false, execPath: process.execPath, hostScript: script },
    }).install();
    const out = execFileSync(join(home, '.config', 'TrayOTP', 'trayotp-browser-host'), [
      'chrome-extension://x/',
    ]).toString();
    expect(JSON.parse(out)).toEqual(['1', ['chrome-extension://x/']]);
  });

  it('remove() deletes every manifest and the launcher, and leaves the browsers’ own folders', async () => {
    await mkdir(join(home, '.config', 'chromium'), { recursive: true });
    await mkdir(join(home, '.mozilla'), { recursive: true });
    const files = hostFiles(options());
    await files.install();
    await files.remove();
    expect(existsSync(join(home, '.config', 'TrayOTP', 'trayotp-browser-host'))).toBe(false);
    expect(
      existsSync(
        join(home, '.config', 'chromium', 'NativeMessagingHosts', 'app.trayotp.host.json'),
      ),
    ).toBe(false);
    expect(
      existsSync(join(home, '.mozilla', 'native-messaging-hosts', 'app.trayotp.host.json')),
    ).toBe(false);
    expect(existsSync(join(home, '.config', 'chromium'))).toBe(true);
    // Removing twice (switch off, then an uninstall script) is harmless.
    await files.remove();
  });
});

describe('hostFiles on Windows (paths and registry calls only; reg.exe is untested here)', () => {
  it('writes a .cmd launcher and sets each installed browser’s HKCU key to its manifest', async () => {
    const local = join(home, 'AppData', 'Local');
    await mkdir(join(local, 'Google', 'Chrome'), { recursive: true });
    const calls: string[][] = [];
    const files = hostFiles({
      platform: 'win32',
      dirs: { home, localAppData: local },
      appDir: join(home, 'AppData', 'Roaming', 'TrayOTP'),
      program: {
        packaged: true,
        execPath: 'C:\\Program Files\\TrayOTP\\TrayOTP.exe',
        hostScript: '',
      },
      registry: {
        setDefault: async (key, value) => void calls.push(['set', key, value]),
        remove: async (key) => void calls.push(['remove', key]),
      },
    });
    expect(await files.install()).toEqual(['chrome']);
    const launcher = join(home, 'AppData', 'Roaming', 'TrayOTP', 'trayotp-browser-host.cmd');
    expect(await readFile(launcher, 'utf8')).toContain(
      `"C:\\Program Files\\TrayOTP\\TrayOTP.exe" "${HOST_FLAG}" %*`,
    );
    expect(calls).toEqual([
      [
        'set',
        'HKEY_CURRENT_USER\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.trayotp.host',
        join(local, 'TrayOTP', 'NativeMessagingHosts', 'chrome', 'app.trayotp.host.json'),
      ],
    ]);
    await files.remove();
    expect(calls.filter(([kind]) => kind === 'remove')).toHaveLength(5);
    expect(existsSync(launcher)).toBe(false);
  });
});

describe('the app and the host agree on the socket (issue 23)', () => {
  it('the launcher hands the host the app’s socket path, whatever the browser’s environment', async () => {
    // The app runs with $XDG_RUNTIME_DIR; the browser (so the host) was started without it.
    const appPlace = socketPlace({ XDG_RUNTIME_DIR: join(home, 'run') }, 'linux');
    const printEnv = join(home, 'print-env.cjs');
    await writeFile(printEnv, 'process.stdout.write(JSON.stringify(process.env));');
    const files = hostFiles({
      platform: 'linux',
      dirs: { home },
      appDir: join(home, '.config', 'TrayOTP'),
      program: { packaged: false, execPath: process.execPath, hostScript: printEnv },
      socketPath: appPlace.path,
    });
    await files.install();
    const launcher = join(home, '.config', 'TrayOTP', 'trayotp-browser-host');
    const hostEnv = JSON.parse(
      execFileSync(launcher, ['chrome-extension://x/'], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      }).toString(),
    ) as NodeJS.ProcessEnv;
    expect(hostEnv.XDG_RUNTIME_DIR).toBeUndefined();
    expect(socketPlace(hostEnv, 'linux').path).toBe(appPlace.path);
    expect(appPlace.path).toBe(join(home, 'run', 'trayotp', 'browser.sock'));
  });

  it('a packaged launcher passes the path too', () => {
    expect(launcherTarget(PACKAGED, '/run/user/1000/trayotp/browser.sock').env).toEqual({
      TRAYOTP_BROWSER_SOCKET: '/run/user/1000/trayotp/browser.sock',
    });
  });
});

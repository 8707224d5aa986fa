// The Electron side of the host files (main/platform/browser-host-files.ts) passes the paths
// only: the home folder, $XDG_CONFIG_HOME, userData, the running binary, $APPIMAGE and, in
// development, the relay built beside the extension. Against a temporary home.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOST_FLAG } from '../../../main/browser/host/launchers';
import { createBrowserHostFiles } from '../../../main/platform/browser-host-files';

const saved = { ...process.env };
let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'trayotp-home-'));
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, 'config');
  delete process.env.APPIMAGE;
  await mkdir(join(home, 'config', 'BraveSoftware', 'Brave-Browser'), { recursive: true });
});
afterEach(async () => {
  process.env = { ...saved };
  await rm(home, { recursive: true, force: true });
});

const manifest = () =>
  readFile(
    join(
      home,
      'config',
      'BraveSoftware',
      'Brave-Browser',
      'NativeMessagingHosts',
      'app.trayotp.host.json',
    ),
    'utf8',
  ).then((text) => JSON.parse(text) as { path: string });

describe.runIf(process.platform === 'linux')('createBrowserHostFiles (Linux)', () => {
  it('development: Electron as Node on extension/dist/host/host.cjs, the launcher in userData', async () => {
    const userData = join(home, 'config', 'TrayOTP');
    const files = createBrowserHostFiles({
      userData,
      packaged: false,
      mainDir: '/src/trayotp/out/main',
    });
    expect(await files.install()).toEqual(['brave']);
    const launcher = join(userData, 'trayotp-browser-host');
    expect((await manifest()).path).toBe(launcher);
    const script = await readFile(launcher, 'utf8');
    expect(script).toContain("export ELECTRON_RUN_AS_NODE='1'");
    expect(script).toContain(
      `exec '${process.execPath}' '/src/trayotp/extension/dist/host/host.cjs' "$@"`,
    );
  });

  it('a packaged AppImage: the AppImage file in host mode', async () => {
    process.env.APPIMAGE = '/home/alice/Apps/TrayOTP.AppImage';
    const userData = join(home, 'config', 'TrayOTP');
    await createBrowserHostFiles({ userData, packaged: true, mainDir: '/unused' }).install();
    expect(await readFile(join(userData, 'trayotp-browser-host'), 'utf8')).toContain(
      `exec '/home/alice/Apps/TrayOTP.AppImage' '${HOST_FLAG}' "$@"`,
    );
  });
});

// "Start at login": Electron's setLoginItemSettings on Windows and macOS; on Linux (where that
// call does nothing) an XDG autostart entry whose Exec names the file that stays put.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  autostartCommand,
  autostartPath,
  createOpenAtLogin,
  quoteExecArg,
} from '../../../main/platform/autostart';
import type { AutostartProgram } from '../../../main/platform/autostart';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trayotp-autostart-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const deb: AutostartProgram = {
  packaged: true,
  execPath: '/opt/TrayOTP/trayotp',
  appPath: '/opt/TrayOTP/resources/app.asar',
  noSandbox: false,
};

function linux(program: AutostartProgram) {
  const configHome = tempDir();
  const calls: boolean[] = [];
  const login = createOpenAtLogin({
    platform: 'linux',
    setLoginItemSettings: ({ openAtLogin }) => calls.push(openAtLogin),
    configHome,
    program,
  });
  const file = autostartPath(configHome);
  const exec = () => /^Exec=(.*)$/m.exec(readFileSync(file, 'utf8'))?.[1];
  return { login, file, exec, calls };
}

describe('start at login on Linux', () => {
  it('writes an autostart entry naming the installed binary (deb), and removes it', () => {
    const { login, file, exec, calls } = linux(deb);
    login.set(true);
    expect(file.endsWith('/autostart/trayotp.desktop')).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(exec()).toBe('/opt/TrayOTP/trayotp');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    login.set(false);
    expect(existsSync(file)).toBe(false);
    login.set(false); // already off: no error
    expect(calls).toEqual([]); // Electron's call does nothing on Linux
  });

  it("names the AppImage file, not the binary inside its mount, and keeps this run's --no-sandbox", () => {
    const { login, exec } = linux({
      packaged: true,
      execPath: '/tmp/.mount_TrayOTabc123/trayotp',
      appImage: '/home/ann/Apps/TrayOTP 0.1.0.AppImage',
      appPath: '/tmp/.mount_TrayOTabc123/resources/app.asar',
      noSandbox: true,
    });
    login.set(true);
    expect(exec()).toBe('"/home/ann/Apps/TrayOTP 0.1.0.AppImage" --no-sandbox');
  });

  it('rewrites the entry at start while the setting is on (an AppImage moved since)', () => {
    const moved = { ...deb, appImage: '/home/ann/Old/TrayOTP.AppImage' };
    const first = linux(moved);
    first.login.set(true);
    const again = createOpenAtLogin({
      platform: 'linux',
      setLoginItemSettings: () => {},
      configHome: first.file.replace(/\/autostart\/trayotp\.desktop$/, ''),
      program: { ...moved, appImage: '/home/ann/Apps/TrayOTP.AppImage' },
    });
    again.refresh(true);
    expect(first.exec()).toBe('/home/ann/Apps/TrayOTP.AppImage');
    again.refresh(false); // off: left alone (set(false) removed it when it was turned off)
    expect(existsSync(first.file)).toBe(true);
  });

  it('runs Electron with the app folder in development', () => {
    expect(
      autostartCommand({
        packaged: false,
        execPath: '/src/trayotp/node_modules/electron/dist/electron',
        appPath: '/src/trayotp',
        noSandbox: false,
      }),
    ).toEqual(['/src/trayotp/node_modules/electron/dist/electron', '/src/trayotp']);
  });
});

describe('start at login on Windows and macOS', () => {
  it.each(['win32', 'darwin'] as const)('%s: Electron login item, no file', (platform) => {
    const configHome = tempDir();
    const calls: boolean[] = [];
    const login = createOpenAtLogin({
      platform,
      setLoginItemSettings: ({ openAtLogin }) => calls.push(openAtLogin),
      configHome,
      program: deb,
    });
    login.set(true);
    login.refresh(true);
    login.set(false);
    expect(calls).toEqual([true, false]);
    expect(existsSync(autostartPath(configHome))).toBe(false);
  });
});

describe('Exec quoting (Desktop Entry spec)', () => {
  it.each([
    ['/opt/TrayOTP/trayotp', '/opt/TrayOTP/trayotp'],
    ['/home/a b/x', '"/home/a b/x"'],
    ['/home/$HOME/`x`/"q"\\', '"/home/\\$HOME/\\`x\\`/\\"q\\"\\\\"'],
    ['/home/100%/x', '/home/100%%/x'],
  ])('%s → %s', (arg, quoted) => {
    expect(quoteExecArg(arg)).toBe(quoted);
  });
});

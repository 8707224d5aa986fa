// The host manifests: each browser's place on each system, content that lets only our extension
// start the host, the Windows registry keys, and the launchers.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOST_FLAG, launcherScript } from '../../../main/browser/host/launchers';
import {
  CHROMIUM_EXTENSION_ID,
  FIREFOX_ADDON_ID,
  hostManifest,
  HOST_NAME,
  installHostManifests,
  manifestPlaces,
  regExeArgs,
  removeHostManifests,
} from '../../../main/browser/manifests';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'trayotp-home-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

describe('manifest places', () => {
  it('Linux', () => {
    expect(manifestPlaces('linux', { home: '/home/a' }).map((p) => [p.browser, p.file])).toEqual([
      ['chrome', '/home/a/.config/google-chrome/NativeMessagingHosts/app.trayotp.host.json'],
      ['chromium', '/home/a/.config/chromium/NativeMessagingHosts/app.trayotp.host.json'],
      ['edge', '/home/a/.config/microsoft-edge/NativeMessagingHosts/app.trayotp.host.json'],
      [
        'brave',
        '/home/a/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts/app.trayotp.host.json',
      ],
      ['firefox', '/home/a/.mozilla/native-messaging-hosts/app.trayotp.host.json'],
    ]);
  });

  it('macOS', () => {
    const lib = '/Users/a/Library/Application Support';
    expect(manifestPlaces('darwin', { home: '/Users/a' }).map((p) => p.file)).toEqual([
      `${lib}/Google/Chrome/NativeMessagingHosts/app.trayotp.host.json`,
      `${lib}/Chromium/NativeMessagingHosts/app.trayotp.host.json`,
      `${lib}/Microsoft Edge/NativeMessagingHosts/app.trayotp.host.json`,
      `${lib}/BraveSoftware/Brave-Browser/NativeMessagingHosts/app.trayotp.host.json`,
      `${lib}/Mozilla/NativeMessagingHosts/app.trayotp.host.json`,
    ]);
  });

  it('Windows: a file per browser family and an HKCU key naming it', () => {
    const places = manifestPlaces('win32', {
      home: 'C:\\Users\\a',
      localAppData: 'C:\\Users\\a\\AppData\\Local',
    });
    expect(places.map((p) => p.registryKey)).toEqual([
      'HKEY_CURRENT_USER\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.trayotp.host',
      'HKEY_CURRENT_USER\\Software\\Chromium\\NativeMessagingHosts\\app.trayotp.host',
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\app.trayotp.host',
      'HKEY_CURRENT_USER\\Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\app.trayotp.host',
      'HKEY_CURRENT_USER\\Software\\Mozilla\\NativeMessagingHosts\\app.trayotp.host',
    ]);
    expect(regExeArgs(places[0]!, 'set')).toEqual([
      'add',
      places[0]!.registryKey,
      '/ve',
      '/t',
      'REG_SZ',
      '/d',
      places[0]!.file,
      '/f',
    ]);
    expect(regExeArgs(places[4]!, 'remove')).toEqual(['delete', places[4]!.registryKey, '/f']);
  });
});

describe('manifest content', () => {
  it('lets only our extension start the host', () => {
    expect(hostManifest('chrome', '/opt/TrayOTP/trayotp-browser-host')).toEqual({
      name: HOST_NAME,
      description: expect.any(String),
      path: '/opt/TrayOTP/trayotp-browser-host',
      type: 'stdio',
      allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`],
    });
    expect(hostManifest('firefox', '/x')).toMatchObject({ allowed_extensions: [FIREFOX_ADDON_ID] });
    expect(hostManifest('firefox', '/x')).not.toHaveProperty('allowed_origins');
    expect(HOST_NAME).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/); // what browsers accept
  });

  it('the fixed extension id is the one the manifest key gives', async () => {
    const { createHash } = await import('node:crypto');
    const manifest = JSON.parse(await readFile('extension/manifest.json', 'utf8')) as {
      key: string;
    };
    const hex = createHash('sha256')
      .update(Buffer.from(manifest.key, 'base64'))
      .digest('hex')
      .slice(0, 32);
    expect([...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('')).toBe(
      CHROMIUM_EXTENSION_ID,
    );
  });
});

describe('install and remove', () => {
  it('writes manifests only for installed browsers, and removes every one', async () => {
    await mkdir(join(home, '.config', 'chromium'), { recursive: true });
    await mkdir(join(home, '.mozilla'), { recursive: true });
    const registry: string[] = [];
    const written = await installHostManifests({
      platform: 'linux',
      dirs: { home },
      hostPath: '/h',
    });
    expect(written).toEqual(['chromium', 'firefox']);
    const chromium = join(home, '.config', 'chromium', 'NativeMessagingHosts', `${HOST_NAME}.json`);
    expect(JSON.parse(await readFile(chromium, 'utf8'))).toMatchObject({ path: '/h' });
    await removeHostManifests({
      platform: 'linux',
      dirs: { home },
      registry: { setDefault: async () => undefined, remove: async (k) => void registry.push(k) },
    });
    await expect(readFile(chromium)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(registry).toEqual([]); // no registry on Linux
  });

  it('sets the registry keys on Windows', async () => {
    const localAppData = join(home, 'Local');
    await mkdir(join(localAppData, 'Google', 'Chrome'), { recursive: true });
    const set: [string, string][] = [];
    await installHostManifests({
      platform: 'win32',
      dirs: { home, localAppData },
      hostPath: 'C:\\TrayOTP\\trayotp-browser-host.cmd',
      registry: {
        setDefault: async (k, v) => void set.push([k, v]),
        remove: async () => undefined,
      },
    });
    expect(set).toEqual([
      [
        expect.stringContaining('Google\\Chrome\\NativeMessagingHosts'),
        expect.stringContaining('chrome'),
      ],
    ]);
  });
});

describe('launchers', () => {
  it('the sh launcher runs the target with its flag, environment and the browser’s arguments', async () => {
    const script = join(home, 'launcher');
    const echo = join(home, 'echo.sh');
    await writeFile(echo, '#!/bin/sh\necho "$TRAYOTP_X|$*"\n');
    await chmod(echo, 0o755);
    await writeFile(
      script,
      launcherScript('linux', { executable: echo, args: [HOST_FLAG], env: { TRAYOTP_X: "it's" } }),
    );
    await chmod(script, 0o755);
    expect(execFileSync(script, ['chrome-extension://id/']).toString()).toBe(
      `it's|${HOST_FLAG} chrome-extension://id/\n`,
    );
  });

  it('the Windows launcher is a .cmd passing %*', () => {
    expect(
      launcherScript('win32', {
        executable: 'C:\\Program Files\\TrayOTP\\TrayOTP.exe',
        args: [HOST_FLAG],
      }),
    ).toBe(`@echo off\r\n"C:\\Program Files\\TrayOTP\\TrayOTP.exe" "${HOST_FLAG}" %*\r\n`);
  });
});

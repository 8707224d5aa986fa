// `npm run package` (scripts/package.js): a failed download is one line naming what, from where
// and what to do; any other failure is electron-builder's own output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builderArgs, downloadFailureLine } from '../../../scripts/package.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, 'fixtures', `${name}.txt`), 'utf8');
const env = { ELECTRON_BUILDER_CACHE: '/cache/eb', electron_config_cache: '/cache/electron' };

describe('the line for a failed download (electron-builder 26 output, captured offline)', () => {
  it("Electron's zip: version, file, host, and every way around it", () => {
    const line = downloadFailureLine(fixture('electron-zip'), env, 'linux');
    expect(line).toBe(
      'TrayOTP was not packaged: electron-builder could not download Electron 45.5.0 (electron-v45.5.0-linux-x64.zip) from trayotp.invalid (getaddrinfo ENOTFOUND trayotp.invalid); ' +
        'run `npm run package` again where github.com is reachable, ' +
        "or set ELECTRON_MIRROR to a mirror of Electron's releases (e.g. https://npmmirror.com/mirrors/electron/), " +
        "or copy Electron's download cache (/cache/electron) from a machine where `npm start` or `npm run package` ran, " +
        'or set ELECTRON_OVERRIDE_DIST_PATH (or -c.electronDist=DIR) to a folder holding that zip unpacked.',
    );
  });

  it('fpm for the deb', () => {
    const line = downloadFailureLine(fixture('deb'), env, 'linux');
    expect(line).toMatch(
      /^TrayOTP was not packaged: electron-builder could not download fpm \(the tool that builds the deb\) from github\.com \(getaddrinfo ENOTFOUND github\.com\); /,
    );
    expect(line).toContain('ELECTRON_BUILDER_BINARIES_MIRROR');
    expect(line).toContain("electron-builder's cache (/cache/eb)");
    expect(line).toContain('USE_SYSTEM_FPM=true');
  });

  it('the AppImage tools', () => {
    const line = downloadFailureLine(fixture('appimage'), env, 'linux');
    expect(line).toMatch(
      /could not download the AppImage tools \(appimagetool and its runtime\) from github\.com \(getaddrinfo ENOTFOUND github\.com\); /,
    );
    expect(line).not.toContain('USE_SYSTEM_FPM');
  });

  it('is one line, whatever the output held', () => {
    for (const name of ['electron-zip', 'deb', 'appimage']) {
      expect(downloadFailureLine(fixture(name), env, 'linux')).not.toMatch(/\n/);
    }
  });

  it('says nothing for a failure that is not a download (the output is shown as it is)', () => {
    expect(fixture('deb-no-homepage')).toContain('Please specify project homepage');
    expect(downloadFailureLine(fixture('deb-no-homepage'), env, 'linux')).toBeUndefined();
    expect(downloadFailureLine('  • packaging  platform=linux\n', env, 'linux')).toBeUndefined();
  });

  it('takes ELECTRON_OVERRIDE_DIST_PATH as electronDist unless one is given', () => {
    const dist = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' };
    expect(builderArgs(['--linux'], dist)).toEqual(['--linux', '-c.electronDist=/opt/electron']);
    expect(builderArgs(['-c.electronDist=/x'], dist)).toEqual(['-c.electronDist=/x']);
    expect(builderArgs(['--linux'], {})).toEqual(['--linux']);
  });
});

describe('npm run package where the download cannot be made', () => {
  const temp = mkdtempSync(join(tmpdir(), 'trayotp-package-offline-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('prints the one line and exits 1', () => {
    // Empty caches, and a mirror under .invalid (RFC 6761: never resolves), so the download
    // fails the way it does offline even on a machine with a network.
    const run = spawnSync(
      process.execPath,
      ['scripts/package.js', '--linux', 'dir', `-c.directories.output=${join(temp, 'dist')}`],
      {
        encoding: 'utf8',
        timeout: 150_000,
        env: {
          // electron-builder logs nothing but errors, and those unmarked, under VITEST.
          ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^VITEST/.test(k))),
          ELECTRON_MIRROR: 'https://trayotp.invalid/',
          electron_config_cache: join(temp, 'electron-cache'),
          ELECTRON_BUILDER_CACHE: join(temp, 'builder-cache'),
          ELECTRON_OVERRIDE_DIST_PATH: '',
          CI: '',
        },
      },
    );
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^TrayOTP was not packaged: electron-builder could not download Electron \d+\.\d+\.\d+ \(electron-v[\d.]+-linux-\w+\.zip\) from trayotp\.invalid \(/,
    );
    expect(lines[0]).toContain(join(temp, 'electron-cache'));
    expect(run.stdout).toContain('• packaging');
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m); // no stack trace
  }, 160_000);
});

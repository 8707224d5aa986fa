// The browser host files from Electron's point of view: it only passes the paths (home,
// %LOCALAPPDATA%, userData, the running binary, an AppImage's own file) to the Electron-free
// logic in host-files.ts, and on Windows runs reg.exe for the HKCU keys that
// point Chrome, Edge, Brave, Chromium and Firefox at the manifests. reg.exe runs through
// execFile (no shell), with the key and path as separate arguments. Untested here: no Windows.
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BrowserHostFiles } from '../app/ports/browser-host-files';
import { hostFiles } from './host-files';
import type { RegistryPort } from '../browser/manifests';
import { socketPlace } from '../browser/socket-path';

export interface BrowserHostPaths {
  /** app.getPath('userData'). */
  userData: string;
  /** app.isPackaged. */
  packaged: boolean;
  /** The app's build folder (out/main): the repository is two levels up in development. */
  mainDir: string;
}

function regExe(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('reg.exe', args, { windowsHide: true, timeout: 10_000 }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

/** HKCU keys through reg.exe (Windows only). */
export const regExeRegistry: RegistryPort = {
  setDefault: (key, value) => regExe(['add', key, '/ve', '/t', 'REG_SZ', '/d', value, '/f']),
  remove: (key) => regExe(['delete', key, '/f']),
};

export function createBrowserHostFiles(paths: BrowserHostPaths): BrowserHostFiles {
  const platform = process.platform;
  return hostFiles({
    platform,
    dirs: {
      home: homedir(),
      ...(process.env.LOCALAPPDATA && { localAppData: process.env.LOCALAPPDATA }),
      ...(process.env.XDG_CONFIG_HOME && { configHome: process.env.XDG_CONFIG_HOME }),
    },
    appDir: paths.userData,
    // The bridge listens at socketPlace() too (compose.ts passes it no other place).
    socketPath: socketPlace().path,
    program: {
      packaged: paths.packaged,
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
      // `npm run build:browser` builds the relay with the extension (development only).
      hostScript: join(paths.mainDir, '..', '..', 'extension', 'dist', 'host', 'host.cjs'),
    },
    ...(platform === 'win32' && { registry: regExeRegistry }),
  });
}

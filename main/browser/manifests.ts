// The native-messaging host manifests: where each browser looks for them, what they say, and
// writing/removing them (the app does it on first run and from the switch in Settings).
//
// A manifest names the host program and the only callers allowed to start it: our Chromium
// extension id (`allowed_origins`) or our Firefox add-on id (`allowed_extensions`), nothing else.
// Linux and macOS read a file in a per-browser folder; Windows reads a registry key under HKCU
// whose default value is the manifest's path (the file may sit anywhere; we keep them in
// %LOCALAPPDATA%\TrayOTP\NativeMessagingHosts).
//
// Sandboxed browsers (documented, not written): Flatpak and Snap browsers cannot start a program
// outside their sandbox. Firefox as a Snap (Ubuntu's default) and Flatpak Firefox reach hosts
// through the XDG "WebExtensions" portal (xdg-desktop-portal 1.19+, Firefox 127+), which reads
// the ordinary ~/.mozilla/native-messaging-hosts manifest and asks the person once; Chromium-family
// Flatpaks (com.google.Chrome, com.brave.Browser, org.chromium.Chromium) and the Chromium Snap have
// no such portal: the person has to install the browser from a .deb/.rpm, or grant the Flatpak
// access with `flatpak override --user --filesystem=~/.local/share/trayotp` plus a host path
// inside that folder, which we do not automate.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const HOST_NAME = 'app.trayotp.host';
/** Fixed by the `key` in extension/manifest.json (sha256 of it, a–p). */
export const CHROMIUM_EXTENSION_ID = 'begalpdalbkfinpdecoapohhnepbgphl';
/** browser_specific_settings.gecko.id in the Firefox build. */
export const FIREFOX_ADDON_ID = 'browser@trayotp.app';

export const BROWSERS = ['chrome', 'chromium', 'edge', 'brave', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

export interface ManifestPlace {
  browser: BrowserName;
  /** The manifest file to write. */
  file: string;
  /** Windows: the HKCU key whose default value must be `file`. */
  registryKey?: string;
  /** The folder whose presence says the browser is installed (we never create a browser's). */
  browserDir: string;
}

export interface UserDirs {
  home: string;
  /** Windows: %LOCALAPPDATA%. */
  localAppData?: string;
  /** Linux: $XDG_CONFIG_HOME (default ~/.config). */
  configHome?: string;
}

export function manifestPlaces(platform: NodeJS.Platform, dirs: UserDirs): ManifestPlace[] {
  const file = `${HOST_NAME}.json`;
  if (platform === 'linux') {
    const config = dirs.configHome ?? join(dirs.home, '.config');
    const chromium = (browser: BrowserName, dir: string): ManifestPlace => ({
      browser,
      browserDir: join(config, dir),
      file: join(config, dir, 'NativeMessagingHosts', file),
    });
    return [
      chromium('chrome', 'google-chrome'),
      chromium('chromium', 'chromium'),
      chromium('edge', 'microsoft-edge'),
      chromium('brave', 'BraveSoftware/Brave-Browser'),
      {
        browser: 'firefox',
        browserDir: join(dirs.home, '.mozilla'),
        file: join(dirs.home, '.mozilla', 'native-messaging-hosts', file),
      },
    ];
  }
  if (platform === 'darwin') {
    const support = join(dirs.home, 'Library', 'Application Support');
    const place = (browser: BrowserName, dir: string, folder = 'NativeMessagingHosts') => ({
      browser,
      browserDir: join(support, dir),
      file: join(support, dir, folder, file),
    });
    return [
      place('chrome', 'Google/Chrome'),
      place('chromium', 'Chromium'),
      place('edge', 'Microsoft Edge'),
      place('brave', 'BraveSoftware/Brave-Browser'),
      place('firefox', 'Mozilla'),
    ];
  }
  if (platform === 'win32') {
    const local = dirs.localAppData ?? join(dirs.home, 'AppData', 'Local');
    const place = (browser: BrowserName, key: string, browserDir: string): ManifestPlace => ({
      browser,
      browserDir,
      // Chromium browsers and Firefox need different manifests (allowed_origins vs
      // allowed_extensions), so each gets its own file.
      file: join(local, 'TrayOTP', 'NativeMessagingHosts', browser, file),
      registryKey: `HKEY_CURRENT_USER\\Software\\${key}\\NativeMessagingHosts\\${HOST_NAME}`,
    });
    const roaming = join(dirs.home, 'AppData', 'Roaming');
    return [
      place('chrome', 'Google\\Chrome', join(local, 'Google', 'Chrome')),
      place('chromium', 'Chromium', join(local, 'Chromium')),
      place('edge', 'Microsoft\\Edge', join(local, 'Microsoft', 'Edge')),
      place('brave', 'BraveSoftware\\Brave-Browser', join(local, 'BraveSoftware', 'Brave-Browser')),
      place('firefox', 'Mozilla', join(roaming, 'Mozilla')),
    ];
  }
  return [];
}

/** The manifest's content for `browser`; `hostPath` is the launcher (absolute path). */
export function hostManifest(browser: BrowserName, hostPath: string): Record<string, unknown> {
  const base = {
    name: HOST_NAME,
    description: 'TrayOTP: fills two-step verification codes for the page you are on',
    path: hostPath,
    type: 'stdio',
  };
  return browser === 'firefox'
    ? { ...base, allowed_extensions: [FIREFOX_ADDON_ID] }
    : { ...base, allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`] };
}

/** Sets or deletes a Windows registry key's default value (the app's adapter runs reg.exe). */
export interface RegistryPort {
  setDefault(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** reg.exe's arguments for a place: what a RegistryPort on Windows runs. */
export function regExeArgs(place: ManifestPlace, action: 'set' | 'remove'): string[] {
  if (!place.registryKey) return [];
  return action === 'set'
    ? ['add', place.registryKey, '/ve', '/t', 'REG_SZ', '/d', place.file, '/f']
    : ['delete', place.registryKey, '/f'];
}

export interface InstallOptions {
  platform: NodeJS.Platform;
  dirs: UserDirs;
  hostPath: string;
  registry?: RegistryPort;
}

/** Writes the manifest for every installed browser; returns the browsers written. */
export async function installHostManifests(options: InstallOptions): Promise<BrowserName[]> {
  const written: BrowserName[] = [];
  for (const place of manifestPlaces(options.platform, options.dirs)) {
    if (!existsSync(place.browserDir)) continue;
    await mkdir(dirname(place.file), { recursive: true });
    await writeFile(
      place.file,
      `${JSON.stringify(hostManifest(place.browser, options.hostPath), null, 2)}\n`,
      { mode: 0o644 },
    );
    if (place.registryKey && options.registry) {
      await options.registry.setDefault(place.registryKey, place.file);
    }
    written.push(place.browser);
  }
  return written;
}

/** Removes every manifest (and registry key) TrayOTP may have written. */
export async function removeHostManifests(
  options: Omit<InstallOptions, 'hostPath'>,
): Promise<void> {
  for (const place of manifestPlaces(options.platform, options.dirs)) {
    await rm(place.file, { force: true });
    if (place.registryKey && options.registry) {
      await options.registry.remove(place.registryKey).catch(() => undefined);
    }
  }
}

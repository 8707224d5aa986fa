// "Start at login" (Settings' autoStart). Electron's app.setLoginItemSettings does it on Windows
// (HKCU\…\Run naming the installed trayotp.exe) and macOS (a login item for TrayOTP.app), but
// does nothing on Linux; there the XDG autostart spec is followed instead: a desktop entry in
// $XDG_CONFIG_HOME/autostart. Its Exec names the file that stays where it is — $APPIMAGE for an
// AppImage (the running binary is inside a mount that changes every run), the installed binary
// for the deb, Electron and the app folder in development — and it is rewritten at every start
// while the setting is on, so a moved or updated AppImage still starts at the next login.
// Electron-free: compose.ts passes the paths and Electron's call.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The app's desktop file name (package.json's desktopName): the same name for the autostart. */
export const AUTOSTART_FILE_NAME = 'trayotp.desktop';

export interface AutostartProgram {
  /** app.isPackaged. */
  packaged: boolean;
  /** process.execPath: TrayOTP's binary, or Electron's in development. */
  execPath: string;
  /** $APPIMAGE when running from an AppImage. */
  appImage?: string | undefined;
  /** app.getAppPath(): what Electron is given in development. */
  appPath: string;
  /**
   * This run was started with --no-sandbox (electron-builder's AppImage desktop entry adds it
   * where the SUID sandbox cannot work): a login start needs it as well; otherwise it is left out.
   */
  noSandbox: boolean;
}

/** One Exec argument, quoted as the Desktop Entry spec says (and % doubled, a field code there). */
export function quoteExecArg(arg: string): string {
  const escaped = arg.replace(/["`$\\]/g, (c) => `\\${c}`).replace(/%/g, '%%');
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? escaped : `"${escaped}"`;
}

/** The command a login start runs. */
export function autostartCommand(program: AutostartProgram): string[] {
  const sandbox = program.noSandbox ? ['--no-sandbox'] : [];
  if (!program.packaged) return [program.execPath, program.appPath, ...sandbox];
  return [program.appImage || program.execPath, ...sandbox];
}

/** The autostart desktop entry's text. */
export function autostartEntry(program: AutostartProgram): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=TrayOTP',
    'Comment=Two-factor codes from the tray',
    `Exec=${autostartCommand(program).map(quoteExecArg).join(' ')}`,
    'Icon=trayotp',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface OpenAtLoginDeps {
  platform: NodeJS.Platform;
  /** app.setLoginItemSettings (Windows, macOS). */
  setLoginItemSettings: (settings: { openAtLogin: boolean }) => void;
  /** app.getPath('appData'): $XDG_CONFIG_HOME or ~/.config on Linux. */
  configHome: string;
  program: AutostartProgram;
}

export interface OpenAtLogin {
  /** Turns the login start on or off. */
  set(open: boolean): void;
  /** At start: with the setting on, rewrites the Linux entry with this run's paths. */
  refresh(open: boolean): void;
}

export function autostartPath(configHome: string): string {
  return join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

export function createOpenAtLogin(deps: OpenAtLoginDeps): OpenAtLogin {
  if (deps.platform !== 'linux') {
    return {
      set: (open) => deps.setLoginItemSettings({ openAtLogin: open }),
      refresh: () => {},
    };
  }
  const file = autostartPath(deps.configHome);
  const set = (open: boolean) => {
    if (!open) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(dirname(file), { recursive: true });
    // Written to a temp name and renamed, so a session starting never reads half a file.
    const temp = `${file}.tmp`;
    writeFileSync(temp, autostartEntry(deps.program), { mode: 0o644 });
    renameSync(temp, file);
  };
  return {
    set,
    refresh: (open) => {
      if (open) set(true);
    },
  };
}

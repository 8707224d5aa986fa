// Where the app keeps its vault, so `trayotp vault …` opens the same one without --vault: the
// Electron userData folder of an app named "TrayOTP" (main/index.ts calls app.setName), or the
// folder TRAYOTP_USER_DATA points the app at. --vault PATH or TRAYOTP_VAULT name another one.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const VAULT_FILE_NAME = 'vault.trayotp';

type Env = Record<string, string | undefined>;

/** The vault a command works on: --vault PATH, else TRAYOTP_VAULT, else the app's own. */
export function vaultTarget(flag: string | undefined, env: Env): { path: string; named: boolean } {
  if (flag) return { path: flag, named: true };
  if (env.TRAYOTP_VAULT) return { path: env.TRAYOTP_VAULT, named: true };
  return { path: appVaultPath(env), named: false };
}

export function appVaultPath(
  env: Env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.TRAYOTP_USER_DATA) return join(env.TRAYOTP_USER_DATA, VAULT_FILE_NAME);
  return join(appDataFolder(env, platform, home), 'TrayOTP', VAULT_FILE_NAME);
}

/** Electron's app.getPath('appData') on each system. */
function appDataFolder(env: Env, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

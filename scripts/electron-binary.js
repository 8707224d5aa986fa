// Where Electron's binary is, found the way the electron package itself finds it:
// `require('electron')` in a child Node process. Electron 45's package has no install script; its
// index.js downloads the binary the first time it is required (install.js, through
// @electron/get), honouring ELECTRON_MIRROR, Electron's download cache (electron_config_cache)
// and ELECTRON_OVERRIDE_DIST_PATH. `npm start` and the _electron tests both use this, so both try
// the same download and, when it fails, say the same sentence.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(projectRoot, 'node_modules', 'electron');

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** The folder @electron/get caches downloads in (env-paths' cache folder for "electron"). */
export function electronCacheDir(env = process.env, platform = process.platform) {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  }
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'electron');
}

/** The one sentence for a machine where Electron's binary cannot be had, with every real fix. */
export function noElectronSentence(cause, env = process.env, platform = process.platform) {
  const executable =
    platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app' : 'electron';
  return (
    `Electron's binary could not be downloaded (${cause}); ` +
    'run `npm start` again where github.com is reachable, ' +
    "or set ELECTRON_MIRROR to a mirror of Electron's releases (e.g. https://npmmirror.com/mirrors/electron/), " +
    `or copy Electron's download cache (${electronCacheDir(env, platform)}) from a machine where \`npm start\` ran, ` +
    `or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding Electron ${electronVersion()}'s ${executable}.`
  );
}

// The child prints the path on fd 3, so the package's own "Downloading Electron binary..." can go
// to the person's terminal on stdout.
const CHILD = "require('node:fs').writeSync(3, String(require('electron')))";

/** The first error line the failed download printed (install.js prints the error's stack). */
function causeFrom(stderr) {
  const lines = stderr.split('\n').map((line) => line.trim());
  const error = lines.find((line) => /^[A-Za-z]*Error\b.*:/.test(line)) ?? lines.find(Boolean);
  return (error ?? 'no reason given').slice(0, 200);
}

/** The host the download asks (ELECTRON_MIRROR, as @electron/get reads it, or GitHub). */
function mirrorHost(env) {
  const mirror =
    env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR;
  try {
    return new URL(mirror || 'https://github.com/').host;
  } catch {
    return mirror;
  }
}

/**
 * Resolves Electron's binary, downloading it if needed. Resolves to `{ binary }`, or to
 * `{ problem }` (the sentence) when there is none; never rejects. `timeoutMs` bounds the download
 * (none by default: a first download is about 100 MB).
 */
export function resolveElectron({ env = process.env, timeoutMs, stdout = 'inherit' } = {}) {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD && !env.ELECTRON_OVERRIDE_DIST_PATH) {
    const pathFile = join(electronDir, 'path.txt');
    const binary = existsSync(pathFile)
      ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
      : undefined;
    return Promise.resolve(
      binary && existsSync(binary)
        ? { binary }
        : {
            problem: noElectronSentence(
              'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not tried',
              env,
            ),
          },
    );
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', CHILD], {
      cwd: projectRoot,
      env,
      // Its own process group, so a timeout also ends install.js, which it runs.
      detached: process.platform !== 'win32',
      stdio: ['ignore', stdout, 'pipe', 'pipe'],
    });
    let path = '';
    let stderr = '';
    child.stdio[3].on('data', (chunk) => (path += chunk));
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            try {
              process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ problem: noElectronSentence(error.message, env) });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ problem: noElectronSentence(`no answer within ${timeoutMs / 1000} s`, env) });
      } else if (status === 0 && path && existsSync(path)) {
        resolve({ binary: path });
      } else if (status === 0) {
        resolve({ problem: noElectronSentence(`there is no executable at ${path}`, env) });
      } else {
        resolve({
          problem: noElectronSentence(`${causeFrom(stderr)}, asking ${mirrorHost(env)}`, env),
        });
      }
    });
  });
}

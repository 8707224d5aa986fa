// `npm run package`: electron-builder, with its progress lines as they come, and — when it fails
// because a download failed (Electron's zip, fpm for the deb, the AppImage tools, NSIS…) — one
// line saying what could not be fetched, from where, and what to do, instead of its stack trace.
// Other failures are shown as electron-builder printed them. Arguments go to electron-builder
// (`npm run package -- --linux deb`). With ELECTRON_OVERRIDE_DIST_PATH set (as for `npm start`),
// that folder is the Electron packaged (electronDist), so nothing is downloaded for it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronCacheDir, projectRoot } from './electron-binary.js';

const require = createRequire(import.meta.url);

/** A network failure as got, Node and @electron/get word it. */
const NETWORK =
  /\b(?:getaddrinfo\s+)?(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|EPROTO|CERT_\w+|UNABLE_TO_GET_ISSUER_CERT\w*|SELF_SIGNED_CERT\w*)\b[^\n]*|\bHTTPError: Response code \d+[^\n]*|\bsocket hang up\b|\bTimeoutError\b[^\n]*/;

/** What a target downloads, and the one extra way around it where there is one. */
const TARGET_TOOLS = [
  [
    /^(?:deb|rpm|pacman|apk|freebsd|p5p|sh)$/i,
    'fpm (the tool that builds the deb)',
    'or install fpm (`gem install fpm`) and set USE_SYSTEM_FPM=true',
  ],
  [/^appimage$/i, 'the AppImage tools (appimagetool and its runtime)', ''],
  [/^(?:nsis|nsis-web|portable)$/i, 'NSIS (the Windows installer builder)', ''],
  [/^dmg$/i, 'the dmg tools', ''],
  [/^snap$/i, 'the snap template', ''],
];

/** electron-builder's own download cache (its getCacheDirectory, as of 26.x). */
export function builderCacheDir(env = process.env, platform = process.platform) {
  if (env.ELECTRON_BUILDER_CACHE?.trim()) return env.ELECTRON_BUILDER_CACHE.trim();
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron-builder');
  if (platform === 'win32') {
    return join(
      env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'),
      'electron-builder',
      'Cache',
    );
  }
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'electron-builder');
}

function field(line, name) {
  return new RegExp(`\\b${name}=(\\S+)`).exec(line)?.[1];
}

/** The host a network error names ("getaddrinfo ENOTFOUND github.com" → github.com). */
function hostOf(error) {
  const named =
    /(?:ENOTFOUND|EAI_AGAIN)\s+(\S+)/.exec(error) ??
    /(?:ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\s+(\S+)/.exec(error) ??
    /https?:\/\/([^/\s]+)/.exec(error);
  return named?.[1];
}

/**
 * The one line for electron-builder's output `text` when it failed on a download, or undefined
 * when the failure was something else.
 */
export function downloadFailureLine(text, env = process.env, platform = process.platform) {
  const lines = text.split('\n');
  const failed = lines.findIndex((line) => /^\s*⨯/.test(line));
  if (failed === -1) return undefined;
  const errorText = lines.slice(failed, failed + 3).join('\n');
  const network = NETWORK.exec(errorText);
  if (!network) return undefined;
  const cause = network[0].replace(/\s+(?:failedTask|stackTrace|error)=.*$/, '').trim();
  const before = lines.slice(0, failed + 1);
  const packaging = before.findLast((line) => /•\s+packaging\b/.test(line));
  const building = before.findLast((line) => /•\s+building\s+target=/.test(line));
  const failedTarget = /⨯\s+failed to build (\S+)/.exec(errorText)?.[1];
  const target = failedTarget ?? (building && field(building, 'target'));
  const host = hostOf(cause) ?? hostOf(errorText);
  const from = host ? ` from ${host}` : '';
  const builderCache = builderCacheDir(env, platform);

  if (target) {
    const [, what, extra] = TARGET_TOOLS.find(([pattern]) => pattern.test(target)) ?? [
      null,
      `what electron-builder needs for ${target}`,
      '',
    ];
    return (
      `TrayOTP was not packaged: electron-builder could not download ${what}${from} (${cause}); ` +
      'run `npm run package` again where github.com is reachable, ' +
      "or set ELECTRON_BUILDER_BINARIES_MIRROR to a mirror of electron-builder-binaries' releases, " +
      `or copy electron-builder's cache (${builderCache}) from a machine where \`npm run package\` ran` +
      (extra ? `, ${extra}.` : '.')
    );
  }
  if (
    packaging &&
    !before.some((line) => /using custom unpacked Electron distribution/.test(line))
  ) {
    const version = field(packaging, 'electron') ?? '';
    const os = field(packaging, 'platform') ?? platform;
    const arch = field(packaging, 'arch') ?? process.arch;
    const zip = `electron-v${version}-${os === 'mac' ? 'darwin' : os === 'windows' ? 'win32' : os}-${arch}.zip`;
    return (
      `TrayOTP was not packaged: electron-builder could not download Electron ${version} (${zip})${from} (${cause}); ` +
      'run `npm run package` again where github.com is reachable, ' +
      "or set ELECTRON_MIRROR to a mirror of Electron's releases (e.g. https://npmmirror.com/mirrors/electron/), " +
      `or copy Electron's download cache (${electronCacheDir(env, platform)}) from a machine where \`npm start\` or \`npm run package\` ran, ` +
      `or set ELECTRON_OVERRIDE_DIST_PATH (or -c.electronDist=DIR) to a folder holding that zip unpacked.`
    );
  }
  return (
    `TrayOTP was not packaged: electron-builder could not download a file it needs${from} (${cause}); ` +
    'run `npm run package` again where it is reachable, ' +
    `or copy electron-builder's cache (${builderCache}) from a machine where \`npm run package\` ran.`
  );
}

/** electron-builder's arguments: ELECTRON_OVERRIDE_DIST_PATH becomes electronDist. */
export function builderArgs(args, env = process.env) {
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!dist || args.some((arg) => arg.includes('electronDist'))) return args;
  return [...args, `-c.electronDist=${dist}`];
}

/**
 * Runs electron-builder; resolves to the exit status. Progress lines go to `out` as they come;
 * from its first error line on, output is held back until it is known whether it was a download.
 */
export function runPackage({
  args = process.argv.slice(2),
  env = process.env,
  out = (text) => process.stdout.write(text),
  err = (text) => process.stderr.write(text),
} = {}) {
  const cli = require.resolve('electron-builder/cli.js', { paths: [projectRoot] });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...builderArgs(args, env)], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: after a failed download got may keep retrying for half a minute
      // while electron-builder has already given up; the group is ended then.
      detached: process.platform !== 'win32',
    });
    let text = '';
    let pending = '';
    let failing = false;
    let grace;
    const take = (chunk) => {
      if (text.length < 1024 * 1024) text += chunk;
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, newline + 1);
        pending = pending.slice(newline + 1);
        if (/^\s*⨯/.test(line)) failing = true;
        if (!failing) out(line);
        if (failing && /failedTask=build/.test(line) && !grace) {
          grace = setTimeout(() => {
            try {
              process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, 3000);
        }
      }
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    child.on('error', (error) => {
      err(`TrayOTP was not packaged: electron-builder did not start (${error.message}).\n`);
      resolve(1);
    });
    child.on('close', (status) => {
      clearTimeout(grace);
      if (status === 0 && !failing) return resolve(0);
      const line = downloadFailureLine(text + pending, env);
      if (line) {
        err(`${line}\n`);
        return resolve(1);
      }
      // Not a download: electron-builder's own words, whole.
      const from = text.search(/^\s*⨯/m);
      err(from === -1 ? pending : text.slice(from) + pending);
      resolve(status || 1);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(await runPackage());
}

// `npm start`: find Electron's binary the way the electron package does (downloading it the first
// time, see electron-binary.js), build, then run the app in it. Where the binary cannot be had,
// say so in one sentence with the real fixes, instead of Electron's stack trace.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { projectRoot, resolveElectron } from './electron-binary.js';

function buildApp() {
  const app = spawnSync('npx', ['electron-vite', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (app.status !== 0) return app.status;
  // The extension and its native-messaging relay (extension/dist): the host launcher TrayOTP
  // writes in development runs that relay, and the unpacked extension is loaded from there.
  return spawnSync(process.execPath, ['extension/build.mjs'], {
    cwd: projectRoot,
    stdio: 'inherit',
  }).status;
}

/** Resolves Electron, builds, runs the app; returns the exit status. */
export async function start({ env = process.env, build = buildApp, log = console.error } = {}) {
  const electron = await resolveElectron({ env });
  if (!electron.binary) {
    log(`TrayOTP cannot start: ${electron.problem}`);
    return 1;
  }
  const built = build();
  if (built !== 0) return built ?? 1;
  const run = spawnSync(electron.binary, ['.'], { cwd: projectRoot, env, stdio: 'inherit' });
  return run.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(await start());
}

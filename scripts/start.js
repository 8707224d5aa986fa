// `npm start`: build, then run the app in Electron. Where Electron's binary was never downloaded
// (ELECTRON_SKIP_BINARY_DOWNLOAD, or a machine without access to its download host) say so in
// one sentence with the fix, instead of Electron's stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
if (!binary) {
  console.error(
    "TrayOTP cannot start because Electron's binary is not installed (npm skipped its download); fix it with `node node_modules/electron/install.js` on a machine that can reach Electron's download host, then run `npm start` again.",
  );
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(binary, ['.'], { stdio: 'inherit' });
process.exit(run.status ?? 0);

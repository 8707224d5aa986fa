// `npm run bench:cli`: how long the documented `trayotp code URI` takes to start, print a code and
// exit, next to a bare `node -e 0` of the same Node, measured in the same run (alternating, so
// all see the same machine load): the median of RUNS wall-clock runs each, and the ratios.
// The documented command is `trayotp` on the PATH after `npm link` (README § The command line);
// here it is linked into a throwaway npm prefix, so the person's global folder is not touched.
// `npx trayotp` (which rescans the project on every call) is timed a few times for contrast.
// `npm run build` first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RUNS = 15;
const NPX_RUNS = 3;
const URI = 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';
const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(root, 'out/main/cli.js'))) {
  console.error('bench:cli: out/main/cli.js is missing; run `npm run build` first');
  process.exit(2);
}

const prefix = mkdtempSync(join(tmpdir(), 'trayotp-bench-cli-'));
try {
  // What `npm link` does, into a prefix of our own: a symlink to bin/trayotp.js on a PATH.
  execFileSync('npm', ['link', '--no-audit', '--no-fund', '--silent'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, npm_config_prefix: prefix },
  });
  const linked = join(prefix, 'bin', 'trayotp');
  // The linked script starts with `#!/usr/bin/env node`: the same Node as `node` on the PATH.
  const node = execFileSync('node', ['-p', 'process.execPath'], { encoding: 'utf8' }).trim();

  const time = (file: string, args: string[]) => {
    const start = performance.now();
    execFileSync(file, args, { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'inherit'] });
    return performance.now() - start;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

  const bare: number[] = [];
  const code: number[] = [];
  time(node, ['-e', '0']); // a first run warms the file cache for both
  time(linked, ['code', URI]);
  for (let i = 0; i < RUNS; i++) {
    bare.push(time(node, ['-e', '0']));
    code.push(time(linked, ['code', URI]));
  }
  const npx: number[] = [];
  for (let i = 0; i < NPX_RUNS; i++) {
    const start = performance.now();
    execFileSync('npx', ['trayotp', 'code', URI], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    npx.push(performance.now() - start);
  }
  const [b, c, n] = [median(bare), median(code), median(npx)];
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`node ${version}, median of ${RUNS} runs each (npx: ${NPX_RUNS})`);
  console.log(`node -e 0                       ${b.toFixed(0).padStart(5)} ms`);
  console.log(
    `trayotp code URI (npm link)     ${c.toFixed(0).padStart(5)} ms   ×${(c / b).toFixed(2)} bare node (target ≤ 2)`,
  );
  console.log(
    `npx trayotp code URI            ${n.toFixed(0).padStart(5)} ms   ×${(n / b).toFixed(2)} bare node (not the documented way)`,
  );
} finally {
  rmSync(prefix, { recursive: true, force: true });
}

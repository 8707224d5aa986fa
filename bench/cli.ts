// `npm run bench:cli`: how long `trayotp code URI` takes to start, print a code and exit, next to
// a bare `node -e 0`, measured in the same run (alternating, so both see the same machine load):
// the median of RUNS wall-clock runs each, and their ratio. Runs the built launcher
// (bin/trayotp.js → out/main/cli.js) as a person does; `npm run build` first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RUNS = 15;
const URI = 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';
const launcher = fileURLToPath(new URL('../bin/trayotp.js', import.meta.url));
if (!existsSync(new URL('../out/main/cli.js', import.meta.url))) {
  console.error('bench:cli: out/main/cli.js is missing; run `npm run build` first');
  process.exit(2);
}

const time = (args: string[]) => {
  const start = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return performance.now() - start;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const bare: number[] = [];
const code: number[] = [];
time(['-e', '0']); // a first run warms the file cache for both
time([launcher, 'code', URI]);
for (let i = 0; i < RUNS; i++) {
  bare.push(time(['-e', '0']));
  code.push(time([launcher, 'code', URI]));
}
const [b, c] = [median(bare), median(code)];
console.log(`node ${process.version}, median of ${RUNS} runs each`);
console.log(`node -e 0            ${b.toFixed(0).padStart(5)} ms`);
console.log(`trayotp code URI     ${c.toFixed(0).padStart(5)} ms`);
console.log(`ratio                ${(c / b).toFixed(2).padStart(5)} × bare node (target ≤ 2)`);

// The hostile-input harness (issue 13, "Make the hunt permanent"): every input of ./generators
// against each entry point it names, each run in a child process under a memory and a time
// bound (./supervise.ts). A run passes with a result or one of the project's typed errors inside
// both bounds; a crash, an exhausted heap, a timeout or any other error fails it. One test per
// input and entry point, so a failure names both; a table of the whole run is printed at the end
// and written to test-results/hostile.txt (every run: test-results/hostile-runs.tsv).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allInputs } from './generators';
import type { HostileInput } from './generators';
import { LIMITS, buildRunner, runJob } from './supervise';
import type { JobResult } from './supervise';
import { allRuns, summaryTable } from './table';
import type { Row } from './table';

const PARALLEL_CHILDREN = 2;
/** The longest the app's main loop may stall while a file is read in the reading worker, ms. */
const MAX_STALL_MS = 100;
const results = fileURLToPath(new URL('../../test-results/', import.meta.url));

// HOSTILE_ONLY=part,part…: only the inputs whose names contain one of the parts (to rerun a few).
const only = process.env.HOSTILE_ONLY?.split(',').filter(Boolean);
const inputs = allInputs().filter(
  (input) => !only || only.some((part) => input.name.includes(part)),
);
const rows: Row[] = [];
let dir = '';
let runnerPath: Promise<string>;

/** At most PARALLEL_CHILDREN children at once, whatever vitest's own concurrency. */
const slots: (() => void)[] = [];
let running = 0;
async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_CHILDREN) await new Promise<void>((resolve) => slots.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    slots.shift()?.();
  }
}

/**
 * Every input is made before the first child starts: making the big ones is synchronous work
 * that would stall the watchdog's timer. Each file is deleted after its last target has run.
 */
const paths = new Map<string, string>();
const runsLeft = new Map<string, number>();
const fileOf = (index: number) => join(dir, `input-${index}`);
async function done(input: HostileInput, index: number): Promise<void> {
  const left = (runsLeft.get(input.name) ?? 1) - 1;
  runsLeft.set(input.name, left);
  if (left === 0) await rm(fileOf(index), { recursive: true, force: true });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trayotp-hostile-'));
  mkdirSync(results, { recursive: true });
  runnerPath = buildRunner(join(results, `hostile-runner-${process.pid}`));
  for (const [index, input] of inputs.entries()) {
    paths.set(input.name, await input.make(fileOf(index)));
    runsLeft.set(input.name, input.targets.length);
  }
}, 600_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  void runnerPath?.then((path) => rmSync(join(path, '..'), { recursive: true, force: true }));
  if (rows.length === 0) return;
  const table = summaryTable(rows, LIMITS);
  writeFileSync(join(results, 'hostile.txt'), `${table}\n`);
  writeFileSync(join(results, 'hostile-runs.tsv'), `${allRuns(rows)}\n`);
  console.log(`\n${table}\n`);
});

function verdictMessage(input: HostileInput, target: string, result: JobResult): string {
  return `${input.name} → ${target}: ${result.verdict} after ${result.cpuMs} ms CPU (${result.wallMs} ms wall) at ${result.peakRssMiB} MiB: ${result.detail}`;
}

describe.concurrent('hostile inputs', () => {
  inputs.forEach((input, index) => {
    for (const target of input.targets) {
      it(`${input.name} → ${target}`, async () => {
        const path = paths.get(input.name)!;
        const runner = await runnerPath;
        const job = {
          target,
          path,
          fileName: input.fileName,
          ...(input.password === undefined ? {} : { password: input.password }),
          ...(input.workerTimeMs === undefined ? {} : { workerTimeMs: input.workerTimeMs }),
        };
        const limits = { ...LIMITS, ...input.limits };
        const result = await inSlot(() => runJob(runner, job, limits));
        rows.push({ input: input.name, target, result });
        await done(input, index);
        expect(result.verdict, verdictMessage(input, target, result)).toBe('pass');
        if (target === 'import') {
          expect(result.stallMs, `${input.name}: the main loop's longest stall`).toBeLessThan(
            MAX_STALL_MS,
          );
        }
      });
    }
  });
});

// The harness's own judge, checked with stand-in children that misbehave on purpose: each way a
// run can fail must be caught and named, and only a result or a typed error passes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_MARKER } from './job';
import type { ChildReport, Job, Outcome } from './job';
import { moved, runJob } from './supervise';
import type { Threads, Verdict } from './supervise';

const dir = mkdtempSync(join(tmpdir(), 'trayotp-hostile-judge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Small CPU, memory and idle bounds; a generous wall limit, since the machine may be busy.
const limits = { heapMiB: 64, rssMiB: 400, cpuMs: 2_000, idleMs: 3_000, wallMs: 90_000 };
const job: Job = { target: 'import', path: '/nonexistent', fileName: 'x' };

function report(outcome: Outcome): string {
  const line: ChildReport = { outcome, ms: 1, cpuMs: 1, maxRssKiB: 1 };
  return `process.stdout.write(${JSON.stringify(`${REPORT_MARKER}${JSON.stringify(line)}\n`)}, () => process.exit(0));`;
}

const children: { name: string; source: string; verdict: Verdict }[] = [
  {
    name: 'answers with a result',
    source: report({ kind: 'result', summary: 'ok' }),
    verdict: 'pass',
  },
  {
    name: 'answers with a typed error',
    source: report({
      kind: 'typed-error',
      errorName: 'ImportError',
      code: 'damaged',
      message: 'bad',
    }),
    verdict: 'pass',
  },
  {
    name: 'answers with an untyped error',
    source: report({
      kind: 'untyped-error',
      errorName: 'TypeError',
      message: 'x is undefined',
      stack: '',
    }),
    verdict: 'untyped-error',
  },
  { name: 'spins on the CPU', source: 'for (;;) {}', verdict: 'timeout' },
  {
    name: 'waits forever without the CPU',
    source: 'setTimeout(() => {}, 600_000);',
    verdict: 'hang',
  },
  {
    name: 'grows its resident set outside the heap',
    source: 'const kept = []; setInterval(() => kept.push(Buffer.alloc(64 * 1024 * 1024, 1)), 5);',
    verdict: 'memory',
  },
  {
    name: 'exhausts the V8 heap',
    source: 'const kept = []; for (;;) kept.push({ a: Math.random(), b: [1, 2, 3] });',
    verdict: 'heap-oom',
  },
  { name: 'dies without answering', source: 'process.exit(7);', verdict: 'crash' },
];

describe('the judge of a hostile run', () => {
  it.for(children)('a child that $name is judged $verdict', async ({ name, source, verdict }) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.mjs`);
    writeFileSync(path, source);
    const result = await runJob(path, job, limits);
    expect(result.verdict, result.detail).toBe(verdict);
    if (verdict === 'memory') expect(result.peakRssMiB).toBeGreaterThanOrEqual(limits.rssMiB);
    if (verdict === 'timeout') expect(result.cpuMs).toBeGreaterThan(limits.cpuMs);
  });
});

describe('a child whose CPU time stands still', () => {
  const threads = (runnable: number, demand: [string, number][]): Threads => ({
    demand: new Map(demand),
    runnable,
    states: '',
  });
  it('is starved, not hung, while a thread is runnable (waiting for a core)', () => {
    const before = threads(0, [['1', 500]]);
    expect(moved(before, threads(1, [['1', 500]]))).toBe(true);
  });
  it('moved when a thread ran or waited on a run queue since the last look', () => {
    expect(moved(threads(0, [['1', 500]]), threads(0, [['1', 501]]))).toBe(true);
    expect(
      moved(
        threads(0, [['1', 500]]),
        threads(0, [
          ['1', 500],
          ['2', 0],
        ]),
      ),
    ).toBe(true);
  });
  it('stands still when every thread sleeps and none ran', () => {
    expect(moved(threads(0, [['1', 500]]), threads(0, [['1', 500]]))).toBe(false);
  });
});

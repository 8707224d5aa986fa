// The parent side of the harness: runs one job in a child process under memory and time bounds
// and judges it. The child runs with a V8 heap cap (--max-old-space-size); a watchdog here reads
// its resident set and CPU time from /proc/<pid>/ every few milliseconds and kills it past either
// cap (native memory — sharp, WebAssembly, Buffers, the KDFs — is outside V8's heap). Time is
// bounded as CPU time, which the machine's other load does not inflate. A child is hung when none
// of its threads has run or wanted to run for a while: it waits on nothing (a FIFO nobody writes
// to). A thread that is runnable but waits for a core (a niced reading worker on a loaded 2-core
// machine got no tick for 10 s in CI) is starved, not hung, and is judged by the CPU and wall
// bounds instead. A last wall-clock deadline catches anything else. An address-space limit
// (prlimit --as) is not used: WebAssembly reserves gigabytes of address space it never touches.
// The child is the runner bundled by esbuild (as the app itself is bundled), not run through
// tsx: that halves each child's start-up, which is most of the suite's time.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { REPORT_MARKER } from './job';
import type { ChildReport, Job, Outcome } from './job';

export const LIMITS = {
  /** V8's old-generation heap of the child, MiB. */
  heapMiB: 256,
  /**
   * Peak resident set of the child, MiB: the 1 GiB the project itself allows a KDF (Ente's and
   * Bitwarden's Argon2id, a vault's passphrase slot) plus the runtime (about 100 MiB).
   */
  rssMiB: 1280,
  /** CPU time of the child, all its threads, start-up (about 0.4 s) included, ms. */
  cpuMs: 10_000,
  /** How long the child's CPU time may stand still (it waits on nothing that will come), ms. */
  idleMs: 10_000,
  /** Wall time from spawn to answer, whatever the child does (a starved machine), ms. */
  wallMs: 100_000,
};

export type Limits = typeof LIMITS;

const POLL_MS = 10;
const root = fileURLToPath(new URL('../../', import.meta.url));
const TICK_MS = 10; // /proc times are in clock ticks: USER_HZ, 100 on Linux

/**
 * Bundles runner.ts (and the Argon2id and reading workers, which must sit beside it) into
 * `outDir`, which must be inside the project so the packages resolve from node_modules.
 * Returns the runner's path.
 */
export async function buildRunner(outDir: string): Promise<string> {
  await build({
    // The workers sit beside the runner under their built names, where their clients look.
    entryPoints: {
      runner: `${root}tests/hostile/runner.ts`,
      'argon2id-worker': `${root}main/vault/argon2id-worker.ts`,
      'import-worker': `${root}main/import-worker/worker.ts`,
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // One chunk per dynamic import: a child loads only its target's modules and packages.
    splitting: true,
    outdir: outDir,
    entryNames: '[name]',
    logLevel: 'warning',
  });
  return `${outDir}/runner.js`;
}

export type Verdict =
  'pass' | 'timeout' | 'hang' | 'memory' | 'heap-oom' | 'crash' | 'untyped-error';

export interface JobResult {
  verdict: Verdict;
  /** What happened, in a line: the error (typed or not), the summary, or how the child died. */
  detail: string;
  outcome?: Outcome;
  cpuMs: number;
  wallMs: number;
  peakRssMiB: number;
  /** A typed error whose message carries an engine failure (stack overflow, string too long). */
  engineErrorInMessage: boolean;
  /** For 'import': the child's longest main-loop stall while the file was read (busy), ms. */
  stallMs?: number;
  /** …and its longest wall-clock gap, waiting for a core included, ms. */
  wallStallMs?: number;
}

const ENGINE_FAILURE =
  /Maximum call stack|Invalid string length|Invalid array length|Array buffer allocation failed|out of memory|Invalid typed array length/i;

interface Usage {
  rssKiB: number;
  hwmKiB: number;
  cpuMs: number;
}

/**
 * What the child's threads are doing, from /proc/<pid>/task/: `demand` grows while any thread runs
 * or waits on a run queue (schedstat's run and wait times, ns), `runnable` counts the threads that
 * are running, waiting for a core (R) or in the kernel without a wake-up to wait for (D: a page
 * fault, reclaim). Undefined once the child has gone.
 */
export interface Threads {
  demand: Map<string, number>;
  runnable: number;
  states: string;
}

function threadsOf(pid: number): Threads | undefined {
  try {
    const demand = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const state = stat.charAt(stat.lastIndexOf(')') + 2);
        counts.set(state, (counts.get(state) ?? 0) + 1);
        const [run = 0, wait = 0] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
          .split(' ')
          .map(Number);
        demand.set(tid, run + wait);
      } catch {
        // this thread ended between the listing and the read, or no schedstat (the states judge)
      }
    }
    const runnable = (counts.get('R') ?? 0) + (counts.get('D') ?? 0);
    const states = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
    return { demand, runnable, states };
  } catch {
    return undefined;
  }
}

/** Whether a thread ran, or waited for a core, since `before` was read; a new thread counts. */
export function moved(before: Threads | undefined, after: Threads): boolean {
  if (after.runnable > 0) return true;
  for (const [tid, value] of after.demand) {
    if (value > (before?.demand.get(tid) ?? -1)) return true;
  }
  return false;
}

function usageOf(pid: number): Usage | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    // /proc/<pid>/stat: after "(comm)", utime and stime are the 12th and 13th fields.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = (Number(rest[11]) + Number(rest[12])) * TICK_MS;
    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM'), cpuMs };
  } catch {
    return undefined; // exited between two polls
  }
}

export function runJob(runner: string, job: Job, limits: Limits = LIMITS): Promise<JobResult> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${limits.heapMiB}`, runner, JSON.stringify(job)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.length > 1_000_000) stdout = stdout.slice(-100_000);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (stderr.length > 100_000) stderr = stderr.slice(-20_000);
  });
  let peakKiB = 0;
  let cpuMs = 0;
  let killedFor: 'timeout' | 'hang' | 'memory' | undefined;
  let cpuMovedAt = started;
  let lastTick = started;
  let threads: Threads | undefined;
  let threadsReadAt = 0;
  const watchdog = setInterval(() => {
    const now = performance.now();
    // This process (the test worker) may itself stall, generating the next input; the child
    // was not watched meanwhile, so the stall does not count as the child standing still.
    if (now - lastTick > 1_000) cpuMovedAt = now;
    lastTick = now;
    const usage = child.pid === undefined ? undefined : usageOf(child.pid);
    // Gone from /proc: it has exited, and 'close' tells how; never call that a hang.
    if (!usage && child.exitCode === null && child.signalCode === null) cpuMovedAt = now;
    if (!usage) return;
    peakKiB = Math.max(peakKiB, usage.rssKiB, usage.hwmKiB);
    if (usage.cpuMs > cpuMs) cpuMovedAt = now;
    cpuMs = Math.max(cpuMs, usage.cpuMs);
    // Ticks of CPU did not move: did a thread want to run (starved, not hung)? Read every 100 ms.
    if (now - cpuMovedAt > 100 && now - threadsReadAt > 100 && child.pid !== undefined) {
      threadsReadAt = now;
      const current = threadsOf(child.pid);
      if (current && moved(threads, current)) cpuMovedAt = now;
      threads = current ?? threads;
    }
    if (killedFor) return;
    if (peakKiB > limits.rssMiB * 1024) killedFor = 'memory';
    else if (cpuMs > limits.cpuMs) killedFor = 'timeout';
    else if (now - cpuMovedAt > limits.idleMs || now - started > limits.wallMs) killedFor = 'hang';
    if (killedFor) child.kill('SIGKILL');
  }, POLL_MS);

  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      const wallMs = Math.round(performance.now() - started);
      const line = stdout.split('\n').find((l) => l.startsWith(REPORT_MARKER));
      const report = line
        ? (JSON.parse(line.slice(REPORT_MARKER.length)) as ChildReport)
        : undefined;
      if (report) {
        peakKiB = Math.max(peakKiB, report.maxRssKiB);
        cpuMs = Math.max(cpuMs, report.cpuMs);
      }
      const peakRssMiB = Math.round(peakKiB / 1024);
      const base = {
        cpuMs: Math.round(cpuMs),
        wallMs,
        peakRssMiB,
        engineErrorInMessage: false,
        ...(report?.stallMs === undefined ? {} : { stallMs: Math.round(report.stallMs) }),
        ...(report?.wallStallMs === undefined
          ? {}
          : { wallStallMs: Math.round(report.wallStallMs) }),
      };
      const judge = (verdict: Verdict, detail: string, outcome?: Outcome) =>
        resolve({ ...base, verdict, detail, ...(outcome ? { outcome } : {}) });
      if (killedFor === 'memory' || peakRssMiB > limits.rssMiB) {
        judge('memory', `resident set reached ${peakRssMiB} MiB (cap ${limits.rssMiB}); killed`);
        return;
      }
      if (killedFor === 'timeout' || cpuMs > limits.cpuMs) {
        judge('timeout', `used ${base.cpuMs} ms of CPU (cap ${limits.cpuMs}); killed`);
        return;
      }
      if (killedFor === 'hang') {
        judge(
          'hang',
          `no answer after ${wallMs} ms of wall time (${base.cpuMs} ms of CPU; no thread ran or waited for a core in the last ${limits.idleMs} ms; threads: ${threads?.states ?? 'unknown'}; ${report ? `its answer (${report.outcome.kind}) was given, then it did not exit` : 'no answer given'}); killed`,
        );
        return;
      }
      if (!report) {
        const heap = /heap out of memory|Allocation failed/i.test(stderr);
        const tail = stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
        judge(
          heap ? 'heap-oom' : 'crash',
          `${heap ? `V8 heap (${limits.heapMiB} MiB) exhausted` : 'died'} (exit ${code ?? signal}): ${tail}`,
        );
        return;
      }
      const { outcome } = report;
      if (outcome.kind === 'untyped-error') {
        judge('untyped-error', `${outcome.errorName}: ${outcome.message.slice(0, 200)}`, outcome);
      } else if (outcome.kind === 'typed-error') {
        resolve({
          ...base,
          outcome,
          verdict: 'pass',
          engineErrorInMessage: ENGINE_FAILURE.test(outcome.message),
          detail: `${outcome.errorName}(${outcome.code}): ${outcome.message.slice(0, 200)}`,
        });
      } else {
        judge('pass', outcome.summary, outcome);
      }
    });
  });
}

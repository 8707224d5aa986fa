// The reading worker (issue 24): a foreign file is parsed in a worker thread under the worker
// budget, and whatever the file does there (exhaust the heap, overrun the time, kill the thread)
// comes back as one ImportError while the caller's event loop keeps answering.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../main/importers/errors';
import { WORKER_BUDGET } from '../../../main/importers/budgets';
import { detectForeignFile, readForeignFile } from '../../../main/import-worker/client';
import { testdataPath } from '../../support/testdata';

const aegis = async (file: string) => ({
  fileName: file,
  bytes: new Uint8Array(await readFile(testdataPath(`interop/aegis/${file}`))),
});

/** A JSON array of `count` small objects: a few MB of text, ten times more once parsed. */
function manyObjects(count: number): Uint8Array {
  const item = '{"a":[1]},';
  const text = `[${item.repeat(count).slice(0, -1)}]`;
  return new TextEncoder().encode(text);
}

/**
 * What this thread did while `work` ran: how often a 10 ms timer ran, and the most CPU time this
 * thread spent between two runs (its event loop held by its own work). Wall-clock gaps also count
 * waiting for a core, which on this shared machine reaches hundreds of ms whatever the code does.
 */
async function loopDuring(work: () => Promise<unknown>) {
  const cpu = () => {
    const { user, system } = process.threadCpuUsage();
    return (user + system) / 1000;
  };
  const started = performance.now();
  let lastCpu = cpu();
  let longestBusyMs = 0;
  let ticks = 0;
  const tick = () => {
    const now = cpu();
    longestBusyMs = Math.max(longestBusyMs, now - lastCpu);
    lastCpu = now;
    ticks++;
  };
  const timer = setInterval(tick, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
    tick();
  }
  return { durationMs: performance.now() - started, longestBusyMs, ticks };
}

async function rejection(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError, got none');
}

describe('the reading worker', () => {
  it('reads a file and detects its format off the main thread', async () => {
    const input = await aegis('aegis_encrypted.json');
    expect(await detectForeignFile(input)).toMatchObject({ id: 'aegis', encrypted: true });
    const stages: string[] = [];
    const result = await readForeignFile(
      input,
      { password: 'test' },
      { onProgress: ({ stage }) => stages.push(stage) },
    );
    expect(result.format).toBe('aegis');
    expect(result.entries).toHaveLength(7);
    expect(stages).toContain('deriving-key');
    expect(stages.at(-1)).toBe('done');
  });

  it("brings the importers' own errors back typed, with their code", async () => {
    const input = await aegis('aegis_encrypted.json');
    const error = await rejection(readForeignFile(input, { password: 'wrong' }));
    expect(error.code).toBe('wrong-password');
    const named = await detectForeignFile(input, 'bitwarden');
    expect(named).toMatchObject({ id: 'bitwarden', confidence: 0 });
    expect(named.looksLike).toMatch(/Aegis/);
  });

  it('a file that exhausts the heap ends as "needs more memory", and the loop keeps answering', async () => {
    const input = { fileName: 'many.json', bytes: manyObjects(800_000) };
    let error: ImportError | undefined;
    const loop = await loopDuring(async () => {
      error = await rejection(readForeignFile(input, {}, {}, { budget: { heapMiB: 48 } }));
    });
    expect(error!.code).toBe('too-large');
    expect(error!.message).toMatch(
      /^This file needs more memory than TrayOTP allows for an import \(48 MiB\)/,
    );
    // The main thread's 10 ms timer kept firing while the worker filled its heap and was killed,
    // and this thread was never busy for 100 ms at a stretch.
    expect(loop.ticks).toBeGreaterThan(loop.durationMs / 10 / 4);
    expect(loop.longestBusyMs).toBeLessThan(100);
  });

  it('a read that overruns the time budget is stopped with a sentence', async () => {
    const input = await aegis('aegis_encrypted.json');
    const error = await rejection(
      readForeignFile(input, { password: 'test' }, {}, { budget: { timeMs: 150 } }),
    );
    expect(error.code).toBe('too-costly');
    expect(error.message).toMatch(/takes longer to read than TrayOTP allows .*0\.2 s/);
  });

  it('a worker that dies becomes a one-line error', async () => {
    const script = new URL('data:text/javascript,process.exit(3)');
    const error = await rejection(
      readForeignFile(await aegis('aegis_plain.json'), {}, {}, { location: () => ({ script }) }),
    );
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/file reader stopped .*status 3/);
  });

  it('cancelling terminates the worker and rejects as cancelled', async () => {
    const input = await aegis('aegis_encrypted.json');
    const controller = new AbortController();
    const reading = readForeignFile(
      input,
      { password: 'test' },
      {
        signal: controller.signal,
        onProgress: ({ stage }) => stage === 'deriving-key' && controller.abort(),
      },
    );
    expect((await rejection(reading)).code).toBe('cancelled');
  });

  it('a large result comes back whole and in order (sent in parts)', async () => {
    const lines = Array.from(
      { length: 5_000 },
      (_, i) => `otpauth://totp/Site${i}:user?secret=JBSWY3DPEHPK3PXP&issuer=Site${i}`,
    );
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\nnot a link\n`);
    const result = await readForeignFile({ fileName: 'links.txt', bytes });
    expect(result.entries).toHaveLength(5_000);
    expect(result.entries.map((e) => e.account.issuer)).toEqual(lines.map((_, i) => `Site${i}`));
    expect(result.skipped).toHaveLength(1);
  });

  it('runs under the budget from budgets.ts by default', () => {
    expect(WORKER_BUDGET).toMatchObject({ heapMiB: 384, stackMiB: 4, timeMs: 60_000 });
  });
});

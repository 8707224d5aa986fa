// The pool of QR workers for several displays (issue 19): bounded by cores and by memory, results
// in the frames' order and each as soon as it is ready, a crashed worker replaced, shutdown
// closing every worker. Fakes stand in for workers where only the scheduling is under test.
import { describe, expect, it } from 'vitest';
import { QrError } from '../../../main/qr';
import type { Frame, ScanResult } from '../../../main/qr';
import { QrWorker } from '../../../main/qr/worker-client';
import { QrWorkerPool, scanCost, workersForCores } from '../../../main/qr/worker-pool';
import { renderFrame } from '../../support/qr-frame';

const source = new URL('../../../main/qr/worker.ts', import.meta.url);
const crashing = new URL('./support/crashing-worker.ts', import.meta.url);
const tsx = { execArgv: ['--import', import.meta.resolve('tsx')], warmUp: false };
const key = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

/** A worker that answers when the test says so, counting how many scans run at once. */
class FakeWorker {
  static running = 0;
  static most = 0;
  static created = 0;
  alive = true;
  closed = false;
  readonly answers: (() => void)[] = [];
  constructor() {
    FakeWorker.created++;
  }
  scan(frame: Frame): Promise<ScanResult> {
    FakeWorker.running++;
    FakeWorker.most = Math.max(FakeWorker.most, FakeWorker.running);
    return new Promise((resolve) => {
      this.answers.push(() => {
        FakeWorker.running--;
        resolve({
          texts: [String(frame.width)],
          otpauth: [],
          codes: [],
          decodeMs: 1,
          passes: [],
          wholeFrame: 'ran',
        });
      });
    });
  }
  async close() {
    this.closed = true;
    this.alive = false;
  }
}

function fakePool(size: number, freeBytes: number) {
  FakeWorker.running = 0;
  FakeWorker.most = 0;
  FakeWorker.created = 0;
  const workers: FakeWorker[] = [];
  const pool = new QrWorkerPool(
    size,
    () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as QrWorker;
    },
    { freeMemory: () => freeBytes },
  );
  return { pool, workers };
}

const frameOf = (width: number, bytes = width * 4): Frame => ({
  data: new Uint8Array(bytes),
  width,
  height: 1,
  stride: width * 4,
  format: 'rgba',
});

/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('workersForCores', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [16, 15],
  ])('%i cores: %i workers', (cores, workers) => {
    expect(workersForCores(cores)).toBe(workers);
  });
});

describe('QrWorkerPool scheduling', () => {
  it('runs at most `size` scans at once, starts workers lazily, keeps the frames’ order', async () => {
    const { pool, workers } = fakePool(2, 64 * 2 ** 30);
    const heard: number[] = [];
    const all = pool.scanAll(
      [100, 200, 300].map((w) => frameOf(w)),
      {},
      (_r, i) => heard.push(i),
    );
    await settle();
    expect(FakeWorker.running).toBe(2);
    expect(workers).toHaveLength(2);
    // The second display answers first: it is heard first, the third starts on its worker.
    workers[1]!.answers.shift()!();
    await settle();
    expect(heard).toEqual([1]);
    expect(FakeWorker.running).toBe(2);
    workers[0]!.answers.shift()!();
    await settle();
    workers[1]!.answers.shift()!();
    const results = await all;
    expect(results.map((r) => r.texts[0])).toEqual(['100', '200', '300']);
    expect(heard).toEqual([1, 0, 2]);
    expect(FakeWorker.most).toBe(2);
    expect(FakeWorker.created).toBe(2);
  });

  it('runs one 7680×2160 frame at a time when memory is short', async () => {
    const bytes = 7680 * 2160 * 4;
    // Room for one scan of such a frame, not two (the budget is a quarter of free memory).
    const { pool, workers } = fakePool(4, 4 * scanCost(bytes) * 1.5);
    const all = pool.scanAll([1, 2, 3].map((w) => frameOf(w, bytes)));
    for (let i = 0; i < 3; i++) {
      await settle();
      expect(FakeWorker.running).toBe(1);
      workers.find((w) => w.answers.length > 0)!.answers.shift()!();
    }
    await all;
    expect(FakeWorker.most).toBe(1);
  });

  it('start() starts the workers before the first scan, no more than `size`', async () => {
    const { pool, workers } = fakePool(2, 64 * 2 ** 30);
    pool.start(5);
    expect(workers).toHaveLength(2);
    const both = pool.scanAll([frameOf(1), frameOf(2)]);
    await settle();
    expect(FakeWorker.created).toBe(2);
    for (const worker of workers) worker.answers.shift()!();
    await both;
    await pool.close();
  });

  it('shutdown closes every worker and fails the queued scans with a typed error', async () => {
    const { pool, workers } = fakePool(1, 64 * 2 ** 30);
    void pool.scan(frameOf(1)).catch(() => undefined);
    const queued = pool.scan(frameOf(2)).catch((e: unknown) => e);
    await settle();
    await pool.close();
    expect(workers.every((w) => w.closed)).toBe(true);
    expect(await queued).toMatchObject({ name: 'QrError', code: 'worker-failed' });
    expect(await pool.scan(frameOf(3)).catch((e: unknown) => e)).toBeInstanceOf(QrError);
  });
});

describe('QrWorkerPool with real workers', () => {
  it('a crashed worker fails its scan with a typed error and is replaced', async () => {
    let made = 0;
    const pool = new QrWorkerPool(1, () =>
      made++ === 0 ? new QrWorker(crashing, tsx) : new QrWorker(source, tsx),
    );
    try {
      const frame = () =>
        renderFrame({ width: 640, height: 480, codes: [{ text: key, x: 60, y: 60, module: 4 }] });
      const error = await pool.scan(frame()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QrError);
      expect(error).toMatchObject({
        code: 'worker-failed',
        message: 'The QR decoder stopped: it exited with status 7. Try scanning again.',
      });
      expect((await pool.scan(frame())).otpauth).toEqual([key]);
      expect(made).toBe(2);
      expect(pool.workers).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

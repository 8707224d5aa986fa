// Several QR workers, for the frames of several displays at once (issue 19). Bounded by cores
// (the main thread and the other processes need some) and by memory: each scan under way holds
// its frame (a 7680×2160 RGBA frame is 66 MB) and about as much again in gray copies and ZXing's
// buffers, so frames wait in the pool's queue, not in a worker, until the budget allows them.
// A worker that crashes fails its own scan with a typed error and is replaced for the next one.
import { availableParallelism, freemem } from 'node:os';
import { QrError } from './errors';
import type { Frame } from './frame';
import type { ScanOptions, ScanResult } from './pipeline';
import type { QrWorker } from './worker-client';

/** A worker's own heap and ZXing's wasm memory before any frame. */
export const WORKER_BASE_BYTES = 48 * 1024 * 1024;

/**
 * Memory one scan under way holds: its frame, about as much again in gray copies and ZXing's
 * buffers (the whole-frame read of an 8K frame: 16.6 MB gray, its PGM copy, ZXing's luminance
 * and binarized copies), and the worker itself.
 */
export function scanCost(frameBytes: number): number {
  return 2 * frameBytes + WORKER_BASE_BYTES;
}

/**
 * Workers worth running on this machine: one a core, less one for the main thread and the rest
 * of the desktop, but two on a two-core machine (the main thread idles while they decode).
 */
export function workersForCores(cores = availableParallelism()): number {
  return Math.max(1, cores <= 2 ? cores : cores - 1);
}

export interface QrWorkerPoolOptions {
  /** Free memory in bytes (os.freemem by default); a quarter of it is the pool's budget. */
  freeMemory?: () => number;
}

interface Task {
  frame: Frame;
  options: Omit<ScanOptions, 'now'>;
  bytes: number;
  resolve: (result: ScanResult) => void;
  reject: (error: Error) => void;
}

export class QrWorkerPool {
  private readonly idle: QrWorker[] = [];
  private readonly busy = new Set<QrWorker>();
  private readonly queue: Task[] = [];
  private running = 0;
  private runningBytes = 0;
  private closed = false;
  private readonly freeMemory: () => number;

  /**
   * @param size the most workers at once (`workersForCores()` is a good default)
   * @param create a new worker; called lazily, and again to replace one that crashed
   */
  constructor(
    readonly size: number,
    private readonly create: () => QrWorker,
    options: QrWorkerPoolOptions = {},
  ) {
    this.freeMemory = options.freeMemory ?? freemem;
  }

  /**
   * Starts the workers now rather than on the first scan: each loads ZXing and warms up (a few
   * hundred ms), which the person's first scan would otherwise wait for. Call it at app start.
   */
  start(count = this.size): void {
    while (!this.closed && this.idle.length + this.busy.size < Math.min(count, this.size)) {
      this.idle.push(this.create());
    }
  }

  /** Decode one frame on the first worker free; its buffer is transferred to that worker. */
  scan(frame: Frame, options: Omit<ScanOptions, 'now'> = {}): Promise<ScanResult> {
    if (this.closed) {
      return Promise.reject(
        new QrError('worker-failed', 'The QR decoder has been shut down; restart TrayOTP.'),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ frame, options, bytes: frame.data.byteLength, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Every frame, in parallel as far as the bounds allow; results in the frames' order. `onResult`
   * hears each as soon as it is decoded (the first key found can be shown at once).
   */
  scanAll(
    frames: Frame[],
    options: Omit<ScanOptions, 'now'> = {},
    onResult?: (result: ScanResult, index: number) => void,
  ): Promise<ScanResult[]> {
    return Promise.all(
      frames.map(async (frame, index) => {
        const result = await this.scan(frame, options);
        onResult?.(result, index);
        return result;
      }),
    );
  }

  /** Workers started and not known dead (for tests and diagnostics). */
  get workers(): number {
    return this.idle.filter((w) => w.alive).length + this.busy.size;
  }

  /** Ends every worker; scans still queued fail with a typed error. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      task.reject(new QrError('worker-failed', 'The QR decoder was shut down before this scan.'));
    }
    await Promise.all(this.idle.splice(0).map((worker) => worker.close()));
    await Promise.all([...this.busy].map((worker) => worker.close()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.running < Math.max(1, this.size)) {
      const next = this.queue[0]!;
      const budget = this.freeMemory() / 4;
      // The first scan always runs; more only while their frames and work fit the budget.
      if (this.running > 0 && this.runningBytes + scanCost(next.bytes) > budget) {
        return;
      }
      this.queue.shift();
      this.run(next);
    }
  }

  private run(task: Task): void {
    let worker = this.idle.pop();
    while (worker && !worker.alive) worker = this.idle.pop();
    worker ??= this.create();
    this.running++;
    this.runningBytes += scanCost(task.bytes);
    this.busy.add(worker);
    const done = () => {
      this.running--;
      this.runningBytes -= scanCost(task.bytes);
      this.busy.delete(worker);
      // A worker that crashed is dropped here; the next scan creates its replacement.
      if (worker.alive && !this.closed) this.idle.push(worker);
      this.dispatch();
    };
    worker.scan(task.frame, task.options).then(
      (result) => {
        done();
        task.resolve(result);
      },
      (error: Error) => {
        done();
        task.reject(error);
      },
    );
  }
}

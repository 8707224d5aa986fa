// The main thread's side of the QR worker: send a frame, await its texts. The frame's pixel
// buffer is transferred, not copied, when the frame owns all of it (a 7680×2160 BGRA frame is
// 66 MB: copying it would block the event loop for tens of milliseconds).
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';
import { QrError } from './errors';
import type { Frame } from './frame';
import type { ScanOptions, ScanResult } from './pipeline';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

export class QrWorker {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (result: ScanResult) => void; reject: (error: Error) => void }
  >();

  /**
   * @param script the built worker (`new URL('./qr-worker.js', import.meta.url)` from
   *   out/main/index.js), or main/qr/worker.ts with `execArgv: ['--import', 'tsx']` from source.
   */
  constructor(
    script: URL,
    options: Pick<WorkerOptions, 'execArgv'> & {
      /** Decode two made-up screens at start so the first real scan is fast (default true). */
      warmUp?: boolean;
    } = {},
  ) {
    const { warmUp = true, ...workerOptions } = options;
    this.worker = new Worker(script, { ...workerOptions, workerData: { warmUp } });
    this.worker.unref(); // an idle decoder never keeps the process alive
    this.worker.on('message', (reply: WorkerReply) => {
      const request = this.pending.get(reply.id);
      if (!request) return;
      this.pending.delete(reply.id);
      if ('result' in reply) request.resolve(reply.result);
      else {
        const code = reply.error.code ?? 'worker-failed';
        request.reject(new QrError(code, reply.error.message));
      }
    });
    this.worker.on('error', (error) => {
      this.dead = true;
      this.failAll(error.message);
    });
    this.worker.on('exit', (status) => {
      this.dead = true;
      this.failAll(`it exited with status ${status}`);
    });
  }

  private dead = false;

  /** False once the worker crashed, exited or was closed: a pool replaces it. */
  get alive(): boolean {
    return !this.dead;
  }

  /**
   * Decode a frame in the worker. With `transfer` (default: when the frame's bytes are its whole
   * buffer) the caller's buffer is handed over and unusable afterwards.
   */
  scan(
    frame: Frame,
    options: Omit<ScanOptions, 'now'> = {},
    transfer = frame.data.byteOffset === 0 &&
      frame.data.byteLength === frame.data.buffer.byteLength,
  ): Promise<ScanResult> {
    const id = this.nextId++;
    const request: WorkerRequest = { id, frame, options };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref(); // keep the process alive while a scan is under way
      const buffer = frame.data.buffer;
      if (transfer && buffer instanceof ArrayBuffer) {
        try {
          this.worker.postMessage(request, [buffer]);
          return;
        } catch {
          // Some native buffers cannot be detached (DataCloneError): send a copy instead.
        }
      }
      this.worker.postMessage(request);
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    }) as Promise<ScanResult>;
  }

  /** Scans posted and not answered yet. */
  get busy(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }

  private failAll(reason: string): void {
    for (const { reject } of this.pending.values()) {
      reject(
        new QrError('worker-failed', `The QR decoder stopped: ${reason}. Try scanning again.`),
      );
    }
    this.pending.clear();
  }
}

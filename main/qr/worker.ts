// The QR worker (worker_threads): decodes frames off the main thread so the tray, hotkeys and
// IPC stay responsive while a 7680×2160 screenshot is searched. It holds no secrets: pixels in,
// texts out. Built as its own entry (out/main/qr-worker.js, see electron.vite.config.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { QrError } from './errors';
import { scanPixels } from './pipeline';
import { warmUp } from './warm-up';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

if (!parentPort) throw new Error('main/qr/worker.ts runs only as a worker thread.');
const port = parentPort;

// Requests that arrive meanwhile wait for the warm-up (a few hundred ms after start-up).
const warm = workerData?.warmUp === false ? Promise.resolve() : warmUp().catch(() => undefined);

port.on('message', async ({ id, frame, options }: WorkerRequest) => {
  await warm;
  let reply: WorkerReply;
  try {
    reply = { id, result: await scanPixels(frame, options) };
  } catch (error) {
    const code = error instanceof QrError ? error.code : undefined;
    reply = { id, error: { message: (error as Error).message, code } };
  }
  port.postMessage(reply);
});

// The QR worker keeps the main thread's event loop responsive while it searches a 7680×2160
// frame (three 2560×2160 monitors side by side), and reports the same texts as the in-process
// pipeline. From source the worker is main/qr/worker.ts run through tsx's loader; the built
// worker (out/main/qr-worker.js) is tested too where `npm run build` has made it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QrError, scanFrame } from '../../../main/qr';
import type { ScanResult } from '../../../main/qr';
import { QrWorker } from '../../../main/qr/worker-client';
import { QrWorkerPool } from '../../../main/qr/worker-pool';
import { renderFrame } from '../../support/qr-frame';
import { maxDelayDuring } from '../../support/event-loop';

const source = new URL('../../../main/qr/worker.ts', import.meta.url);
const built = new URL('../../../out/main/qr-worker.js', import.meta.url);
const tsx = { execArgv: ['--import', import.meta.resolve('tsx')] };
const key = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const wifi = 'WIFI:T:WPA;S:Office;P:correct horse;;';

function multiMonitorFrame() {
  // Three monitors of small print; the key on the third, at a 1.25 scale factor with a small CSS
  // size (modules of 2.25 px), so only the full-resolution pass reads it: a long decode.
  return renderFrame({
    width: 7680,
    height: 2160,
    background: [246, 247, 249],
    text: 160,
    format: 'bgra',
    codes: [
      { text: wifi, x: 900, y: 700, module: 6 },
      { text: key, x: 6100.5, y: 1200.25, module: 2.25 },
    ],
  });
}

describe('QrWorker (from source, via tsx)', () => {
  let worker: QrWorker;
  beforeAll(async () => {
    worker = new QrWorker(source, tsx);
    // The first scan instantiates ZXing's wasm in the worker; measure what comes after.
    await worker.scan(renderFrame({ width: 64, height: 64, codes: [] }));
  });
  afterAll(() => worker.close());

  it('finds the key URI on a 7680×2160 BGRA frame while the event loop stays responsive', async () => {
    const frame = multiMonitorFrame();
    let result: ScanResult | undefined;
    const started = performance.now();
    const busy = await maxDelayDuring(async () => {
      result = await worker.scan(frame);
    });
    // What the loop suffers with nothing to do, for as long, on this machine right now (other
    // processes share its cores).
    const span = Math.max(300, performance.now() - started);
    const idle = await maxDelayDuring(() => new Promise((resolve) => setTimeout(resolve, span)));
    console.log(
      `event-loop delay during a 7680×2160 worker scan: max ${busy.toFixed(1)} ms ` +
        `(idle max ${idle.toFixed(1)} ms); decode ${result!.decodeMs.toFixed(0)} ms`,
    );
    expect(result!.otpauth).toEqual([key]);
    expect(result!.texts).toContain(wifi);
    // No bound in ms (other suites and processes share these cores: 121 ms against an idle
    // 46 ms was seen while the other QR suites ran beside this one); what is asserted is that
    // the same decode in-process blocks the loop for longer, for its whole length: what the
    // worker spares.
    const again = multiMonitorFrame();
    const blocked = await maxDelayDuring(() => scanFrame(again));
    console.log(`the same scan in-process: event-loop delay max ${blocked.toFixed(1)} ms`);
    expect(blocked).toBeGreaterThan(busy);
    // The frame's buffer was handed over, not copied.
    expect(frame.data.byteLength).toBe(0);
  });

  it('gives the same texts as the in-process pipeline, and keeps the frame when asked', async () => {
    const frame = renderFrame({
      width: 800,
      height: 600,
      codes: [{ text: key, x: 100, y: 100, module: 3 }],
    });
    const inProcess = await scanFrame(frame);
    const inWorker = await worker.scan(frame, {}, false);
    expect(inWorker.texts).toEqual(inProcess.texts);
    expect(frame.data.byteLength).toBeGreaterThan(0);
  });

  it('turns a bad frame into the same typed error as in-process', async () => {
    const frame = {
      data: new Uint8Array(10),
      width: 4,
      height: 4,
      stride: 16,
      format: 'rgba' as const,
    };
    const error = await worker.scan(frame).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QrError);
    expect((error as QrError).code).toBe('bad-frame');
    expect((error as QrError).message).toBe(
      'The frame holds 10 bytes but 4×4 with stride 16 needs 64.',
    );
  });
});

describe('QrWorkerPool', () => {
  it('scans the frames of several displays in parallel, results in their order', async () => {
    const pool = new QrWorkerPool(2, () => new QrWorker(source, { ...tsx, warmUp: false }));
    try {
      const keys = ['alice', 'bob', 'carol'].map((name) => key.replace('alice', name));
      const frames = keys.map((text, i) =>
        renderFrame({
          width: 900,
          height: 600,
          codes: [{ text, x: 100 + i * 50, y: 80, module: 3 + i }],
        }),
      );
      const results = await pool.scanAll(frames);
      expect(results.map((r) => r.otpauth)).toEqual(keys.map((k) => [k]));
    } finally {
      await pool.close();
    }
  });
});

describe.skipIf(!existsSync(fileURLToPath(built)))('QrWorker (built out/main/qr-worker.js)', () => {
  it('decodes a frame', async () => {
    const worker = new QrWorker(built);
    try {
      const frame = renderFrame({
        width: 640,
        height: 480,
        codes: [{ text: key, x: 50, y: 50, module: 4 }],
      });
      expect((await worker.scan(frame)).otpauth).toEqual([key]);
    } finally {
      await worker.close();
    }
  });
});

if (!existsSync(fileURLToPath(built))) {
  console.warn(
    `skipping the built-worker test: ${fileURLToPath(built)} is missing (npm run build)`,
  );
}

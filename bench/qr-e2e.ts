// `npm run bench:qr -- --e2e`: a screen scan end to end on a real X server (issue 19). Xvfb with a
// 3840×2160 screen, Chromium in kiosk mode showing an enrolment page (with a key, then an inbox
// page with no code), the X11 capture adapter (tests/support/x11-capture.ts, XGetImage) and
// ScreenScanner decoding in a QrWorkerPool: from the request to the first key found and to the
// scan's end, the capture's cost beside the decode's, and ZXing whole-frame on the same capture.
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type { ScreenScanTiming } from '../main/platform/screen-scanner';
import { ScreenScanner } from '../main/platform/screen-scanner';
import type { Frame } from '../main/qr';
import { QrWorker } from '../main/qr/worker-client';
import { QrWorkerPool, workersForCores } from '../main/qr/worker-pool';
import { CHROMIUM, hasChromium, pageHtml, screenSpec } from '../tests/support/enrolment-screens';
import { createX11ScreenCapture } from '../tests/support/x11-capture';
import { onPath, startXvfb, x11Env } from '../tests/support/xvfb';

const WIDTH = 3840;
const HEIGHT = 2160;

export async function endToEnd(
  repeat: number,
  zxingWholeFrame: (frame: Frame) => Promise<string[]>,
): Promise<void> {
  if (!onPath('Xvfb') || !hasChromium) {
    console.log('\nend to end: skipped (needs Xvfb and Chromium: npm run test:deps)');
    return;
  }
  const xvfb = await startXvfb(`${WIDTH}x${HEIGHT}x24`);
  let browser: Browser | undefined;
  const pool = new QrWorkerPool(
    workersForCores(),
    () =>
      new QrWorker(new URL('../main/qr/worker.ts', import.meta.url), {
        execArgv: ['--import', import.meta.resolve('tsx')],
      }),
  );
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      env: x11Env(xvfb.display),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--kiosk',
        `--window-size=${WIDTH},${HEIGHT}`,
        '--window-position=0,0',
      ],
    });
    const page = await browser.newPage({ viewport: null });
    const capture = createX11ScreenCapture(xvfb.display);
    const timings: ScreenScanTiming[] = [];
    const scanner = new ScreenScanner({
      capture,
      decode: (frame, options) => pool.scan(frame, options),
      decodeImage: async () => [],
      clipboardImage: async () => undefined,
      regions: { select: async () => undefined },
      report: (timing) => timings.push(timing),
    });
    const pages = [
      ['a key (160 CSS px code, app-store decoy)', { kind: 'totp', decoy: 'store', cssSize: 160 }],
      ['no QR code (an inbox page)', { kind: 'none', decoy: 'none', cssSize: 160 }],
    ] as const;
    console.log(
      `\nend to end on Xvfb ${WIDTH}×${HEIGHT} (X11 capture through XGetImage, ScreenScanner with a pool of ${pool.size}), median of ${repeat} runs\n`,
    );
    console.log(
      '| screen | found | capture ms | decode ms | request → first key ms | request → end ms | ZXing whole-frame ms | ratio end-to-end / (capture + ZXing) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, overrides] of pages) {
      const spec = screenSpec({ ...overrides, theme: 'light', svg: false, scale: 1 }, 1919);
      await page.setContent(await pageHtml(spec), { waitUntil: 'load' });
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))),
      );
      await pool.scanAll([(await capture.captureDisplays())[0]!.frame]); // warm the worker
      timings.length = 0;
      let texts: string[] = [];
      const zxingMs: number[] = [];
      for (let r = 0; r < repeat; r++) {
        texts = await scanner.scanScreen();
        const [display] = await capture.captureDisplays();
        const start = performance.now();
        await zxingWholeFrame(display!.frame);
        zxingMs.push(performance.now() - start);
      }
      const pick = (f: (t: ScreenScanTiming) => number | undefined) =>
        median(timings.map(f).filter((v): v is number => v !== undefined));
      const capturing = pick((t) => t.captureMs);
      const total = pick((t) => t.totalMs);
      const first = pick((t) => t.firstKeyMs);
      console.log(
        `| ${name} | ${texts.filter((t) => t.startsWith('otpauth')).length} key(s), ${texts.length} text(s) | ${capturing.toFixed(1)} | ${pick((t) => t.decodeMs).toFixed(1)} | ${Number.isNaN(first) ? '–' : first.toFixed(1)} | ${total.toFixed(1)} | ${median(zxingMs).toFixed(1)} | ${(total / (capturing + median(zxingMs))).toFixed(2)}× |`,
      );
    }
  } finally {
    await pool.close();
    await browser?.close();
    xvfb.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

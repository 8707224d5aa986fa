// A screen scan end to end on a real X server (issue 19): Xvfb, a headed Chromium showing an
// enrolment page, the X11 capture adapter (tests/support/x11-capture.ts, XGetImage) and
// ScreenScanner decoding in a QrWorkerPool of real workers. It checks behaviour — the key is
// reported through onFound before the scan ends, the timing report holds the capture's cost
// beside the decode's and the time to the first key, an inbox page with no code is rejected
// without ZXing's whole-frame read — and prints the times; it never asserts them (shared CI).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScreenScanner } from '../../main/platform/screen-scanner';
import type { ScreenScanTiming } from '../../main/platform/screen-scanner';
import { QrWorker } from '../../main/qr/worker-client';
import { QrWorkerPool } from '../../main/qr/worker-pool';
import { launchChromium, pageHtml, screenSpec } from '../support/enrolment-screens';
import { createX11ScreenCapture, x11CaptureSkipReason } from '../support/x11-capture';
import { startXvfb, x11Env } from '../support/xvfb';
import type { XServer } from '../support/xvfb';
import { skipWithout } from '../support/tools';

const missingTools = skipWithout('Xvfb', 'chromium');
const skipReason = missingTools ? undefined : x11CaptureSkipReason();
if (skipReason) console.warn(`skipping the X11 scan timing test: ${skipReason}`);

describe.skipIf(missingTools || skipReason !== undefined)('a screen scan end to end on X11', () => {
  let xvfb: XServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pool: QrWorkerPool;
  const timings: ScreenScanTiming[] = [];
  let scanner: ScreenScanner;
  const withKey = screenSpec(
    { theme: 'light', decoy: 'store', kind: 'totp', cssSize: 160, svg: false, scale: 1 },
    1919,
  );
  const inbox = screenSpec({ ...withKey, kind: 'none', decoy: 'none' }, 1919);

  async function show(html: string) {
    await page.setContent(html, { waitUntil: 'load' });
    await page.bringToFront();
    // Let the compositor put the page on the X screen.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))),
    );
  }

  beforeAll(async () => {
    xvfb = await startXvfb();
    browser = await launchChromium({ headless: false, env: x11Env(xvfb.display) });
    page = await browser.newPage({ viewport: null });
    pool = new QrWorkerPool(
      2,
      () =>
        new QrWorker(new URL('../../main/qr/worker.ts', import.meta.url), {
          execArgv: ['--import', import.meta.resolve('tsx')],
        }),
    );
    scanner = new ScreenScanner({
      capture: createX11ScreenCapture(xvfb.display),
      decode: (frame, options) => pool.scan(frame, options),
      decodeImage: async () => [],
      clipboardImage: async () => undefined,
      regions: { select: async () => undefined },
      report: (timing) => timings.push(timing),
    });
  }, 60_000);

  afterAll(async () => {
    await pool?.close();
    await browser?.close();
    xvfb?.stop();
  });

  it('reports the key at once, with the capture’s cost beside the decode’s', async () => {
    await show(await pageHtml(withKey));
    timings.length = 0;
    const heard: { keys: string[]; done: boolean }[] = [];
    let done = false;
    const texts = await scanner
      .scanScreen({ onFound: (keys) => heard.push({ keys, done }) })
      .finally(() => (done = true));
    expect(texts).toContain(withKey.key);
    expect(heard).toEqual([{ keys: [withKey.key], done: false }]);
    const [timing] = timings;
    expect(timing).toBeDefined();
    const { captureMs, decodeMs, firstKeyMs, totalMs, displays } = timing!;
    console.log(
      `X11 1920×1080, a key: capture ${captureMs.toFixed(1)} ms, decode ${decodeMs.toFixed(1)} ms, ` +
        `request → first key ${firstKeyMs!.toFixed(1)} ms, request → end ${totalMs.toFixed(1)} ms`,
    );
    expect(captureMs).toBeGreaterThan(0);
    expect(firstKeyMs).toBeGreaterThanOrEqual(captureMs);
    expect(firstKeyMs).toBeLessThanOrEqual(totalMs);
    expect(displays).toEqual([
      expect.objectContaining({ width: 1920, height: 1080, wholeFrame: 'skipped: key found' }),
    ]);
  }, 60_000);

  it('an inbox page with no code: nothing found, no whole-frame read, the costs reported', async () => {
    await show(await pageHtml(inbox));
    timings.length = 0;
    let heard = 0;
    expect(await scanner.scanScreen({ onFound: () => heard++ })).toEqual([]);
    expect(heard).toBe(0);
    const { captureMs, decodeMs, firstKeyMs, displays } = timings[0]!;
    console.log(
      `X11 1920×1080, no code: capture ${captureMs.toFixed(1)} ms, decode ${decodeMs.toFixed(1)} ms ` +
        `(in the worker ${displays[0]!.decodeMs.toFixed(1)} ms)`,
    );
    expect(firstKeyMs).toBeUndefined();
    expect(displays[0]!.wholeFrame).toBe('skipped: no unread finder pattern');
  }, 60_000);
});

// Real capture on X11: a real X server (Xvfb), a headed Chromium window showing an enrolment
// page with its QR code (and an app-store decoy), the X screen captured through the test adapter
// of the ScreenCapture port (tests/support/x11-capture.ts, XGetImage), decoded by the pipeline,
// and the key URI parsed to the right account. Skips, saying why, where Xvfb, Chromium or libX11
// are missing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpUri } from '../../main/otp';
import { scanFrame } from '../../main/qr';
import { launchChromium, pageHtml, screenSpec } from '../support/enrolment-screens';
import { createX11ScreenCapture, x11CaptureSkipReason } from '../support/x11-capture';
import { startXvfb, x11Env } from '../support/xvfb';
import type { XServer } from '../support/xvfb';
import { skipWithout } from '../support/tools';

// Without Xvfb or Chromium the run's one summary line says so (tests/support/tools.ts).
const missingTools = skipWithout('Xvfb', 'chromium');
const skipReason = missingTools ? undefined : x11CaptureSkipReason();
if (skipReason) console.warn(`skipping X11 capture test: ${skipReason}`);

describe.skipIf(missingTools || skipReason !== undefined)('scanning a real X11 screen', () => {
  let xvfb: XServer | undefined;
  let browser: Browser | undefined;
  let display = '';
  const spec = screenSpec(
    { theme: 'light', decoy: 'store', kind: 'totp', cssSize: 160, svg: false },
    11,
  );

  beforeAll(async () => {
    xvfb = await startXvfb();
    display = xvfb.display;
    browser = await launchChromium({ headless: false, env: x11Env(display) });
    const page = await browser.newPage({ viewport: null });
    await page.setContent(await pageHtml(spec), { waitUntil: 'load' });
    await page.bringToFront();
    // Let the compositor put the page on the X screen.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))),
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    xvfb?.stop();
  });

  it('captures the screen, finds the key URI beside the decoy and reads the right account', async () => {
    const displays = await createX11ScreenCapture(display).captureDisplays();
    expect(displays).toHaveLength(1);
    const [screen] = displays;
    expect(screen!.frame).toMatchObject({ width: 1920, height: 1080, format: 'bgra' });
    const result = await scanFrame(screen!.frame);
    expect(result.otpauth).toEqual([spec.key]);
    expect(result.texts).toContain('https://apps.apple.com/app/google-authenticator/id388497605');
    const { account } = parseOtpUri(result.otpauth[0]!);
    const expected = parseOtpUri(spec.key).account;
    expect(account).toMatchObject({
      issuer: expected.issuer,
      name: expected.name,
      secret: expected.secret,
    });
  });
});

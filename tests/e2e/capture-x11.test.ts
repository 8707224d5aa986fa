// Real capture on X11: a real X server (Xvfb), a headed Chromium window showing an enrolment
// page with its QR code (and an app-store decoy), the X screen captured through the test adapter
// of the ScreenCapture port (tests/support/x11-capture.ts, XGetImage), decoded by the pipeline,
// and the key URI parsed to the right account. Skips, saying why, where Xvfb, Chromium or libX11
// are missing.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpUri } from '../../main/otp';
import { scanFrame } from '../../main/qr';
import { CHROMIUM, launchChromium, pageHtml, screenSpec } from '../support/enrolment-screens';
import { createX11ScreenCapture, loadX11Capture } from '../support/x11-capture';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${command}`));
}

function whySkip(): string | undefined {
  if (process.platform !== 'linux') return 'X11 capture tests run on Linux only';
  if (!onPath('Xvfb')) return 'Xvfb is not installed (apt-get install xvfb)';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install chromium)`;
  try {
    loadX11Capture();
  } catch (error) {
    return `libX11 cannot be loaded through koffi: ${(error as Error).message}`;
  }
  return undefined;
}

const skipReason = whySkip();
if (skipReason) console.warn(`skipping X11 capture test: ${skipReason}`);

/** Xvfb on a display number it picks itself (-displayfd), so parallel suites never collide. */
async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  const xvfb = spawn(
    'Xvfb',
    ['-displayfd', '1', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  let output = '';
  xvfb.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (xvfb.exitCode !== null) throw new Error(`Xvfb exited with status ${xvfb.exitCode}`);
    const number = output.trim();
    if (number && existsSync(`/tmp/.X11-unix/X${number}`))
      return { process: xvfb, display: `:${number}` };
    if (Date.now() > deadline) throw new Error('Xvfb did not start within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(skipReason !== undefined)('scanning a real X11 screen', () => {
  let xvfb: ChildProcess | undefined;
  let browser: Browser | undefined;
  let display = '';
  const spec = screenSpec(
    { theme: 'light', decoy: 'store', kind: 'totp', cssSize: 160, svg: false },
    11,
  );

  beforeAll(async () => {
    ({ process: xvfb, display } = await startXvfb());
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && name !== 'WAYLAND_DISPLAY') env[name] = value;
    }
    env.DISPLAY = display;
    browser = await launchChromium({ headless: false, env });
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
    xvfb?.kill();
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

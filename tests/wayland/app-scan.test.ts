// Scan QR from screen on Wayland, as the app builds it (main/platform/wayland-capture.ts): the
// Screenshot portal through Debian's real xdg-desktop-portal frontend on a private bus, whose
// test backend serves a rendered enrolment screen; the PNG decoded and cut per display, the QR
// found in it. A refusal falls back to the desktopCapturer path (a stand-in here: it only
// records that it was asked) and says so once.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../main/app/ports/capture';
import type { ScreenCapture } from '../../main/app/ports/capture';
import { decodeImageFile, scanFrame } from '../../main/qr';
import { createPortalScreenshot } from '../../main/platform/wayland';
import { createWaylandScreenCapture } from '../../main/platform/wayland-capture';
import { FakeNotifier } from '../fakes/notifier';
import { skipWithout } from '../support/tools';
import { rigMissing, startBus, startRig } from './support/portal-rig';
import type { Rig } from './support/portal-rig';

const missingTools = skipWithout('dbus-daemon', 'xdg-desktop-portal');
const skipReason = missingTools ? 'dbus-daemon or xdg-desktop-portal missing' : rigMissing();
if (skipReason) console.warn(`skipping the app's Screenshot portal tests: ${skipReason}`);

const SCREEN = join(import.meta.dirname, '../fixtures/qr/s000_1920x1080_light_totp.png');

function capture(address: string) {
  const notifier = new FakeNotifier();
  let fallbacks = 0;
  const fallback: ScreenCapture = {
    captureDisplays: async () => {
      fallbacks += 1;
      throw new CaptureError('nothing-shared', 'the screen-sharing dialog was cancelled');
    },
  };
  const screen = createWaylandScreenCapture({
    screenshot: createPortalScreenshot({
      busAddress: address,
      callTimeoutMs: 5000,
      answerTimeoutMs: 10_000,
    }),
    // One 1920×1080 display at scale 1, as the served screenshot is.
    displays: () => [{ id: '7', bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
    decode: (png) => decodeImageFile(png),
    fallback,
    notifier,
  });
  return { screen, notifier, fallbacks: () => fallbacks };
}

describe.skipIf(Boolean(skipReason))(
  'Scan QR from screen through the real Screenshot portal',
  () => {
    let rig: Rig;

    beforeAll(async () => {
      rig = await startRig();
      rig.backend.screenshotSource = SCREEN;
    }, 60_000);
    afterAll(async () => {
      await rig?.stop();
    });

    it('the frozen screenshot is one frame per display, and its QR is found', async () => {
      const { screen, notifier, fallbacks } = capture(rig.address);
      const began = performance.now();
      const displays = await screen.captureDisplays();
      const captured = performance.now() - began;
      expect(displays).toHaveLength(1);
      const [display] = displays;
      expect(display).toMatchObject({
        displayId: '7',
        scaleFactor: 1,
        frame: { width: 1920, height: 1080, format: 'bgra' },
      });
      const found = await scanFrame(display!.frame);
      expect(found.otpauth).toHaveLength(1);
      expect(found.otpauth[0]).toMatch(/^otpauth:\/\/totp\//);
      expect(fallbacks()).toBe(0);
      expect(notifier.notices).toEqual([]);
      console.log(
        `Screenshot portal → frames: ${Math.round(captured)} ms; decode ${Math.round(found.decodeMs)} ms`,
      );
    });

    it('a refusal falls back to screen sharing and says so once', async () => {
      rig.backend.answer = 'refuse';
      try {
        const { screen, notifier, fallbacks } = capture(rig.address);
        await expect(screen.captureDisplays()).rejects.toThrow(/cancelled/);
        await expect(screen.captureDisplays()).rejects.toThrow(/cancelled/);
        expect(fallbacks()).toBe(2);
        expect(notifier.notices).toHaveLength(1);
        expect(notifier.notices[0]).toEqual({
          title: 'Scanning through screen sharing',
          body: expect.stringMatching(
            /refused TrayOTP a screenshot.*allow screenshots for TrayOTP/,
          ),
        });
      } finally {
        rig.backend.answer = 'approve';
      }
    });
  },
);

describe.skipIf(Boolean(skipReason))('Scan QR from screen without a Screenshot portal', () => {
  it('uses screen sharing, says so once, and does not ask the missing portal again', async () => {
    const bus = await startBus(false);
    try {
      const { screen, notifier, fallbacks } = capture(bus.address);
      await expect(screen.captureDisplays()).rejects.toThrow(CaptureError);
      await expect(screen.captureDisplays()).rejects.toThrow(CaptureError);
      expect(fallbacks()).toBe(2);
      expect(notifier.notices).toHaveLength(1);
      expect(notifier.notices[0]!.body).toMatch(/no screenshot portal/);
    } finally {
      await bus.stop();
    }
  });
});

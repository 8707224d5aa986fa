// Scan QR from screen on Wayland (issue 27): desktopCapturer goes through the ScreenCast portal's
// source picker at every scan, so the screen is taken through the Screenshot portal instead
// (non-interactive once the desktop has granted it). The PNG it hands over (read bounded and
// deleted by portal-screenshot.ts) is decoded (sharp, bounded in pixels) and cut into one frame
// per display, so the scan and the region overlay work on that frozen image as on captured ones.
// Where the portal refuses, is missing or fails, today's desktopCapturer path is used, and the
// person is told once per run. Plain Node: no electron import (the displays come in).
import type { DisplayFrame, ScreenCapture } from '../app/ports/capture';
import type { Notifier } from '../app/ports/notifier';
import type { Frame, Rect } from '../qr';
import type { PortalScreenshot, ScreenshotOutcome } from './wayland';

/** A display's place on the desktop (DIP), as Electron's screen module gives it. */
export interface DisplayPlace {
  id: string;
  bounds: Rect;
}

/**
 * One desktop-wide picture (the portal's screenshot spans every display) as a frame per
 * display. The picture covers the displays' union; its pixels per DIP are read off its width.
 * The frames are BGRA, as desktopCapturer's are (the overlay draws them with createFromBitmap).
 */
export function splitDesktopImage(image: Frame, displays: readonly DisplayPlace[]): DisplayFrame[] {
  if (displays.length === 0) return [];
  const left = Math.min(...displays.map((d) => d.bounds.x));
  const top = Math.min(...displays.map((d) => d.bounds.y));
  const right = Math.max(...displays.map((d) => d.bounds.x + d.bounds.width));
  const bottom = Math.max(...displays.map((d) => d.bounds.y + d.bounds.height));
  const sx = image.width / (right - left);
  const sy = image.height / (bottom - top);
  const frames: DisplayFrame[] = [];
  for (const display of displays) {
    const x0 = Math.max(0, Math.round((display.bounds.x - left) * sx));
    const y0 = Math.max(0, Math.round((display.bounds.y - top) * sy));
    const width = Math.min(image.width - x0, Math.round(display.bounds.width * sx));
    const height = Math.min(image.height - y0, Math.round(display.bounds.height * sy));
    if (width <= 0 || height <= 0) continue;
    const data = new Uint8Array(width * height * 4);
    const [r, b] = image.format === 'rgba' ? [0, 2] : [2, 0];
    for (let y = 0; y < height; y++) {
      let from = (y0 + y) * image.stride + x0 * 4;
      let to = y * width * 4;
      for (let x = 0; x < width; x++, from += 4, to += 4) {
        data[to] = image.data[from + b]!;
        data[to + 1] = image.data[from + 1]!;
        data[to + 2] = image.data[from + r]!;
        data[to + 3] = image.data[from + 3]!;
      }
    }
    frames.push({
      displayId: display.id,
      bounds: { ...display.bounds },
      scaleFactor: sx,
      frame: { data, width, height, stride: width * 4, format: 'bgra' },
    });
  }
  return frames;
}

export interface WaylandCaptureDeps {
  screenshot: PortalScreenshot;
  displays: () => DisplayPlace[];
  /** PNG bytes → pixels (decodeImageFile: bounded in size). */
  decode: (png: Uint8Array) => Promise<Frame>;
  /** Today's path: desktopCapturer through the ScreenCast portal's picker. */
  fallback: ScreenCapture;
  notifier: Notifier;
  log?: (message: string) => void;
}

function fallbackNotice(outcome: Extract<ScreenshotOutcome, { ok: false }>) {
  const why =
    outcome.reason === 'missing'
      ? 'This desktop has no screenshot portal'
      : outcome.reason === 'refused'
        ? 'The desktop refused TrayOTP a screenshot'
        : `The desktop's screenshot failed (${outcome.message})`;
  return {
    title: 'Scanning through screen sharing',
    body: `${why}, so TrayOTP scans through the screen-sharing dialog instead, which asks at every scan.${
      outcome.reason === 'refused'
        ? ' To scan without it, allow screenshots for TrayOTP in the desktop’s privacy settings.'
        : ''
    }`,
  };
}

export function createWaylandScreenCapture(deps: WaylandCaptureDeps): ScreenCapture {
  let told = false;
  let portalMissing = false;
  const fallBack = (outcome: Extract<ScreenshotOutcome, { ok: false }>) => {
    deps.log?.(`Screenshot portal: ${outcome.reason}: ${outcome.message}`);
    if (outcome.reason === 'missing') portalMissing = true;
    if (!told) {
      told = true;
      deps.notifier.notify(fallbackNotice(outcome));
    }
    return deps.fallback.captureDisplays();
  };
  return {
    async captureDisplays() {
      if (portalMissing) return deps.fallback.captureDisplays();
      const outcome = await deps.screenshot.take();
      if (!outcome.ok) return fallBack(outcome);
      let image: Frame;
      try {
        image = await deps.decode(outcome.png);
      } catch (error) {
        return fallBack({ ok: false, reason: 'bad-file', message: (error as Error).message });
      }
      return splitDesktopImage(image, deps.displays());
    },
  };
}

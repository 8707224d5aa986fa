// The Scanner port over screen capture and the QR decoder: every display decoded (in the QR
// workers, off the main thread, all displays at once as far as the pool allows), the first key
// reported as soon as one display yields it, the region selector's box decoded at full
// resolution, images and the clipboard's image decoded the same way.
import type { Frame, ScanOptions, ScanResult, WholeFrameOutcome } from '../qr';
import type { ScreenCapture } from '../app/ports/capture';
import { toFramePixels } from '../app/ports/capture';
import type { RegionSelector } from '../app/ports/region-selector';
import type { Scanner } from '../app/ports/scanner';

export interface ScreenScannerDeps {
  capture: ScreenCapture;
  /** Decodes a frame; in the app, QrWorkerPool.scan (or QrWorker.scan). */
  decode: (frame: Frame, options?: ScanOptions) => Promise<ScanResult>;
  /** Decodes PNG/JPEG/WebP bytes to QR texts. */
  decodeImage: (bytes: Uint8Array) => Promise<string[]>;
  /** The clipboard's image as PNG bytes, or undefined when it holds none. */
  clipboardImage: () => Promise<Uint8Array | undefined>;
  regions: RegionSelector;
  /** Clock for the timings (performance.now by default). */
  now?: () => number;
  /** Hears what each screen scan cost: capture beside decode (for logs and the e2e timing). */
  report?: (timing: ScreenScanTiming) => void;
}

/** One screen scan's costs, in ms from the request (the tray click or hotkey). */
export interface ScreenScanTiming {
  /** The capture adapter: from the request to every display's frame. */
  captureMs: number;
  /** From the frames to the last display decoded. */
  decodeMs: number;
  /** From the request to the first key URI found, when one was. */
  firstKeyMs?: number;
  totalMs: number;
  displays: {
    displayId: string;
    width: number;
    height: number;
    /** The decoder's own time for this display (in its worker). */
    decodeMs: number;
    wholeFrame: WholeFrameOutcome;
  }[];
}

export interface ScanScreenOptions {
  /** Called once, with the key URIs of the first display that shows any, before the others end. */
  onFound?: (keys: string[]) => void;
  /** The share of the displays decoded so far (0 once captured, then after each display). */
  onProgress?: (fraction: number) => void;
}

export class ScreenScanner implements Scanner {
  constructor(private readonly deps: ScreenScannerDeps) {}

  /**
   * Every QR text on every display, in the displays' order (for the picker). All displays are
   * handed to the decoder at once: a pool decodes as many in parallel as cores and memory allow
   * and queues the rest (their frames are already in memory, captured). A display whose decoder
   * failed is left out; if every display failed, the first error is thrown.
   */
  async scanScreen(options: ScanScreenOptions = {}): Promise<string[]> {
    const now = this.deps.now ?? (() => performance.now());
    const start = now();
    const displays = await this.deps.capture.captureDisplays();
    const captured = now();
    let firstKeyAt: number | undefined;
    let decoded = 0;
    options.onProgress?.(0);
    const outcomes = await Promise.allSettled(
      displays.map(async (display) => {
        const result = await this.deps.decode(display.frame).finally(() => {
          decoded++;
          options.onProgress?.(decoded / displays.length);
        });
        if (result.otpauth.length > 0 && firstKeyAt === undefined) {
          firstKeyAt = now();
          options.onFound?.(result.otpauth);
        }
        return result;
      }),
    );
    const end = now();
    const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const failure = outcomes.find((o) => o.status === 'rejected');
    if (results.length === 0 && failure) throw failure.reason;
    this.deps.report?.({
      captureMs: captured - start,
      decodeMs: end - captured,
      ...(firstKeyAt === undefined ? {} : { firstKeyMs: firstKeyAt - start }),
      totalMs: end - start,
      displays: displays.flatMap((display, i) => {
        const outcome = outcomes[i]!;
        if (outcome.status !== 'fulfilled') return [];
        return [
          {
            displayId: display.displayId,
            width: display.frame.width,
            height: display.frame.height,
            decodeMs: outcome.value.decodeMs,
            wholeFrame: outcome.value.wholeFrame,
          },
        ];
      }),
    });
    return [...new Set(results.flatMap((r) => r.texts))];
  }

  async scanRegion(): Promise<string[] | undefined> {
    const displays = await this.deps.capture.captureDisplays();
    const choice = await this.deps.regions.select(displays);
    if (!choice) return undefined;
    const display = displays.find((d) => d.displayId === choice.displayId);
    if (!display) return [];
    const box = {
      ...choice.box,
      x: choice.box.x + display.bounds.x,
      y: choice.box.y + display.bounds.y,
    };
    const region = clampRegion(toFramePixels(display, box), display.frame);
    if (!region) return [];
    return (await this.deps.decode(display.frame, { region })).texts;
  }

  scanImage(bytes: Uint8Array): Promise<string[]> {
    return this.deps.decodeImage(bytes);
  }

  async scanClipboardImage(): Promise<string[] | undefined> {
    const image = await this.deps.clipboardImage();
    return image ? this.deps.decodeImage(image) : undefined;
  }
}

/** The part of a box inside the frame; undefined when nothing of it is. */
function clampRegion(
  region: { x: number; y: number; width: number; height: number },
  frame: Frame,
) {
  const x = Math.max(0, region.x);
  const y = Math.max(0, region.y);
  const right = Math.min(frame.width, region.x + region.width);
  const bottom = Math.min(frame.height, region.y + region.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

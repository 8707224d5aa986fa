// The Scanner port over screen capture and the QR decoder: every display decoded (in the QR
// worker, off the main thread), the region selector's box decoded at full resolution, images
// and the clipboard's image decoded the same way.
import type { Frame, ScanOptions, ScanResult } from '../qr';
import type { ScreenCapture } from '../app/ports/capture';
import { toFramePixels } from '../app/ports/capture';
import type { RegionSelector } from '../app/ports/region-selector';
import type { Scanner } from '../app/ports/scanner';

export interface ScreenScannerDeps {
  capture: ScreenCapture;
  /** Decodes a frame; in the app, QrWorker.scan. */
  decode: (frame: Frame, options?: ScanOptions) => Promise<ScanResult>;
  /** Decodes PNG/JPEG/WebP bytes to QR texts. */
  decodeImage: (bytes: Uint8Array) => Promise<string[]>;
  /** The clipboard's image as PNG bytes, or undefined when it holds none. */
  clipboardImage: () => Promise<Uint8Array | undefined>;
  regions: RegionSelector;
}

export class ScreenScanner implements Scanner {
  constructor(private readonly deps: ScreenScannerDeps) {}

  async scanScreen(): Promise<string[]> {
    const displays = await this.deps.capture.captureDisplays();
    const texts: string[] = [];
    // One display after another: the worker decodes one frame at a time anyway, and a second
    // 66 MB frame waiting in its queue would only cost memory.
    for (const display of displays) texts.push(...(await this.deps.decode(display.frame)).texts);
    return [...new Set(texts)];
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

// The decode pipeline, in-process (the worker runs this same code):
//   1. a JS scan of every third row (converted to gray once) finds finder patterns and groups
//      them into candidate regions;
//   2. each region is converted to gray and decoded by ZXing at full resolution, enlarged when its
//      modules are small (< ~3 px: HiDPI scaling by 1.25/1.5/1.75, small CSS sizes);
//   3. only when that yields no key URI does ZXing read the whole frame (tryHarder), so no code
//      ZXing can find is lost — QR-less screens pay for this, screens with a code do not.
import { checkFrame, clipRegion } from './frame';
import type { Frame, Rect } from './frame';
import { candidateRegions, findFinderPatterns } from './finder';
import { downscaleGray, invertGray, pixelsOf, toGray, upscaleGray } from './gray';
import type { Pixels } from './gray';
import { pickOtpauth } from './otpauth';
import { zxingReadGray, zxingReady } from './zxing';
import type { ReaderOptions } from './zxing';

export interface ScanOptions {
  /** Decode only this rectangle of the frame (frame pixels), e.g. the region selector's box. */
  region?: Rect;
  /** Read the whole frame with ZXing when the regions held no key URI (default true). */
  wholeFrameFallback?: boolean;
  /** Clock for decodeMs; performance.now by default. */
  now?: () => number;
}

export interface FoundCode {
  text: string;
  /** Corners in frame pixels, clockwise from the top left. */
  corners: [number, number][];
  pass: 'regions' | 'whole-frame';
}

export interface ScanResult {
  /** Every distinct QR text, in the order found. */
  texts: string[];
  /** The texts that are otpauth:// or otpauth-migration:// links. */
  otpauth: string[];
  codes: FoundCode[];
  /** Milliseconds from pixels to texts (gray conversion included). */
  decodeMs: number;
}

const regionOptions: ReaderOptions = {
  formats: ['QRCode'],
  // A region is small and the code roughly centred in it: ZXing's quick scan reads almost all;
  // a region it cannot read gets a second, tryHarder look.
  tryHarder: false,
  // The finder scan knows the polarity, so the region is inverted here rather than ZXing trying
  // both; its pyramid of downscaled copies is useless on a region already sized for it.
  tryInvert: false,
  tryDownscale: false,
  maxNumberOfSymbols: 8,
};

const wholeFrameOptions: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  maxNumberOfSymbols: 16,
};

/** Modules under this many pixels are enlarged before ZXing sees them. */
const SMALL_MODULE = 3.2;
/** Modules over this many pixels are reduced: ZXing's cost grows with area, not with detail. */
const LARGE_MODULE = 9;

export async function scanPixels(frame: Frame, options: ScanOptions = {}): Promise<ScanResult> {
  checkFrame(frame);
  const now = options.now ?? (() => performance.now());
  await zxingReady();
  const start = now();
  const whole = { x: 0, y: 0, width: frame.width, height: frame.height };
  const area = options.region ? clipRegion(frame, options.region) : whole;
  const codes: FoundCode[] = [];
  const add = (text: string, corners: [number, number][], pass: FoundCode['pass']) => {
    if (!codes.some((c) => c.text === text)) codes.push({ text, corners, pass });
  };

  const pixels = pixelsOf(frame);
  const patterns = findFinderPatterns(pixels, area);
  for (const region of candidateRegions(patterns, area.width, area.height)) {
    const rect = { ...region.rect, x: region.rect.x + area.x, y: region.rect.y + area.y };
    // Regions from stray patterns inside a code already read would only read it again.
    if (mostlyDecoded(rect, codes)) continue;
    for (const found of await decodeRegion(pixels, rect, region.module, region.inverted)) {
      add(found.text, found.corners, 'regions');
    }
  }

  if (options.wholeFrameFallback !== false && pickOtpauth(codes.map((c) => c.text)).length === 0) {
    // A small region (the selector's box) is enlarged like a candidate region would be.
    const gray = toGray(pixels, area);
    const scale = Math.max(gray.width, gray.height) < 400 ? 2 : 1;
    const image = scale > 1 ? upscaleGray(gray, scale) : gray;
    for (const r of await zxingReadGray(image, wholeFrameOptions)) {
      add(r.text, cornersOf(r.position, scale, area.x, area.y), 'whole-frame');
    }
  }

  const texts = codes.map((c) => c.text);
  return { texts, otpauth: pickOtpauth(texts), codes, decodeMs: now() - start };
}

async function decodeRegion(pixels: Pixels, rect: Rect, module: number, inverted: boolean) {
  let image = toGray(pixels, rect);
  if (inverted) invertGray(image);
  let scale = 1;
  if (module < SMALL_MODULE) {
    scale = module < 1.8 ? 3 : 2;
    image = upscaleGray(image, scale);
  } else if (module > LARGE_MODULE) {
    const factor = Math.floor(module / 4);
    image = downscaleGray(image, factor);
    scale = 1 / factor;
  }
  let results = await zxingReadGray(image, regionOptions);
  if (results.length === 0)
    results = await zxingReadGray(image, { ...regionOptions, tryHarder: true });
  return results.map((r) => ({
    text: r.text,
    corners: cornersOf(r.position, scale, rect.x, rect.y),
  }));
}

function mostlyDecoded(rect: Rect, codes: FoundCode[]): boolean {
  let covered = 0;
  for (const code of codes) {
    const xs = code.corners.map((c) => c[0]);
    const ys = code.corners.map((c) => c[1]);
    const w = Math.min(rect.x + rect.width, Math.max(...xs)) - Math.max(rect.x, Math.min(...xs));
    const h = Math.min(rect.y + rect.height, Math.max(...ys)) - Math.max(rect.y, Math.min(...ys));
    if (w > 0 && h > 0) covered += w * h;
  }
  return covered >= 0.5 * rect.width * rect.height;
}

function cornersOf(
  position: { topLeft: Point; topRight: Point; bottomRight: Point; bottomLeft: Point },
  scale: number,
  dx: number,
  dy: number,
): [number, number][] {
  const { topLeft, topRight, bottomRight, bottomLeft } = position;
  return [topLeft, topRight, bottomRight, bottomLeft].map((p) => [
    p.x / scale + dx,
    p.y / scale + dy,
  ]);
}

interface Point {
  x: number;
  y: number;
}

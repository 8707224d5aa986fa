// The decode pipeline, in-process (the worker runs this same code):
//   1. coarse: a JS scan of every third row of a half-resolution view (every second pixel, no
//      copy) finds finder patterns and groups them into candidate regions; each region is
//      converted to gray and decoded by ZXing at full resolution;
//   2. fine: if no key URI was found, the same scan at full resolution, for small modules
//      (HiDPI scaling by 1.25/1.5/1.75, small CSS sizes), regions enlarged when modules < ~3 px;
//   3. only when that yields no key URI either does ZXing read the whole frame (tryHarder), so no
//      code ZXing can find is lost — QR-less screens pay for this, screens with a code do not.
// Each pass converts to gray only the pixels it reads.
import { checkFrame, clipRegion } from './frame';
import type { Frame, Rect } from './frame';
import { candidateRegions, findFinderPatterns } from './finder';
import type { CandidateRegion } from './finder';
import { downscaleGray, halfResolution, invertGray, pixelsOf, toGray, upscaleGray } from './gray';
import type { Pixels } from './gray';
import { pickOtpauth } from './otpauth';
import { zxingReadGray, zxingReady } from './zxing';
import type { ReaderOptions } from './zxing';

export interface ScanOptions {
  /** Decode only this rectangle of the frame (frame pixels), e.g. the region selector's box. */
  region?: Rect;
  /**
   * Also look for small-module codes after a key was found with large modules (default false:
   * a screen scan stops at the first pass that finds a key; files and imports want every code).
   */
  exhaustive?: boolean;
  /** Read the whole frame with ZXing when the regions held no key URI (default true). */
  wholeFrameFallback?: boolean;
  /** Clock for decodeMs; performance.now by default. */
  now?: () => number;
}

export interface FoundCode {
  text: string;
  /** Corners in frame pixels, clockwise from the top left. */
  corners: [number, number][];
  /** Which pass read it: the half-resolution or full-resolution region scan, or the fallback. */
  pass: 'coarse' | 'regions' | 'whole-frame';
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

/**
 * Above a 4K screen's pixels the whole-frame pass uses ZXing's quick scan: its thorough one is
 * quadratic in the finder-like shapes it meets, and a crafted 49 MP image of them cost 120 s
 * (1.2 s quick). The finder passes before it already read codes on large screens.
 */
export const WHOLE_FRAME_TRY_HARDER_PIXELS = 3840 * 2160;

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
  const decodeRegions = async (
    regions: CandidateRegion[],
    scale: number,
    pass: FoundCode['pass'],
  ) => {
    for (const region of regions) {
      const rect = {
        x: region.rect.x * scale + area.x,
        y: region.rect.y * scale + area.y,
        width: region.rect.width * scale,
        height: region.rect.height * scale,
      };
      // Regions from stray patterns inside a code already read would only read it again. (A
      // region the coarse pass failed on is tried again by the fine pass, with its finer
      // module estimate.)
      if (mostlyDecoded(rect, codes)) continue;
      const module = region.module * scale;
      for (const found of await decodeRegion(pixels, rect, module, region.inverted)) {
        add(found.text, found.corners, pass);
      }
    }
  };
  const hasKey = () => pickOtpauth(codes.map((c) => c.text)).length > 0;

  // Coarse: every second pixel of every second row, a quarter of the work; enough for modules
  // of ~3.5 px and more, which most enrolment pages show.
  const half = halfResolution(pixels);
  const halfArea = {
    x: area.x >> 1,
    y: area.y >> 1,
    width: area.width >> 1,
    height: area.height >> 1,
  };
  const coarse = findFinderPatterns(half, halfArea);
  await decodeRegions(candidateRegions(coarse, halfArea.width, halfArea.height), 2, 'coarse');
  // Fine: full resolution, for small modules (HiDPI 1.25–1.75, small CSS sizes). Skipped once
  // the coarse pass found a key, unless every code is wanted (`exhaustive`).
  if (options.exhaustive || !hasKey()) {
    const fine = findFinderPatterns(pixels, area);
    await decodeRegions(candidateRegions(fine, area.width, area.height), 1, 'regions');
  }

  if (options.wholeFrameFallback !== false && !hasKey()) {
    // A small region (the selector's box) is enlarged like a candidate region would be.
    const gray = toGray(pixels, area);
    const scale = Math.max(gray.width, gray.height) < 400 ? 2 : 1;
    const image = scale > 1 ? upscaleGray(gray, scale) : gray;
    const tryHarder = image.width * image.height <= WHOLE_FRAME_TRY_HARDER_PIXELS;
    for (const r of await zxingReadGray(image, { ...wholeFrameOptions, tryHarder })) {
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

// A finder pass's candidate regions, decoded by ZXing at full resolution. A code read explains
// its finder patterns: they make no further region (issue 28). Regions built from them with
// another code's patterns or a stray one span both, and ZXing read the first code again in them;
// on a key frame with a decoy beside the key that was a third of the pass's reads. So the regions
// are worked out again from the patterns still unexplained whenever a region reads a new code,
// and the other code's patterns pair up on their own.
import type { Rect } from './frame';
import { candidateRegions, FINDER_LIMITS } from './finder';
import type { CandidateRegion, FinderPattern } from './finder';
import { downscaleGray, invertGray, toGray, upscaleGray } from './gray';
import type { Pixels } from './gray';
import { zxingReadGray } from './zxing';
import type { ReaderOptions } from './zxing';

export interface FoundCode {
  text: string;
  /** Corners in frame pixels, clockwise from the top left. */
  corners: [number, number][];
  /** Which pass read it: the half-resolution or full-resolution region scan, or the fallback. */
  pass: 'coarse' | 'regions' | 'whole-frame';
}

/** How a finder pass's view maps to the frame: frame = view × scale + origin. */
export interface ViewMapping {
  width: number;
  height: number;
  scale: number;
  x: number;
  y: number;
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

/** Modules under this many pixels are enlarged before ZXing sees them. */
const SMALL_MODULE = 3.2;
/** Modules over this many pixels are reduced: ZXing's cost grows with area, not with detail. */
const LARGE_MODULE = 9;

/**
 * Decodes the regions `patterns` (view pixels) give, adding what they read with `add` (false for a
 * text already read). Returns how many regions ZXing read and how many new texts they gave.
 */
export async function decodeRegions(
  pixels: Pixels,
  patterns: FinderPattern[],
  view: ViewMapping,
  codes: FoundCode[],
  add: (text: string, corners: [number, number][]) => boolean,
): Promise<{ decoded: number; found: number }> {
  const inFrame = (p: FinderPattern): FinderPattern => ({
    ...p,
    x: p.x * view.scale + view.x,
    y: p.y * view.scale + view.y,
    module: p.module * view.scale,
  });
  // Eyes of codes already read (by this pass or an earlier one) would only pair up into regions
  // that read them again, or into larger ones that ZXing reads in vain.
  const candidates = () =>
    candidateRegions(
      patterns.filter((p) => !explained(inFrame(p), codes)),
      view.width,
      view.height,
    );
  const tried: CandidateRegion[] = [];
  let found = 0;
  let regions = candidates();
  for (let i = 0; i < regions.length && tried.length < FINDER_LIMITS.maxRegions; i++) {
    const region = regions[i]!;
    if (tried.some((t) => t.inverted === region.inverted && sameRect(t.rect, region.rect)))
      continue;
    const rect = {
      x: region.rect.x * view.scale + view.x,
      y: region.rect.y * view.scale + view.y,
      width: region.rect.width * view.scale,
      height: region.rect.height * view.scale,
    };
    // Regions from stray patterns inside a code already read would only read it again. (A
    // region the coarse pass failed on is tried again by the fine pass, with its finer
    // module estimate.)
    if (mostlyDecoded(rect, codes)) continue;
    tried.push(region);
    let added = 0;
    for (const code of await decodeRegion(
      pixels,
      rect,
      region.module * view.scale,
      region.inverted,
    )) {
      if (add(code.text, code.corners)) added++;
    }
    if (added === 0) continue;
    found += added;
    // The new code explains its eyes: the regions again, from the patterns left.
    regions = candidates();
    i = -1;
  }
  return { decoded: tried.length, found };
}

/**
 * Does a decoded code account for this finder pattern? Its centre lies within the code's
 * corners (3.5 modules inside them), give or take a module and a half for rounding. A pattern
 * nothing explains may belong to a code the regions could not read: the whole frame is read then.
 */
export function explained(pattern: FinderPattern, codes: FoundCode[]): boolean {
  const slack = 1.5 * pattern.module;
  return codes.some(({ corners }) => {
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return (
      pattern.x >= Math.min(...xs) - slack &&
      pattern.x <= Math.max(...xs) + slack &&
      pattern.y >= Math.min(...ys) - slack &&
      pattern.y <= Math.max(...ys) + slack
    );
  });
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

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** ZXing's corners of a read (in the image it read, enlarged by `scale`) in frame pixels. */
export function cornersOf(
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

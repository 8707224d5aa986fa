// The decode pipeline, in-process (the worker runs this same code):
//   1. coarse: a JS scan of every third row of a half-resolution view (every second pixel, no
//      copy) finds finder patterns and groups them into candidate regions; each region is
//      converted to gray and decoded by ZXing at full resolution;
//   2. fine: if no key URI was found, the same scan at full resolution, for small modules
//      (HiDPI scaling by 1.25/1.5/1.75, small CSS sizes), regions enlarged when modules < ~3 px;
//   3. only when that yields no key URI either does ZXing read the whole frame (tryHarder), so no
//      code ZXing can find is lost. On a screen scan (issue 19) it reads it only when the finder
//      scans saw a pattern that no decoded code explains: ZXing's detector starts from the same
//      1:1:3:1:1 rows, so with no such pattern at any scale it has nothing to read either. Before
//      rejecting, a third scan at full resolution with mean thresholds looks for faint
//      codes beside darker text. A display with nothing to find costs the finder scans (a few
//      ms), not ZXing's whole-frame read (50–150 ms on 4K and 8K). Since issue 28 the faint scan
//      reads only around blocks fainter than their surroundings (faintBlocks), a single unexplained
//      pattern counts only if it is a QR eye (confirmedEye), and image files (exhaustive) larger
//      than SMALL_IMAGE_PIXELS are rejected by the same rule; the selector's box and small
//      images keep the whole-frame read.
// Each pass converts to gray only the pixels it reads. The full-resolution passes do not read the
// blocks the coarse samples show blank all around (uniformBlocks), and a code read in a pass
// explains its eyes for the rest of it (decodeRegions) as well as for the later passes.
import { checkFrame, clipRegion } from './frame';
import type { Frame, Rect } from './frame';
import { faintBlocks, FINDER_LIMITS, findFinderPatterns, ROW_STEP, sampleBlocks } from './finder';
import type { BlockSamples, FinderPattern } from './finder';
import { confirmedEye } from './finder-verify';
import { halfResolution, pixelsOf, toGray, upscaleGray } from './gray';
import type { Pixels } from './gray';
import { pickOtpauth } from './otpauth';
import { cornersOf, decodeRegions, explained } from './regions';
import type { FoundCode } from './regions';
import { uniformBlocks } from './uniform-blocks';
import { zxingReadGray, zxingReady } from './zxing';
import type { ReaderOptions } from './zxing';

export type { FoundCode } from './regions';

export interface ScanOptions {
  /** Decode only this rectangle of the frame (frame pixels), e.g. the region selector's box. */
  region?: Rect;
  /**
   * Also look for small-module codes after a key was found with large modules (default false:
   * a screen scan stops at the first pass that finds a key; files and imports want every code).
   */
  exhaustive?: boolean;
  /**
   * Read the whole frame with ZXing when the regions held no key URI: `true` always (the
   * default with a `region`, and with `exhaustive` on images of up to SMALL_IMAGE_PIXELS),
   * `false` never, `'unread-patterns'` only when the finder scans saw a pattern no decoded code
   * explains (the default for a screen scan, and since issue 28 for larger image files).
   */
  wholeFrameFallback?: boolean | 'unread-patterns';
  /** Clock for decodeMs; performance.now by default. */
  now?: () => number;
}

/** What one pass cost and found, for the bench and the end-to-end timing. */
export interface PassReport {
  pass: 'coarse' | 'fine' | 'faint' | 'whole-frame';
  /** Wall-clock ms of the pass (finder scan and its regions' decoding). */
  ms: number;
  /** Finder patterns it saw (none for the whole-frame pass). */
  patterns: number;
  /** Candidate regions it decoded. */
  regions: number;
  /** New texts it read. */
  found: number;
}

export type WholeFrameOutcome =
  'ran' | 'skipped: key found' | 'skipped: no unread finder pattern' | 'skipped: turned off';

/** Whether the faint pass ran before a screen was rejected, and if not, why not. */
export type FaintOutcome = 'ran' | 'skipped: no faint block';

export interface ScanResult {
  /** Every distinct QR text, in the order found. */
  texts: string[];
  /** The texts that are otpauth:// or otpauth-migration:// links. */
  otpauth: string[];
  codes: FoundCode[];
  /** Milliseconds from pixels to texts (gray conversion included). */
  decodeMs: number;
  /** The passes that ran, in order. */
  passes: PassReport[];
  /** Whether ZXing read the whole frame, and if not, why not. */
  wholeFrame: WholeFrameOutcome;
  /** Set when the frame came to the faint pass (no key, no unread pattern): did it run? */
  faint?: FaintOutcome;
}

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

/**
 * Image files (and regions) up to this many pixels are read whole whenever the finder passes found
 * no key: a QR code saved at 1 px a module (its finder patterns 7 px wide, under the 9 px the scans
 * look for) is read by ZXing only. On a megapixel that read costs ~10 ms; larger pictures
 * (screenshots) are rejected like screens (issue 28).
 */
export const SMALL_IMAGE_PIXELS = 1_000_000;

export async function scanPixels(frame: Frame, options: ScanOptions = {}): Promise<ScanResult> {
  checkFrame(frame);
  const now = options.now ?? (() => performance.now());
  await zxingReady();
  const start = now();
  const whole = { x: 0, y: 0, width: frame.width, height: frame.height };
  const area = options.region ? clipRegion(frame, options.region) : whole;
  // Image files (exhaustive) are rejected like screens since issue 28, except small ones: a code
  // saved at 1 px a module has finder patterns under what the scans look for.
  const small = area.width * area.height <= SMALL_IMAGE_PIXELS;
  const fallback =
    options.wholeFrameFallback ??
    (options.region || (options.exhaustive && small) ? true : 'unread-patterns');
  const codes: FoundCode[] = [];
  const add = (text: string, corners: [number, number][], pass: FoundCode['pass']) => {
    if (codes.some((c) => c.text === text)) return false;
    codes.push({ text, corners, pass });
    return true;
  };
  const passes: PassReport[] = [];
  /** Every finder pattern seen, in frame pixels. */
  const seen: FinderPattern[] = [];
  let fullSamples: BlockSamples | undefined;
  let coarseSamples: BlockSamples | undefined;

  const pixels = pixelsOf(frame);
  // Full-resolution samples: blocks the coarse samples show uniform all around are not read.
  const sampleFull = () =>
    sampleBlocks(pixels, area, ROW_STEP, coarseSamples && uniformBlocks(coarseSamples, area));
  /** One finder pass: scan, then decode its regions; `scale` maps its pixels to the frame's. */
  const finderPass = async (
    name: 'coarse' | 'fine' | 'faint',
    view: Pixels,
    viewArea: Rect,
    scale: number,
    only?: Uint8Array,
  ) => {
    const passStart = now();
    const mode = name === 'faint' ? 'mean' : 'midrange';
    // The full-resolution passes read the same samples: taken once, by the first of them.
    if (name === 'coarse') coarseSamples = sampleBlocks(view, viewArea);
    else fullSamples ??= sampleFull();
    const samples = name === 'coarse' ? coarseSamples! : fullSamples!;
    const patterns = findFinderPatterns(view, viewArea, ROW_STEP, mode, samples, only);
    for (const p of patterns) {
      seen.push({
        ...p,
        x: p.x * scale + area.x,
        y: p.y * scale + area.y,
        module: p.module * scale,
      });
    }
    const { decoded, found } = await decodeRegions(
      pixels,
      patterns,
      { width: viewArea.width, height: viewArea.height, scale, x: area.x, y: area.y },
      codes,
      (text, corners) => add(text, corners, name === 'coarse' ? 'coarse' : 'regions'),
    );
    passes.push({
      pass: name,
      ms: now() - passStart,
      patterns: patterns.length,
      regions: decoded,
      found,
    });
  };
  const hasKey = () => pickOtpauth(codes.map((c) => c.text)).length > 0;

  // Coarse: every second pixel of every second row, a quarter of the work; enough for modules
  // of ~3.5 px and more, which most enrolment pages show. The cheapest pass with the highest
  // yield, so it goes first (bench/qr.ts prints each pass's cost and yield).
  const halfArea = {
    x: area.x >> 1,
    y: area.y >> 1,
    width: area.width >> 1,
    height: area.height >> 1,
  };
  await finderPass('coarse', halfResolution(pixels), halfArea, 2);
  // Fine: full resolution, for small modules (HiDPI 1.25–1.75, small CSS sizes). Skipped once
  // the coarse pass found a key, unless every code is wanted (`exhaustive`).
  if (options.exhaustive || !hasKey()) await finderPass('fine', pixels, area, 1);

  const unread = () =>
    unreadCode(
      pixels,
      seen.filter((p) => !explained(p, codes)),
    );
  // Before a screen is rejected unread: the full-resolution scan again with mean thresholds,
  // which see faint codes beside darker text (as ZXing's binarizer does) — only around the blocks
  // that mean thresholds split and the midrange does not (faintBlocks): elsewhere it would see
  // nothing the fine pass did not (issue 28).
  let faint: FaintOutcome | undefined;
  if (fallback === 'unread-patterns' && !hasKey() && !unread()) {
    fullSamples ??= sampleFull();
    const only = faintBlocks(fullSamples);
    if (!only) faint = 'skipped: no faint block';
    else {
      await finderPass('faint', pixels, area, 1, only);
      faint = 'ran';
    }
  }

  let wholeFrame: WholeFrameOutcome = 'ran';
  if (fallback === false) wholeFrame = 'skipped: turned off';
  else if (hasKey()) wholeFrame = 'skipped: key found';
  else if (fallback === 'unread-patterns' && !unread()) {
    wholeFrame = 'skipped: no unread finder pattern';
  }
  if (wholeFrame === 'ran') {
    const passStart = now();
    // A small region (the selector's box) is enlarged like a candidate region would be.
    const gray = toGray(pixels, area);
    const scale = Math.max(gray.width, gray.height) < 400 ? 2 : 1;
    const image = scale > 1 ? upscaleGray(gray, scale) : gray;
    const tryHarder = image.width * image.height <= WHOLE_FRAME_TRY_HARDER_PIXELS;
    let found = 0;
    for (const r of await zxingReadGray(image, { ...wholeFrameOptions, tryHarder })) {
      if (add(r.text, cornersOf(r.position, scale, area.x, area.y), 'whole-frame')) found++;
    }
    passes.push({ pass: 'whole-frame', ms: now() - passStart, patterns: 0, regions: 0, found });
  }

  const texts = codes.map((c) => c.text);
  return {
    texts,
    otpauth: pickOtpauth(texts),
    codes,
    decodeMs: now() - start,
    passes,
    wholeFrame,
    ...(faint === undefined ? {} : { faint }),
  };
}

/** Modules under this size are below what the regions read; alone they are mostly text. */
const TINY_MODULE = 1.75;

/**
 * Could unexplained patterns be a code ZXing reads? One of a readable size that is a QR eye
 * (confirmedEye: square rings and a separator, issue 28): on screens where ZXing read a code our
 * regions did not, our scans had sometimes seen only one of its eyes (requiring two lost such
 * codes in the seeded test). Or three of one polarity and agreeing module sizes forming a code's
 * corner, as ZXing's detector needs, whatever their size: patterns of tiny modules (1.3–1.75 px,
 * which the lowered bound lets through) and the round glyphs and JPEG blotches that pass the
 * scan's checks count only so.
 */
function unreadCode(pixels: Pixels, patterns: FinderPattern[]): boolean {
  if (patterns.some((p) => p.module >= TINY_MODULE && confirmedEye(pixels, p))) return true;
  // The search below is cubic: a crafted screen of thousands of tiny patterns is simply read
  // whole (ZXing's quick scan above 4K, WHOLE_FRAME_TRY_HARDER_PIXELS).
  if (patterns.length > FINDER_LIMITS.maxPatterns) return true;
  const agree = (a: FinderPattern, b: FinderPattern) =>
    a.inverted === b.inverted && a.module / b.module > 0.7 && a.module / b.module < 1 / 0.7;
  // Three forming a code's corner, as candidateRegions pairs them: two equal sides, a right angle.
  for (const a of patterns) {
    for (const b of patterns) {
      for (const c of patterns) {
        if (a === b || a === c || b === c || !agree(a, b) || !agree(a, c) || !agree(b, c)) continue;
        const module = Math.max(a.module, b.module, c.module);
        const [abx, aby, acx, acy] = [b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y];
        const ab = Math.hypot(abx, aby);
        const ac = Math.hypot(acx, acy);
        if (ab < 14 * module || ab > 180 * module || ab / ac < 0.8 || ab / ac > 1.25) continue;
        if (Math.abs(abx * acx + aby * acy) / (ab * ac) <= 0.2) return true;
      }
    }
  }
  return false;
}

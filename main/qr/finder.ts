// Where QR codes may be: the 1:1:3:1:1 finder patterns (the three "eyes"), found by scanning every
// third row against a local threshold and confirming each hit down its column and diagonal. Both
// polarities count, so light-on-dark codes (dark themes) are found too. A sparse first look marks
// the flat 16×16 blocks (page background), which the scan then skips unread: the pass is plain JS
// and touches a fraction of the pixels; ZXing then decodes only the regions around the patterns.
import {
  BLOCK_SHIFT,
  blockThresholds,
  BUSY,
  FLAT_DARK,
  FLAT_LIGHT,
  sampleBlocks as sampleBlocksOf,
} from './blocks';
import type { BlockSamples, ThresholdMode } from './blocks';
import type { Rect } from './frame';
import { lumaRow } from './gray';
import type { Pixels } from './gray';

export { faintBlocks } from './blocks';
export type { BlockSamples, ThresholdMode } from './blocks';

export interface FinderPattern {
  x: number;
  y: number;
  /** Estimated module size in pixels. */
  module: number;
  /** True when the pattern is light on dark. */
  inverted: boolean;
  /** How many scanned rows confirmed it. */
  hits: number;
}

/** Every third row: the 3-module centre of a finder is ≥ 6 px tall once modules are ≥ 2 px. */
export const ROW_STEP = 3;

/** The samples thresholds are taken from, from every `step`th row (ROW_STEP by default). */
export function sampleBlocks(
  pixels: Pixels,
  area: Rect,
  step = ROW_STEP,
  assumed?: Int16Array,
): BlockSamples {
  return sampleBlocksOf(pixels, area, step, assumed);
}

/**
 * 7 modules of at least 1.3 px. The regions read codes from 1.75 px; ZXing's whole-frame read
 * reads some down to ~1.5 px, so smaller patterns are looked for too: seen and not decoded, they
 * are what makes a screen scan read the whole frame rather than reject it (issue 19).
 */
const MIN_PATTERN = 9;

/** Do five run lengths look like 1:1:3:1:1 (ZXing's tolerances: ±½ module, ±1½ for the centre)? */
function isFinderRatio(a: number, b: number, c: number, d: number, e: number): boolean {
  const total = a + b + c + d + e;
  if (total < MIN_PATTERN) return false;
  const module = total / 7;
  // Anti-aliased edges of small modules round each run up or down by a pixel (2 px modules read
  // as 1:3:5:3:1), so the tolerance never drops below 1.25 px.
  const slack = Math.max(module * 0.5, 1.25);
  return (
    Math.abs(a - module) < slack &&
    Math.abs(b - module) < slack &&
    Math.abs(c - 3 * module) < 3 * slack &&
    Math.abs(d - module) < slack &&
    Math.abs(e - module) < slack
  );
}

/**
 * Runs along one row (luma in `rows`, flat blocks unread): pushes (centre x, width, centre dark
 * 1/0) for every five runs in 1:1:3:1:1. A function of its own so V8 optimises it as a whole
 * rather than replacing a hot inner loop on the stack, which it undoes on every row.
 */
function scanRow(
  rows: Uint8Array,
  thresholds: Uint8Array,
  kinds: Uint8Array,
  blockRow: number,
  columns: number,
  width: number,
  hits: number[],
  next: Int32Array,
): void {
  // The last five run lengths (r4 newest) and the run under way.
  let r0: number;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  let r4 = 0;
  let seen = 0;
  let runStart = 0;
  let runDark =
    kinds[blockRow] === BUSY ? rows[0]! < thresholds[blockRow]! : kinds[blockRow] === FLAT_DARK;
  for (let block = 0; block < columns; block++) {
    const kind = kinds[blockRow + block]!;
    // Page (flat light blocks) under a light run: nothing happens until the next other block.
    if (kind === FLAT_LIGHT && !runDark) {
      block = next[blockRow + block]! - 1;
      continue;
    }
    const threshold = thresholds[blockRow + block]!;
    const start = block << BLOCK_SHIFT;
    // A flat block is not read: its run goes on, or a run of the other colour starts with it.
    const end =
      kind === BUSY
        ? Math.min(width, start + 16)
        : (kind === FLAT_DARK) !== runDark
          ? start + 1
          : start;
    const level = kind === BUSY ? threshold : kind === FLAT_DARK ? 256 : 0;
    for (let x = start; x < end; x++) {
      // The hot loop: one read and two comparisons a pixel.
      if ((kind === BUSY ? rows[x]! : 128) < level === runDark) continue;
      r0 = r1;
      r1 = r2;
      r2 = r3;
      r3 = r4;
      r4 = x - runStart;
      runStart = x;
      runDark = !runDark;
      // The run that just ended has the centre's colour, as do r0 and r2.
      if (++seen >= 5 && isFinderRatio(r0, r1, r2, r3, r4)) {
        hits.push(x - r4 - r3 - r2 / 2, r0 + r1 + r2 + r3 + r4, runDark ? 0 : 1);
      }
    }
  }
}

/** Finder patterns in `area` of the frame; coordinates are relative to the area. */
export function findFinderPatterns(
  pixels: Pixels,
  area: Rect,
  step = ROW_STEP,
  mode: ThresholdMode = 'midrange',
  samples: BlockSamples = sampleBlocks(pixels, area, step),
  only?: Uint8Array,
): FinderPattern[] {
  const { width, height } = area;
  const { thresholds, kinds, columns } = blockThresholds(samples, mode);
  // Blocks outside `only` (faintBlocks) are not read: runs pass through them as page.
  let rowsRead: Uint8Array | undefined;
  if (only) {
    rowsRead = new Uint8Array(kinds.length / columns);
    for (let b = 0; b < kinds.length; b++) {
      if (only[b]) rowsRead[Math.floor(b / columns)] = 1;
      else kinds[b] = FLAT_LIGHT;
    }
  }
  // For each block, the next one along its row that is not flat light (page): the scan skips
  // the page between them (most of a screen).
  const next = new Int32Array(kinds.length);
  for (let row = 0; row < kinds.length; row += columns) {
    let after = columns;
    for (let c = columns - 1; c >= 0; c--) {
      if (kinds[row + c] !== FLAT_LIGHT) after = c;
      next[row + c] = after;
    }
  }
  const { words, rowWords, columnWords, shifts, weights } = pixels;
  const [s0, s1, s2] = shifts;
  const [w0, w1, w2] = weights;
  /** Is (x, y) of the area darker than its block's threshold? (lumaAt, inlined: it is hot.) */
  const dark = (x: number, y: number) => {
    const p = words[(area.y + y) * rowWords + (area.x + x) * columnWords]!;
    const luma =
      (w0 * ((p >>> s0) & 255) + w1 * ((p >>> s1) & 255) + w2 * ((p >>> s2) & 255) + 128) >>> 8;
    return luma < thresholds[(y >> BLOCK_SHIFT) * columns + (x >> BLOCK_SHIFT)]!;
  };
  const found: FinderPattern[] = [];

  /**
   * Runs up and down the column from (x, y): the centre of a vertical 1:1:3:1:1, or -1. Plain
   * loops that give up at the first run that is missing or longer than the whole pattern: this
   * runs for every horizontal hit, most of them in text.
   */
  const crossCheckColumn = (x: number, y: number, centreDark: boolean, total: number): number => {
    let c = 0;
    let at = y;
    while (at >= 0 && dark(x, at) === centreDark) if ((at--, ++c) > total) return -1;
    let b = 0;
    while (at >= 0 && dark(x, at) !== centreDark) if ((at--, ++b) > total) return -1;
    if (b === 0) return -1;
    let a = 0;
    while (at >= 0 && dark(x, at) === centreDark) if ((at--, ++a) > total) return -1;
    if (a === 0) return -1;
    const above = at;
    at = y + 1;
    while (at < height && dark(x, at) === centreDark) if ((at++, ++c) > total) return -1;
    let d = 0;
    while (at < height && dark(x, at) !== centreDark) if ((at++, ++d) > total) return -1;
    if (d === 0) return -1;
    let e = 0;
    while (at < height && dark(x, at) === centreDark) if ((at++, ++e) > total) return -1;
    if (e === 0) return -1;
    const vertical = a + b + c + d + e;
    if (5 * Math.abs(vertical - total) >= 2 * total) return -1;
    if (!isFinderRatio(a, b, c, d, e)) return -1;
    return above + 1 + a + b + c / 2;
  };

  /** The same rings along the diagonal (ZXing's tryHarder check): rejects most text glyphs. */
  const crossCheckDiagonal = (cx: number, cy: number, centreDark: boolean, total: number) => {
    const counts = [0, 0, 0, 0, 0];
    const limit = total * 1.5;
    const walk = (direction: 1 | -1, order: [number, number, number]) => {
      let x = Math.floor(cx);
      let y = Math.floor(cy);
      for (let k = 0; k < 3; k++) {
        const index = order[k]!;
        const want = k === 1 ? !centreDark : centreDark;
        while (x >= 0 && y >= 0 && x < width && y < height && dark(x, y) === want) {
          counts[index]!++;
          x += direction;
          y += direction;
          if (counts[index]! > limit) return false;
        }
      }
      return true;
    };
    if (!walk(-1, [2, 1, 0]) || !walk(1, [2, 3, 4])) return false;
    counts[2]!--; // the centre pixel was counted by both walks
    const [a, b, c, d, e] = counts as [number, number, number, number, number];
    // A diagonal step moves one pixel on each axis, so the rings span as many steps as pixels
    // across; corners are blurred more, so the ratio is checked loosely.
    const diagonal = a + b + c + d + e;
    const module = diagonal / 7;
    return (
      5 * Math.abs(diagonal - total) < 2 * total &&
      [a, b, d, e].every((run) => run > 0 && Math.abs(run - module) < module) &&
      Math.abs(c - 3 * module) < 2.5 * module
    );
  };

  const record = (x: number, y: number, module: number, inverted: boolean) => {
    for (const p of found) {
      if (
        p.inverted === inverted &&
        Math.abs(p.x - x) <= Math.max(2, module) * 1.5 &&
        Math.abs(p.y - y) <= Math.max(2, module) * 1.5 &&
        Math.abs(p.module - module) <= Math.max(1, p.module * 0.4)
      ) {
        const n = p.hits + 1;
        p.x = (p.x * p.hits + x) / n;
        p.y = (p.y * p.hits + y) / n;
        p.module = (p.module * p.hits + module) / n;
        p.hits = n;
        return;
      }
    }
    found.push({ x, y, module, inverted, hits: 1 });
  };

  const rows = new Uint8Array(width);
  const hits: number[] = [];
  for (let y = step >> 1; y < height; y += step) {
    const thresholdRow = (y >> BLOCK_SHIFT) * columns;
    if (rowsRead && !rowsRead[y >> BLOCK_SHIFT]) continue;
    // Luma of the busy blocks only; flat blocks are never read.
    for (let block = next[thresholdRow]!; block < columns; block++) {
      if (kinds[thresholdRow + block] !== BUSY) {
        if (kinds[thresholdRow + block] === FLAT_LIGHT) block = next[thresholdRow + block]! - 1;
        continue;
      }
      const start = block << BLOCK_SHIFT;
      lumaRow(pixels, area.x + start, area.y + y, Math.min(16, width - start), rows, start);
    }
    hits.length = 0;
    scanRow(rows, thresholds, kinds, thresholdRow, columns, width, hits, next);
    for (let h = 0; h < hits.length; h += 3) {
      const centreX = hits[h]!;
      const total = hits[h + 1]!;
      const centreDark = hits[h + 2] === 1;
      const centreY = crossCheckColumn(Math.floor(centreX), y, centreDark, total);
      if (centreY >= 0 && crossCheckDiagonal(centreX, centreY, centreDark, total)) {
        record(centreX, centreY, total / 7, !centreDark);
      }
    }
  }
  // A real finder's centre (3 modules) is crossed by several scanned rows; one lone hit on a
  // pattern that tall is noise in text or in a code's data area.
  // Mean thresholds turn small print and JPEG noise into tiny "patterns"; that pass looks for
  // faint codes of readable modules (≥ 1.7 px) only.
  const smallest = mode === 'mean' ? 12 / 7 : 0;
  return found.filter((p) => (p.hits >= 2 || p.module * 3 < 2 * step + 2) && p.module >= smallest);
}

/**
 * Bounds for a hostile image (issue 13): a real screen shows a few codes of three or four finder
 * patterns each, while a crafted one can hold a pattern every 14 px (250,000 on a 49 MP image),
 * and pairing them is cubic. The best-confirmed patterns are kept; each region costs two ZXing
 * reads, so their number is capped too. The whole-frame pass still runs after them.
 */
export const FINDER_LIMITS = { maxPatterns: 64, maxRegions: 32 } as const;

/**
 * Regions that may hold a code. Three patterns of one polarity and similar module size that form
 * a QR code's corner (two equal sides at a right angle, 14–180 modules long) give the square they
 * span plus a margin. Patterns left over in pairs at a plausible distance give the square that
 * could hold the missing third eye on either side, so a code with one eye hidden still gets a try.
 */
export function candidateRegions(
  found: FinderPattern[],
  width: number,
  height: number,
): CandidateRegion[] {
  const patterns =
    found.length > FINDER_LIMITS.maxPatterns
      ? [...found].sort((a, b) => b.hits - a.hits).slice(0, FINDER_LIMITS.maxPatterns)
      : found;
  const regions: CandidateRegion[] = [];
  const used = new Set<FinderPattern>();
  const similar = (a: FinderPattern, b: FinderPattern) =>
    a.inverted === b.inverted && a.module / b.module > 0.7 && a.module / b.module < 1 / 0.7;
  const push = (points: [number, number][], module: number, inverted: boolean, pad: number) => {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const left = Math.max(0, Math.floor(Math.min(...xs) - pad));
    const top = Math.max(0, Math.floor(Math.min(...ys) - pad));
    const right = Math.min(width, Math.ceil(Math.max(...xs) + pad));
    const bottom = Math.min(height, Math.ceil(Math.max(...ys) + pad));
    if (regions.length >= FINDER_LIMITS.maxRegions) return;
    if (right - left < 8 || bottom - top < 8) return;
    const rect = { x: left, y: top, width: right - left, height: bottom - top };
    if (regions.some((r) => r.inverted === inverted && covers(r.rect, rect))) return;
    regions.push({ rect, module, inverted });
  };

  for (const corner of patterns) {
    for (const b of patterns) {
      if (b === corner || !similar(corner, b)) continue;
      for (const c of patterns) {
        if (c === corner || c === b || !similar(corner, c) || !similar(b, c)) continue;
        const module = (corner.module + b.module + c.module) / 3;
        const [abx, aby] = [b.x - corner.x, b.y - corner.y];
        const [acx, acy] = [c.x - corner.x, c.y - corner.y];
        const ab = Math.hypot(abx, aby);
        const ac = Math.hypot(acx, acy);
        if (ab < 14 * module || ab > 180 * module || ab / ac < 0.8 || ab / ac > 1.25) continue;
        if (Math.abs(abx * acx + aby * acy) / (ab * ac) > 0.2) continue; // not a right angle
        used.add(corner).add(b).add(c);
        const fourth: [number, number] = [b.x + acx, b.y + acy];
        const points: [number, number][] = [[corner.x, corner.y], [b.x, b.y], [c.x, c.y], fourth];
        push(points, module, corner.inverted, 8 * module);
      }
    }
  }

  const loose = patterns.filter((p) => !used.has(p));
  for (let i = 0; i < loose.length; i++) {
    for (let j = i + 1; j < loose.length; j++) {
      const a = loose[i]!;
      const b = loose[j]!;
      if (!similar(a, b)) continue;
      const module = (a.module + b.module) / 2;
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (distance < 14 * module || distance > 180 * module) continue;
      push(
        [
          [a.x, a.y],
          [b.x, b.y],
        ],
        module,
        a.inverted,
        distance + 8 * module,
      );
    }
  }
  return regions;
}

/** Does `outer` contain most (90%) of `inner`? */
function covers(outer: Rect, inner: Rect): boolean {
  const w = Math.min(outer.x + outer.width, inner.x + inner.width) - Math.max(outer.x, inner.x);
  const h = Math.min(outer.y + outer.height, inner.y + inner.height) - Math.max(outer.y, inner.y);
  return w > 0 && h > 0 && w * h >= 0.9 * inner.width * inner.height;
}

export interface CandidateRegion {
  rect: Rect;
  /** Mean module size of its finder patterns, in pixels. */
  module: number;
  inverted: boolean;
}

// Where QR codes may be: the 1:1:3:1:1 finder patterns (the three "eyes"), found by scanning every
// third row against a local threshold and confirming each hit down its column and diagonal. Both
// polarities count, so light-on-dark codes (dark themes) are found too. A sparse first look marks
// the flat 16×16 blocks (page background), which the scan then skips unread: the pass is plain JS
// and touches a fraction of the pixels; ZXing then decodes only the regions around the patterns.
import type { Rect } from './frame';
import { lumaAt, lumaRow } from './gray';
import type { Pixels } from './gray';

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
const BLOCK_SHIFT = 4; // thresholds per 16×16 block
const NEIGHBOURS = 2; // … taken from a 5×5 block neighbourhood (80 px)
/**
 * How a block's threshold is taken from its neighbourhood: `midrange`, midway between its darkest
 * and lightest sample (the default); `mean`, their average, as ZXing's binarizer does. Beside
 * darker small print a faint code (ink 40–60 levels below the page) falls under the midrange and
 * vanishes, while the mean, which thin strokes barely move, still splits its modules; the screen
 * scan's last finder pass uses it before it rejects a screen (issue 19). Not the default: on a
 * code in two mid-tone colours (blue on orange) on a white page it misjudges the module size.
 */
export type ThresholdMode = 'midrange' | 'mean';
const MIN_CONTRAST = 24;
/** Threshold samples: every 4th pixel of the scanned rows. */
const SAMPLE = 4;
/**
 * 7 modules of at least 1.3 px. The regions read codes from 1.75 px; ZXing's whole-frame read
 * reads some down to ~1.5 px, so smaller patterns are looked for too: seen and not decoded, they
 * are what makes a screen scan read the whole frame rather than reject it (issue 19).
 */
const MIN_PATTERN = 9;

/** What the scan does with a 16×16 block. */
const BUSY = 0; // read it pixel by pixel
const FLAT_LIGHT = 1; // skip it: one light run goes through
const FLAT_DARK = 2; // skip it: one dark run goes through

/** Every 4th pixel of the scanned rows, per 16×16 block: darkest, lightest, sum and count. */
export interface BlockSamples {
  columns: number;
  rows: number;
  min: Uint8Array;
  max: Uint8Array;
  sums: Float64Array;
  counts: Float64Array;
}

/**
 * The samples thresholds are taken from. The full-resolution passes (midrange, then mean
 * thresholds) read the same pixels, so the pipeline samples them once for both.
 */
export function sampleBlocks(pixels: Pixels, area: Rect, step = ROW_STEP): BlockSamples {
  const { width, height } = area;
  const columns = (width + 15) >> BLOCK_SHIFT;
  const rows = (height + 15) >> BLOCK_SHIFT;
  const samples = {
    columns,
    rows,
    min: new Uint8Array(columns * rows).fill(255),
    max: new Uint8Array(columns * rows),
    sums: new Float64Array(columns * rows),
    counts: new Float64Array(columns * rows),
  };
  // Successive rows sample different columns, so a thin vertical line (a finder's 2 px ring)
  // cannot slip between the samples of every row.
  for (let y = step >> 1, row = 0; y < height; y += step, row++) {
    sampleRow(pixels, area, y, row % SAMPLE, (y >> BLOCK_SHIFT) * columns, samples);
  }
  return samples;
}

/**
 * Per-block thresholds: midway between the darkest and lightest pixel around the block (5×5
 * blocks; or their mean, see ThresholdMode), seen in every 4th pixel of the scanned rows; 0
 * where the whole neighbourhood is flat.
 * A block whose own pixels are flat is not read at all: a run simply passes through it, light or
 * dark (inside a large finder's centre, say). Any block holding part of a code shows both colours
 * in its samples; thin text strokes may not, which only spares the scan some text.
 */
function blockThresholds(samples: BlockSamples, mode: ThresholdMode) {
  const { columns, rows: blockRows, min, max } = samples;
  const wideMin = spread(min, columns, blockRows, false);
  const wideMax = spread(max, columns, blockRows, true);
  const means = mode === 'mean' ? blockMeans(samples) : undefined;
  const thresholds = new Uint8Array(columns * blockRows);
  const kinds = new Uint8Array(columns * blockRows);
  for (let b = 0; b < thresholds.length; b++) {
    const lo = wideMin[b]!;
    const hi = wideMax[b]!;
    const middle = means ? Math.round(means[b]!) : (lo + hi + 1) >> 1;
    const threshold = hi - lo >= MIN_CONTRAST ? middle : 0;
    thresholds[b] = threshold;
    // (Reading only the blocks fainter than their surroundings in the mean pass, and letting
    // runs pass through the others, lost faint codes whose eyes share a block with text.)
    if (max[b]! - min[b]! >= MIN_CONTRAST) kinds[b] = BUSY;
    else kinds[b] = max[b]! < threshold ? FLAT_DARK : FLAT_LIGHT;
  }
  return { thresholds, kinds, columns };
}

/**
 * Where a faint code could hide from the midrange thresholds (issue 28). The faint pass (mean
 * thresholds) finds what the midrange misses: ink 40–80 levels below the page beside darker
 * print, which pulls the midrange under the ink or into its anti-aliased edges. Such a code's
 * blocks have contrast of their own (≥ MIN_CONTRAST) and are fainter than their surroundings: their
 * darkest sample is FAINTER levels above the darkest around them (their lightest as far below, on a
 * dark page), or they lie wholly on one side of the midrange. The print that hides a code lies
 * within the neighbourhood (±2 blocks) of its blocks, so an eye that shares a block with print
 * has such blocks of its own code next to it; the faint pass reads them and FAINT_MARGIN blocks
 * around them, and nothing where there are none (a page of uniform print, the usual display with
 * nothing to find). Returns that block mask, or undefined when no block qualifies.
 */
export function faintBlocks(samples: BlockSamples): Uint8Array | undefined {
  const { columns, rows, min, max } = samples;
  const wideMin = spread(min, columns, rows, false);
  const wideMax = spread(max, columns, rows, true);
  const mask = new Uint8Array(columns * rows);
  let any = false;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const b = r * columns + c;
      const lo = min[b]!;
      const hi = max[b]!;
      const around = wideMax[b]! - wideMin[b]!;
      const threshold = (wideMin[b]! + wideMax[b]! + 1) >> 1;
      const faint =
        hi - lo >= MIN_CONTRAST &&
        around >= MIN_CONTRAST &&
        (lo >= wideMin[b]! + FAINTER ||
          hi + FAINTER <= wideMax[b]! ||
          hi < threshold ||
          lo >= threshold);
      if (!faint) continue;
      any = true;
      const top = Math.max(0, r - FAINT_MARGIN);
      const bottom = Math.min(rows - 1, r + FAINT_MARGIN);
      for (let rr = top; rr <= bottom; rr++) {
        const row = rr * columns;
        mask.fill(
          1,
          row + Math.max(0, c - FAINT_MARGIN),
          row + Math.min(columns, c + FAINT_MARGIN + 1),
        );
      }
    }
  }
  return any ? mask : undefined;
}

/** How much fainter than its surroundings a block must be to hide a faint code (levels). */
const FAINTER = 24;

/** Blocks around a faint one that the faint pass reads too (32 px: an eye's rings reach them). */
const FAINT_MARGIN = 2;

/** Block min/max from every 4th pixel of row `y`, from column `phase`. */
function sampleRow(
  pixels: Pixels,
  area: Rect,
  y: number,
  phase: number,
  blockRow: number,
  { min, max, sums, counts }: BlockSamples,
): void {
  for (let x = phase; x < area.width; x += SAMPLE) {
    const v = lumaAt(pixels, area.x + x, area.y + y);
    const b = blockRow + (x >> BLOCK_SHIFT);
    if (v < min[b]!) min[b] = v;
    if (v > max[b]!) max[b] = v;
    sums[b]! += v;
    counts[b]!++;
    // A sample just past a block's right edge counts for it too: an edge after its own last
    // sample must not leave it looking flat.
    if ((x & 15) < SAMPLE && x >= 16) {
      if (v < min[b - 1]!) min[b - 1] = v;
      if (v > max[b - 1]!) max[b - 1] = v;
    }
  }
}

/** The mean of the samples over each block's 5×5 neighbourhood (for `mean` thresholds). */
function blockMeans({ columns, rows, sums, counts }: BlockSamples): Float64Array {
  // Sums over ±NEIGHBOURS blocks, across then down.
  const across = (values: Float64Array) => {
    const out = new Float64Array(values.length);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        let total = 0;
        const last = Math.min(columns - 1, c + NEIGHBOURS);
        for (let d = Math.max(0, c - NEIGHBOURS); d <= last; d++) total += values[r * columns + d]!;
        out[r * columns + c] = total;
      }
    }
    return out;
  };
  const down = (values: Float64Array) => {
    const out = new Float64Array(values.length);
    for (let r = 0; r < rows; r++) {
      const last = Math.min(rows - 1, r + NEIGHBOURS);
      for (let c = 0; c < columns; c++) {
        let total = 0;
        for (let d = Math.max(0, r - NEIGHBOURS); d <= last; d++) total += values[d * columns + c]!;
        out[r * columns + c] = total;
      }
    }
    return out;
  };
  const wideSums = down(across(sums));
  const wideCounts = down(across(counts));
  const means = new Float64Array(columns * rows);
  for (let b = 0; b < means.length; b++) {
    means[b] = wideCounts[b]! > 0 ? wideSums[b]! / wideCounts[b]! : 0;
  }
  return means;
}

/** Separable min (or max) filter over ±NEIGHBOURS blocks. */
function spread(values: Uint8Array, columns: number, rows: number, useMax: boolean): Uint8Array {
  const across = new Uint8Array(values.length);
  const out = new Uint8Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      let v = values[r * columns + c]!;
      const last = Math.min(columns - 1, c + NEIGHBOURS);
      for (let d = Math.max(0, c - NEIGHBOURS); d <= last; d++) {
        const w = values[r * columns + d]!;
        if (useMax ? w > v : w < v) v = w;
      }
      across[r * columns + c] = v;
    }
  }
  for (let r = 0; r < rows; r++) {
    const last = Math.min(rows - 1, r + NEIGHBOURS);
    for (let c = 0; c < columns; c++) {
      let v = across[r * columns + c]!;
      for (let d = Math.max(0, r - NEIGHBOURS); d <= last; d++) {
        const w = across[d * columns + c]!;
        if (useMax ? w > v : w < v) v = w;
      }
      out[r * columns + c] = v;
    }
  }
  return out;
}

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
    for (let block = 0; block < columns; block++) {
      if (kinds[thresholdRow + block] !== BUSY) continue;
      const start = block << BLOCK_SHIFT;
      lumaRow(pixels, area.x + start, area.y + y, Math.min(16, width - start), rows, start);
    }
    hits.length = 0;
    scanRow(rows, thresholds, kinds, thresholdRow, columns, width, hits);
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

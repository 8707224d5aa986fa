// The finder scan's local thresholds: a sparse first look at the scanned rows (every 4th pixel)
// gives each 16×16 block its darkest and lightest sample, from which every block gets a threshold
// over its 5×5-block neighbourhood, and flat blocks (page background) are marked so the scan skips
// them unread. This is the part of each finder pass that touches every scanned row, so it is
// written for speed (issue 28): one pass over a block's samples, and the neighbourhood figures
// computed once per set of samples and shared by the passes that read them.
import type { Rect } from './frame';
import { boxSum, spread } from './block-filters';
import type { Pixels } from './gray';

export const BLOCK_SHIFT = 4; // thresholds per 16×16 block
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

/** What the scan does with a 16×16 block. */
export const BUSY = 0; // read it pixel by pixel
export const FLAT_LIGHT = 1; // skip it: one light run goes through
export const FLAT_DARK = 2; // skip it: one dark run goes through

/** Every 4th pixel of the scanned rows, per 16×16 block: darkest, lightest, sum and count. */
export interface BlockSamples {
  columns: number;
  rows: number;
  min: Uint8Array;
  max: Uint8Array;
  sums: Float64Array;
  counts: Float64Array;
  /** The neighbourhood's darkest and lightest sample, worked out once (neighbourhoodOf). */
  wide?: { min: Uint8Array; max: Uint8Array };
}

/**
 * The samples thresholds are taken from. The full-resolution passes (midrange, then mean
 * thresholds) read the same pixels, so the pipeline samples them once for both. Blocks with an
 * `assumed` luma (≥ 0, uniformBlocks) are not read: their samples are taken to be that luma.
 */
export function sampleBlocks(
  pixels: Pixels,
  area: Rect,
  step: number,
  assumed?: Int16Array,
): BlockSamples {
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
  // Blocks are read in the runs between assumed ones: for each block, the next one to read.
  const next = new Int32Array(columns * rows);
  for (let row = 0; row < next.length; row += columns) {
    let after = columns;
    for (let c = columns - 1; c >= 0; c--) {
      if (!assumed || assumed[row + c]! < 0) after = c;
      next[row + c] = after;
    }
  }
  // Successive rows sample different columns, so a thin vertical line (a finder's 2 px ring)
  // cannot slip between the samples of every row.
  for (let y = step >> 1, row = 0; y < height; y += step, row++) {
    const phase = row % SAMPLE;
    sampleRow(pixels, area, y, phase, (y >> BLOCK_SHIFT) * columns, samples, next, assumed);
  }
  if (assumed) fillAssumed(samples, assumed, area, step);
  return samples;
}

/**
 * Block min/max/sum/count from every 4th pixel of row `y`, from column `phase` (< SAMPLE), block
 * by block: its own (up to) four samples, and the first sample of the next block for its min and
 * max too, so an edge after a block's own last sample does not leave it looking flat. Only the
 * blocks to read (`next`); the first sample of an assumed block is its assumed luma.
 */
function sampleRow(
  pixels: Pixels,
  area: Rect,
  y: number,
  phase: number,
  blockRow: number,
  { min, max, sums, counts, columns }: BlockSamples,
  next: Int32Array,
  assumed: Int16Array | undefined,
): void {
  const { words, rowWords, columnWords, shifts, weights } = pixels;
  const s0 = shifts[0];
  const s1 = shifts[1];
  const s2 = shifts[2];
  const w0 = weights[0];
  const w1 = weights[1];
  const w2 = weights[2];
  const width = area.width;
  const rowStart = (area.y + y) * rowWords + area.x * columnWords;
  const stepWords = SAMPLE * columnWords;
  for (
    let c = next[blockRow]!;
    c < columns;
    c = c + 1 < columns ? next[blockRow + c + 1]! : c + 1
  ) {
    const b = blockRow + c;
    const start = c << BLOCK_SHIFT;
    const end = Math.min(width, start + 16);
    let x = start + phase;
    if (x >= end) continue; // a last block narrower than the phase has no sample in this row
    let i = rowStart + x * columnWords;
    let p = words[i]!;
    let v =
      (w0 * ((p >>> s0) & 255) + w1 * ((p >>> s1) & 255) + w2 * ((p >>> s2) & 255) + 128) >>> 8;
    // The first sample counts for the block before this one as well.
    if (start > 0) {
      if (v < min[b - 1]!) min[b - 1] = v;
      if (v > max[b - 1]!) max[b - 1] = v;
    }
    let lo = v;
    let hi = v;
    let sum = v;
    let n = 1;
    for (x += SAMPLE, i += stepWords; x < end; x += SAMPLE, i += stepWords) {
      p = words[i]!;
      v = (w0 * ((p >>> s0) & 255) + w1 * ((p >>> s1) & 255) + w2 * ((p >>> s2) & 255) + 128) >>> 8;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      sum += v;
      n++;
    }
    // The next block's first sample, when that block is assumed: its luma.
    const known = assumed && c + 1 < columns && end + phase < width ? assumed[b + 1]! : -1;
    if (known >= 0) {
      if (known < lo) lo = known;
      if (known > hi) hi = known;
    }
    if (lo < min[b]!) min[b] = lo;
    if (hi > max[b]!) max[b] = hi;
    sums[b]! += sum;
    counts[b]! += n;
  }
}

/**
 * The samples of the assumed blocks, block row by block row: each of its sampled rows gives a
 * block its (up to) four samples of its luma, and the next block's first sample when that is
 * assumed too (the first sample of a block read was counted for it by sampleRow).
 */
function fillAssumed(
  { min, max, sums, counts, columns, rows }: BlockSamples,
  assumed: Int16Array,
  area: Rect,
  step: number,
): void {
  const { width, height } = area;
  // Samples a block gets from one row: its first at start + phase, then every SAMPLE pixels.
  const own = (start: number, phase: number) => {
    const end = Math.min(width, start + 16);
    return start + phase < end ? Math.floor((end - 1 - start - phase) / SAMPLE) + 1 : 0;
  };
  // The sampled rows of each block row: their count, and their phases.
  const phases: number[][] = Array.from({ length: rows }, () => []);
  for (let y = step >> 1, row = 0; y < height; y += step, row++) {
    phases[y >> BLOCK_SHIFT]!.push(row % SAMPLE);
  }
  for (let r = 0; r < rows; r++) {
    const rowPhases = phases[r]!;
    for (let c = 0; c < columns; c++) {
      const b = r * columns + c;
      const known = assumed[b]!;
      if (known < 0) continue;
      const start = c << BLOCK_SHIFT;
      // Away from the right edge every sampled row gives a block four samples.
      let n = (16 / SAMPLE) * rowPhases.length;
      let nextSampled = n > 0;
      if (start + 32 > width) {
        n = 0;
        nextSampled = false;
        for (const phase of rowPhases) {
          n += own(start, phase);
          if (own(start + 16, phase) > 0) nextSampled = true;
        }
      }
      if (n === 0) continue;
      let lo = known;
      let hi = known;
      const after = c + 1 < columns && nextSampled ? assumed[b + 1]! : -1;
      if (after >= 0) {
        if (after < lo) lo = after;
        if (after > hi) hi = after;
      }
      if (lo < min[b]!) min[b] = lo;
      if (hi > max[b]!) max[b] = hi;
      sums[b]! += known * n;
      counts[b]! += n;
    }
  }
}

/** The darkest and lightest sample of each block's 5×5 neighbourhood, computed once per samples. */
export function neighbourhoodOf(samples: BlockSamples): { min: Uint8Array; max: Uint8Array } {
  samples.wide ??= {
    min: spread(samples.min, samples.columns, samples.rows, false),
    max: spread(samples.max, samples.columns, samples.rows, true),
  };
  return samples.wide;
}

/**
 * Per-block thresholds: midway between the darkest and lightest pixel around the block (5×5
 * blocks; or their mean, see ThresholdMode), seen in every 4th pixel of the scanned rows; 0
 * where the whole neighbourhood is flat.
 * A block whose own pixels are flat is not read at all: a run simply passes through it, light or
 * dark (inside a large finder's centre, say). Any block holding part of a code shows both colours
 * in its samples; thin text strokes may not, which only spares the scan some text.
 */
export function blockThresholds(samples: BlockSamples, mode: ThresholdMode) {
  const { columns, rows: blockRows, min, max } = samples;
  const { min: wideMin, max: wideMax } = neighbourhoodOf(samples);
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
  const { min: wideMin, max: wideMax } = neighbourhoodOf(samples);
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

/** The mean of the samples over each block's 5×5 neighbourhood (for `mean` thresholds). */
function blockMeans({ columns, rows, sums, counts }: BlockSamples): Float64Array {
  const wideSums = boxSum(sums, columns, rows);
  const wideCounts = boxSum(counts, columns, rows);
  const means = new Float64Array(columns * rows);
  for (let b = 0; b < means.length; b++) {
    means[b] = wideCounts[b]! > 0 ? wideSums[b]! / wideCounts[b]! : 0;
  }
  return means;
}

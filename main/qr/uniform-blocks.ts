// Where the full-resolution passes need not read the frame (issue 28). The coarse pass samples
// every eighth pixel of every sixth row (every fourth of every third of its half-resolution view).
// Where all of those samples within two of its blocks (32–64 frame pixels) around a spot have one
// and the same luma, the frame there is blank: a page's empty margin, the gap between panels,
// most of an idle display. The full-resolution passes (fine, faint) take their threshold samples of
// such blocks to be that luma instead of reading them. Taking those samples was the largest cost
// of a keyless 8K frame's scan, and on enrolment desks most of a frame is blank.
//
// Nothing a code needs is lost so. A readable QR code shows the coarse samples differing lumas
// over its area (a data area of modules of both colours, anti-aliased at small sizes; the
// faintest code the scans read differs by 24 levels, and any difference counts here), and every
// full-resolution block within 64 px of a coarse block whose samples differ is read as before. A
// block's threshold comes from its 5×5-block (±32 px) neighbourhood, so around a code it is what
// reading the whole frame gives (tests/unit/qr/uniform-blocks.test.ts checks the samples equal on
// pages of panels, print and codes). What a blank area can hide from the coarse samples is a
// hairline or a dot, which is assumed away: no code, not three finder patterns with data between.
import type { BlockSamples } from './blocks';
import { spread } from './block-filters';
import { BLOCK_SHIFT } from './blocks';
import type { Rect } from './frame';

/**
 * For each full-resolution block of `area` (the frame area the full-resolution passes read), the
 * luma the coarse samples (`coarse`, over the half-resolution view of that area) show all around
 * it, or -1 where it must be read: any coarse block within two of it whose samples differ, that
 * has none, or whose luma is another. Undefined when there is no such block (a busy picture).
 */
export function uniformBlocks(coarse: BlockSamples, area: Rect): Int16Array | undefined {
  const { columns: cc, rows: cr, min, max } = coarse;
  // A coarse block is calm when it and every block within two of it have samples, all equal.
  const uneven = new Uint8Array(cc * cr);
  for (let b = 0; b < uneven.length; b++) uneven[b] = max[b] === min[b] ? 0 : 1;
  const nearUneven = spread(uneven, cc, cr, true);
  const lowest = spread(min, cc, cr, false);
  const highest = spread(max, cc, cr, true);
  const calm = new Int16Array(cc * cr);
  for (let k = 0; k < calm.length; k++) {
    calm[k] = nearUneven[k] === 0 && lowest[k] === highest[k] ? lowest[k]! : -1;
  }
  const columns = (area.width + 15) >> BLOCK_SHIFT;
  const rows = (area.height + 15) >> BLOCK_SHIFT;
  // The coarse blocks holding each full-resolution block's first and last pixel, across and down.
  const across = coarseSpans(area.x, area.width, columns, cc);
  const down = coarseSpans(area.y, area.height, rows, cr);
  const out = new Int16Array(columns * rows).fill(-1);
  let any = false;
  for (let r = 0; r < rows; r++) {
    const top = down.first[r]!;
    const bottom = down.last[r]!;
    if (bottom < 0) continue;
    for (let c = 0; c < columns; c++) {
      const right = across.last[c]!;
      if (right < 0) continue;
      const luma = calm[top * cc + across.first[c]!]!;
      if (luma < 0 || calm[bottom * cc + right] !== luma) continue;
      out[r * columns + c] = luma;
      any = true;
    }
  }
  return any ? out : undefined;
}

/**
 * For each full-resolution block along one axis of the area (starting at `origin`, `size` pixels
 * long), the coarse block holding its first pixel and the one holding its last, or -1 for the last
 * where that pixel is past the half-resolution view (whose pixel for area pixel p is
 * ((origin + p) >> 1) - (origin >> 1), and which has size >> 1 pixels) or past its blocks.
 */
function coarseSpans(origin: number, size: number, blocks: number, coarseBlocks: number) {
  const first = new Int32Array(blocks);
  const last = new Int32Array(blocks);
  const half = (p: number) => ((origin + p) >> 1) - (origin >> 1);
  for (let b = 0; b < blocks; b++) {
    first[b] = half(b << BLOCK_SHIFT) >> BLOCK_SHIFT;
    const end = half(Math.min(size, (b + 1) << BLOCK_SHIFT) - 1);
    last[b] = end > (size >> 1) - 1 || end >> BLOCK_SHIFT >= coarseBlocks ? -1 : end >> BLOCK_SHIFT;
  }
  return { first, last };
}

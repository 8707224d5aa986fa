// Issue 28: the full-resolution passes do not read blocks that the coarse (half-resolution)
// samples show blank all around: a page's empty margins, the gaps between panels, most of an idle
// display. Invariant: on pages made of flat panels, print and QR codes, the samples those passes
// take with blank blocks assumed are exactly the samples they would read, so every finder
// pattern is found as before. What a blank area can hide from the coarse samples (a hairline, a
// dot) is assumed away, and nothing a code needs is lost: a small key alone on a blank 8K frame,
// and a key read through the region selector's box at odd offsets.
// Longer runs: QR_UNIFORM_RUNS=200 (the seed fast-check prints on a failure replays it with
// QR_UNIFORM_SEED).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanFrame } from '../../../main/qr';
import { findFinderPatterns, sampleBlocks } from '../../../main/qr/finder';
import type { Frame, Rect } from '../../../main/qr';
import { halfResolution, pixelsOf } from '../../../main/qr/gray';
import { uniformBlocks } from '../../../main/qr/uniform-blocks';
import { codeSide, renderFrame } from '../../support/qr-frame';
import type { Rgb } from '../../support/qr-frame';

const key = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const RUNS = Number(process.env.QR_UNIFORM_RUNS ?? 12);
const SEED = Number(process.env.QR_UNIFORM_SEED ?? 2_026_12_07);

/** The blocks assumed for `area` of `frame`, from the coarse samples of its half-resolution view. */
function assumedBlocks(frame: Frame, area: Rect) {
  const pixels = pixelsOf(frame);
  const halfArea = {
    x: area.x >> 1,
    y: area.y >> 1,
    width: area.width >> 1,
    height: area.height >> 1,
  };
  const coarse = sampleBlocks(halfResolution(pixels), halfArea);
  return { pixels, assumed: uniformBlocks(coarse, area) };
}

function share(assumed: Int16Array | undefined): number {
  if (!assumed) return 0;
  return assumed.filter((v) => v >= 0).length / assumed.length;
}

/** Fill a rectangle of an RGBA frame with one colour. */
function fill(frame: Frame, { x, y, width, height }: Rect, [r, g, b]: Rgb): void {
  for (let row = y; row < y + height; row++) {
    for (let col = x; col < x + width; col++) {
      const i = row * frame.stride + col * 4;
      frame.data[i] = r;
      frame.data[i + 1] = g;
      frame.data[i + 2] = b;
    }
  }
}

const grey = fc.integer({ min: 0, max: 255 }).map((v): Rgb => [v, v, v]);
const panel = fc.record({
  x: fc.integer({ min: 0, max: 1100 }),
  y: fc.integer({ min: 0, max: 600 }),
  width: fc.integer({ min: 8, max: 500 }),
  height: fc.integer({ min: 8, max: 300 }),
  colour: grey,
});
const code = fc.record({
  x: fc.double({ min: 0, max: 1000, noNaN: true }),
  y: fc.double({ min: 0, max: 500, noNaN: true }),
  module: fc.double({ min: 1.3, max: 5, noNaN: true }),
  contrast: fc.integer({ min: 28, max: 255 }),
  inverted: fc.boolean(),
});
const page = fc.record({
  background: grey,
  panels: fc.array(panel, { maxLength: 4 }),
  codes: fc.array(code, { minLength: 1, maxLength: 2 }),
  // Whole lines of print (renderFrame's are 12 px tall every 24 px): a hairline is no print.
  printLines: fc.integer({ min: 0, max: 12 }),
  offset: fc.record({ x: fc.integer({ min: 0, max: 5 }), y: fc.integer({ min: 0, max: 5 }) }),
});

describe('issue 28: blank blocks are not read at full resolution', () => {
  it('on pages of flat panels, print and codes, the samples with blank blocks assumed are those read', () => {
    fc.assert(
      fc.property(page, ({ background, panels, codes, printLines, offset }) => {
        const width = 1280;
        const height = 720;
        const frame = renderFrame({ width, height, background, codes: [] });
        for (const p of panels) {
          fill(
            frame,
            {
              ...p,
              width: Math.min(p.width, width - p.x),
              height: Math.min(p.height, height - p.y),
            },
            p.colour,
          );
        }
        // A band of small print at the top, as renderFrame draws it over the whole frame.
        const printRows = printLines * 24;
        if (printRows > 0) {
          const print = renderFrame({ width, height: printRows, background, text: 120, codes: [] });
          frame.data.set(print.data.subarray(0, printRows * print.stride), 0);
        }
        for (const c of codes) {
          const side = Math.ceil(codeSide(key, c.module));
          if (c.x + side > width || c.y + side > height) continue;
          const paper = background[0] > 127 ? background[0] : Math.min(255, background[0] + 160);
          const inkLevel = Math.max(0, paper - c.contrast);
          const [ink, light]: Rgb[] = [
            [inkLevel, inkLevel, inkLevel],
            [paper, paper, paper],
          ];
          const drawn = renderFrame({
            width,
            height,
            background,
            codes: [
              {
                text: key,
                x: c.x,
                y: c.y,
                module: c.module,
                dark: c.inverted ? light : ink,
                light: c.inverted ? ink : light,
              },
            ],
          });
          // Copy the code's square only, over the panels.
          for (let y = Math.floor(c.y); y < Math.min(height, Math.ceil(c.y + side)); y++) {
            const from = y * frame.stride + Math.floor(c.x) * 4;
            const to = y * frame.stride + Math.min(width, Math.ceil(c.x + side)) * 4;
            frame.data.set(drawn.data.subarray(from, to), from);
          }
        }
        // An area at an offset, as a region scan has (its half view starts at area.x >> 1).
        const area = {
          x: offset.x,
          y: offset.y,
          width: width - offset.x - 1,
          height: height - offset.y - 2,
        };
        const { pixels, assumed } = assumedBlocks(frame, area);
        const read = sampleBlocks(pixels, area);
        const skipped = sampleBlocks(pixels, area, undefined, assumed);
        expect(skipped.min).toEqual(read.min);
        expect(skipped.max).toEqual(read.max);
        expect(skipped.sums).toEqual(read.sums);
        expect(skipped.counts).toEqual(read.counts);
        expect(findFinderPatterns(pixels, area, undefined, 'midrange', skipped)).toEqual(
          findFinderPatterns(pixels, area, undefined, 'midrange', read),
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('a blank display is assumed, not read; a hairline the coarse samples miss is assumed away', () => {
    const width = 3840;
    const height = 2160;
    const frame = renderFrame({ width, height, background: [246, 247, 249], codes: [] });
    // Row 601 is a full-resolution scan row (1 + 3k); the coarse samples read rows 2 + 6k.
    fill(frame, { x: 1000, y: 601, width: 400, height: 1 }, [40, 40, 40]);
    const area = { x: 0, y: 0, width, height };
    const { pixels, assumed } = assumedBlocks(frame, area);
    expect(share(assumed)).toBe(1);
    const read = sampleBlocks(pixels, area);
    const skipped = sampleBlocks(pixels, area, undefined, assumed);
    const columns = (width + 15) >> 4;
    const block = (601 >> 4) * columns + (1200 >> 4);
    expect(read.max[block]! - read.min[block]!).toBeGreaterThan(100);
    expect(skipped.max[block]! - skipped.min[block]!).toBe(0);
  });

  it('a small key alone on a blank 8K display: most of the frame assumed, the key read', async () => {
    const width = 7680;
    const height = 2160;
    const frame = renderFrame({
      width,
      height,
      background: [250, 250, 250],
      codes: [{ text: key, x: 5001.3, y: 1402.7, module: 1.9 }],
    });
    expect(share(assumedBlocks(frame, { x: 0, y: 0, width, height }).assumed)).toBeGreaterThan(
      0.98,
    );
    const result = await scanFrame(frame);
    expect(result.otpauth).toEqual([key]);
    expect(result.passes.find((p) => p.pass === 'fine')?.found).toBe(1);
  });

  it("the region selector's box at odd offsets: a small key at its edge is read", async () => {
    const frame = renderFrame({
      width: 1920,
      height: 1080,
      background: [250, 250, 250],
      codes: [{ text: key, x: 1251.5, y: 603.2, module: 2.1 }],
    });
    const side = codeSide(key, 2.1);
    const region = { x: 301, y: 77, width: Math.ceil(1251.5 + side) - 301 + 1, height: 800 };
    const result = await scanFrame(frame, { region });
    expect(result.otpauth).toEqual([key]);
  });
});

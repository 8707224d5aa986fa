// Issue 19: a screen scan of a display with nothing to find ends after the finder scans
// (a few ms) instead of paying ZXing's whole-frame read, unless a finder pattern was seen that no
// decoded code explains. Files, imports and the selector's box keep the whole-frame read.
import { describe, expect, it, vi } from 'vitest';
import type * as Zxing from '../../../main/qr/zxing';
import type { Frame } from '../../../main/qr';
import { renderFrame } from '../../support/qr-frame';

const wholeReads: { width: number; height: number }[] = [];
let frameSize = { width: 0, height: 0 };
vi.mock('../../../main/qr/zxing', async (original) => {
  const real = await original<typeof Zxing>();
  return {
    ...real,
    zxingReadGray: (image: { width: number; height: number }, options: Zxing.ReaderOptions) => {
      if (image.width >= frameSize.width && image.height >= frameSize.height) {
        wholeReads.push({ width: image.width, height: image.height });
      }
      return real.zxingReadGray(image as never, options);
    },
  };
});

const { scanFrame } = await import('../../../main/qr');

const key = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const store = 'https://apps.apple.com/app/google-authenticator/id388497605';

async function scan(frame: Frame, options: Parameters<typeof scanFrame>[1] = {}) {
  wholeReads.length = 0;
  frameSize = { width: frame.width, height: frame.height };
  const result = await scanFrame(frame, options);
  return { result, wholeFrameReads: wholeReads.length };
}

/** A page of small print and nothing else. */
const textOnly = () =>
  renderFrame({ width: 1600, height: 900, background: [246, 247, 249], text: 160, codes: [] });

describe('a screen scan with nothing to find', () => {
  it('ends after the finder scans: no whole-frame read, and the passes say why', async () => {
    const { result, wholeFrameReads } = await scan(textOnly());
    expect(result.texts).toEqual([]);
    expect(wholeFrameReads).toBe(0);
    // Half resolution and full resolution; the faint pass (mean thresholds) finds no block that
    // only it would split on this page (issue 28), so it does not run.
    expect(result.passes.map((p) => p.pass)).toEqual(['coarse', 'fine']);
    expect(result.faint).toBe('skipped: no faint block');
    expect(result.passes.every((p) => p.patterns === 0 && p.ms >= 0)).toBe(true);
    expect(result.wholeFrame).toBe('skipped: no unread finder pattern');
  });

  it('a decoy only (an app-store link): read, and no whole-frame read after it', async () => {
    const frame = renderFrame({
      width: 1600,
      height: 900,
      background: [246, 247, 249],
      text: 160,
      codes: [{ text: store, x: 200, y: 150, module: 4 }],
    });
    const { result, wholeFrameReads } = await scan(frame);
    expect(result.texts).toEqual([store]);
    expect(result.otpauth).toEqual([]);
    expect(wholeFrameReads).toBe(0);
    expect(result.wholeFrame).toBe('skipped: no unread finder pattern');
  });

  it('a finder pattern no decoded code explains: the whole frame is read', async () => {
    // A code whose data area is wiped: its three eyes remain, its region decodes to nothing.
    const frame = renderFrame({
      width: 1200,
      height: 800,
      codes: [{ text: key, x: 300, y: 200, module: 4 }],
    });
    const side = 41 * 4; // version 6 would be larger; wipe the middle of any version ≥ 2
    for (let y = 200 + 16 + 40; y < 200 + 16 + side - 40; y++) {
      for (let x = 300 + 16 + 40; x < 300 + 16 + side - 40; x++) {
        frame.data.fill(255, y * frame.stride + x * 4, y * frame.stride + x * 4 + 3);
      }
    }
    const { result, wholeFrameReads } = await scan(frame);
    expect(result.otpauth).toEqual([]);
    expect(wholeFrameReads).toBe(1);
    expect(result.wholeFrame).toBe('ran');
  });

  it.each([
    ['a small image file or import (exhaustive, ≤ 1 MP)', { exhaustive: true }, 0.5],
    ['asked for always', { wholeFrameFallback: true }, 1],
  ] as const)('%s: the whole frame is still read', async (_what, options, size) => {
    const page = textOnly();
    const frame = { ...page, width: page.width * size, height: page.height * size };
    const { result, wholeFrameReads } = await scan(frame, options);
    expect(wholeFrameReads).toBe(1);
    expect(result.wholeFrame).toBe('ran');
  });

  it('the selector box is read whole even with nothing in it', async () => {
    const region = { x: 100, y: 100, width: 300, height: 200 };
    wholeReads.length = 0;
    frameSize = { width: 300, height: 200 };
    const result = await scanFrame(textOnly(), { region });
    expect(wholeReads.length).toBe(1);
    expect(result.wholeFrame).toBe('ran');
  });

  it('a key found by a finder pass: the whole frame is not read', async () => {
    const frame = renderFrame({
      width: 1600,
      height: 900,
      codes: [{ text: key, x: 900.5, y: 300.5, module: 2.25 }],
    });
    const { result, wholeFrameReads } = await scan(frame);
    expect(result.otpauth).toEqual([key]);
    expect(wholeFrameReads).toBe(0);
    expect(result.wholeFrame).toBe('skipped: key found');
    expect(result.passes.map((p) => p.pass)).toEqual(['coarse', 'fine']);
    expect(result.passes[1]!.found).toBe(1);
  });

  it('a crafted screen of thousands of tiny finder patterns ends, read whole, not paired up', async () => {
    // 11 px patterns (runs 2:1:5:1:2, modules of ~1.6 px) every 14 px along rows 400 px apart:
    // 3,000 of them and no code's corner among them, so an unbounded corner search would try
    // every triple (3·10¹⁰) — issue 13's hostile shape, on a screen.
    const frame = renderFrame({ width: 7680, height: 2160, codes: [] });
    const ring = [2, 1, 5, 1, 2].flatMap((run, i) => Array<number>(run).fill(i % 2 === 0 ? 1 : 0));
    for (let y0 = 100; y0 + 11 < frame.height; y0 += 400) {
      for (let x0 = 2; x0 + 11 < frame.width; x0 += 14) {
        for (let dy = 0; dy < 11; dy++) {
          for (let dx = 0; dx < 11; dx++) {
            // Concentric squares: the ring is given by the distance to the nearest edge.
            if (ring[Math.min(dx, dy, 10 - dx, 10 - dy)] !== 1) continue;
            const i = (y0 + dy) * frame.stride + (x0 + dx) * 4;
            frame.data.fill(0, i, i + 3);
          }
        }
      }
    }
    const { result, wholeFrameReads } = await scan(frame);
    expect(result.passes.some((p) => p.patterns > 1000)).toBe(true);
    expect(wholeFrameReads).toBe(1);
  }, 60_000);
});

// The whole-frame pass on a frame larger than a 4K screen uses ZXing's quick scan: the thorough
// one is quadratic in finder-like shapes (a crafted 49 MP image cost 120 s, 1.2 s quick).
import { describe, expect, it, vi } from 'vitest';
import type * as Zxing from '../../../main/qr/zxing';
import type { ReaderOptions } from '../../../main/qr/zxing';

const calls: { width: number; height: number; options: ReaderOptions }[] = [];
vi.mock('../../../main/qr/zxing', async (original) => {
  const real = await original<typeof Zxing>();
  return {
    ...real,
    zxingReadGray: (image: { width: number; height: number }, options: ReaderOptions) => {
      calls.push({ width: image.width, height: image.height, options });
      return real.zxingReadGray(image as never, options);
    },
  };
});

const { scanPixels, WHOLE_FRAME_TRY_HARDER_PIXELS } = await import('../../../main/qr/pipeline');

/** A blank (white) RGBA frame: no code, so every pass runs, the whole-frame one last (asked for:
 * a screen scan with no finder pattern skips it, tests/unit/qr/cheap-rejection.test.ts). */
function blank(width: number, height: number) {
  return {
    data: new Uint8Array(width * height * 4).fill(255),
    width,
    height,
    stride: width * 4,
    format: 'rgba' as const,
  };
}

describe('the whole-frame pass', () => {
  it.each([
    ['a 1920×1080 screen: thorough', 1920, 1080, true],
    ['a 4K screen: thorough', 3840, 2160, true],
    ['a 5000×3000 image: quick', 5000, 3000, false],
  ])('%s', async (_what, width, height, tryHarder) => {
    calls.length = 0;
    await scanPixels(blank(width, height), { wholeFrameFallback: true });
    const whole = calls.filter((c) => c.width === width && c.height === height);
    expect(whole).toHaveLength(1);
    expect(whole[0]!.options.tryHarder).toBe(tryHarder);
    expect(width * height <= WHOLE_FRAME_TRY_HARDER_PIXELS).toBe(tryHarder);
  });
});

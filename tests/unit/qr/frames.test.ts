// Frames as they arrive: RGBA or BGRA, padded rows, unaligned buffers, small and fractional
// module sizes (HiDPI scaling), dark themes, several codes, a chosen region; and every bad frame
// with the error it gets.
import { describe, expect, it } from 'vitest';
import { QrError, scanFrame } from '../../../main/qr';
import type { Frame, QrErrorCode } from '../../../main/qr';
import { codeSide, renderFrame } from '../../support/qr-frame';

const key =
  'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const store = 'https://apps.apple.com/app/google-authenticator/id388497605';

describe('pixel layouts give the same texts', () => {
  const layouts: [name: string, format: 'rgba' | 'bgra', padding: number, offset: number][] = [
    ['RGBA, tight rows', 'rgba', 0, 0],
    ['BGRA, tight rows', 'bgra', 0, 0],
    ['RGBA, rows padded by 64 bytes', 'rgba', 64, 0],
    ['BGRA, rows padded by 12 bytes', 'bgra', 12, 0],
    ['BGRA, odd stride (6 bytes) and an unaligned buffer', 'bgra', 6, 1],
  ];
  it.each(layouts)('%s', async (_name, format, padding, offset) => {
    // Blue modules on orange: luma 75 on 172 read the right way round, but with red and blue
    // swapped both read as 124, so a wrong channel order finds nothing.
    const drawn = renderFrame({
      width: 900,
      height: 500,
      format,
      padding,
      background: [250, 250, 250],
      codes: [
        { text: key, x: 120.5, y: 60.5, module: 3.5, dark: [0, 80, 255], light: [255, 162, 0] },
      ],
    });
    const shifted = new Uint8Array(drawn.data.length + offset);
    shifted.set(drawn.data, offset);
    const frame: Frame = { ...drawn, data: shifted.subarray(offset) };
    const result = await scanFrame(frame);
    expect(result.otpauth).toEqual([key]);
    expect(result.codes[0]!.pass).not.toBe('whole-frame');
  });
});

describe('module sizes from HiDPI scaling and small CSS sizes', () => {
  // Device pixels a module: CSS sizes of 1.5–4 px at scale factors 1, 1.25, 1.5, 1.75, 2.
  const sizes = [1.75, 1.875, 2, 2.25, 2.5, 2.625, 2.75, 3, 3.5, 4, 5.25, 8, 12];
  it.each(sizes)('%s px a module, off the pixel grid, found by the region pass', async (module) => {
    const frame = renderFrame({
      width: 1280,
      height: 800,
      background: [242, 243, 245],
      codes: [{ text: key, x: 200.35, y: 90.6, module }],
    });
    const result = await scanFrame(frame, { wholeFrameFallback: false });
    expect(result.otpauth).toEqual([key]);
  });
});

describe('what is on the screen', () => {
  it('a dark theme: light modules on a dark page', async () => {
    const frame = renderFrame({
      width: 1000,
      height: 700,
      background: [24, 26, 30],
      codes: [{ text: key, x: 300, y: 120, module: 4, dark: [235, 235, 235], light: [24, 26, 30] }],
    });
    const result = await scanFrame(frame, { wholeFrameFallback: false });
    expect(result.otpauth).toEqual([key]);
  });

  it('a decoy beside the key: both read, only the key picked', async () => {
    const frame = renderFrame({
      width: 1400,
      height: 700,
      codes: [
        { text: store, x: 100, y: 100, module: 5 },
        { text: key, x: 700, y: 100, module: 5 },
      ],
    });
    const result = await scanFrame(frame);
    expect(new Set(result.texts)).toEqual(new Set([store, key]));
    expect(result.otpauth).toEqual([key]);
  });

  it('two key URIs of one size (an export, two monitors): both offered, to choose', async () => {
    const other = key.replace('alice', 'bob');
    for (const module of [2.25, 4]) {
      const frame = renderFrame({
        width: 1400,
        height: 700,
        codes: [
          { text: key, x: 100, y: 100, module },
          { text: other, x: 800, y: 150, module },
        ],
      });
      expect(new Set((await scanFrame(frame)).otpauth)).toEqual(new Set([key, other]));
    }
  });

  it('two key URIs of very different sizes: the small one too when exhaustive', async () => {
    const other = key.replace('alice', 'bob');
    const frame = renderFrame({
      width: 1400,
      height: 700,
      codes: [
        { text: key, x: 100, y: 100, module: 5 },
        { text: other, x: 800, y: 150, module: 2.25 },
      ],
    });
    // A screen scan stops at the pass that found a key (the large one, at half resolution).
    expect((await scanFrame(frame)).otpauth).toEqual([key]);
    const all = await scanFrame(frame, { exhaustive: true });
    expect(new Set(all.otpauth)).toEqual(new Set([key, other]));
  });

  it('no code at all: nothing found, nothing picked', async () => {
    const result = await scanFrame(renderFrame({ width: 640, height: 480, codes: [] }));
    expect(result).toMatchObject({ texts: [], otpauth: [], codes: [] });
  });

  it('a region (the selector box) is decoded at full resolution, in frame coordinates', async () => {
    const side = codeSide(key, 2.5);
    const frame = renderFrame({
      width: 1600,
      height: 900,
      codes: [
        { text: store, x: 100, y: 100, module: 4 },
        { text: key, x: 1000, y: 500, module: 2.5 },
      ],
    });
    const region = { x: 990, y: 490, width: side + 20, height: side + 20 };
    const result = await scanFrame(frame, { region });
    expect(result.texts).toEqual([key]);
    const [x, y] = result.codes[0]!.corners[0]!;
    expect(x).toBeGreaterThan(1000);
    expect(y).toBeGreaterThan(500);
  });
});

describe('bad frames and regions', () => {
  const good = () => renderFrame({ width: 8, height: 8, codes: [] });
  const table: [name: string, frame: Frame, code: QrErrorCode, message: string][] = [
    [
      'unknown pixel format',
      { ...good(), format: 'argb' as 'rgba' },
      'bad-frame',
      `The frame's pixel format must be "rgba" or "bgra", not "argb".`,
    ],
    [
      'zero width',
      { ...good(), width: 0 },
      'bad-frame',
      `The frame's size must be whole positive pixels, not 0×8.`,
    ],
    [
      'fractional height',
      { ...good(), height: 7.5 },
      'bad-frame',
      `The frame's size must be whole positive pixels, not 8×7.5.`,
    ],
    [
      'stride shorter than a row',
      { ...good(), stride: 31 },
      'bad-frame',
      `The frame's row stride (31 bytes) is shorter than its width needs (32 bytes).`,
    ],
    [
      'too few bytes',
      { ...good(), data: new Uint8Array(100) },
      'bad-frame',
      'The frame holds 100 bytes but 8×8 with stride 32 needs 256.',
    ],
  ];
  it.each(table)('%s', async (_name, frame, code, message) => {
    const error = await scanFrame(frame).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QrError);
    expect(error).toMatchObject({ code, message });
  });

  it('a region outside the frame', async () => {
    const error = await scanFrame(good(), { region: { x: 10, y: 0, width: 5, height: 5 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'bad-region',
      message: 'The region 5×5 at (10, 0) lies outside the 8×8 frame.',
    });
  });
});

// Grayscale (luma) from RGBA or BGRA frames. Converting a whole 8K frame costs more than ZXing's
// own scan of a small region, so each pass converts only the pixels it reads: the finder scan
// the busy parts of every third row, each candidate region its rectangle, the fallback the frame.
import type { Frame, Rect } from './frame';

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A frame seen as one 32-bit word a pixel, with the luma weights of its channel order. */
export interface Pixels {
  words: Uint32Array;
  /** Words from one row to the next. */
  rowWords: number;
  /** Words from one pixel to the next: 1, or 2 for a half-resolution view. */
  columnWords: number;
  width: number;
  height: number;
  /** Bit offsets of the first three bytes of a pixel within its word. */
  shifts: [number, number, number];
  /** BT.601 weights (×256) of those bytes: red and blue swap places between RGBA and BGRA. */
  weights: [number, number, number];
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The frame's pixels as 32-bit words: one read a pixel instead of three. Frames from Electron
 * and from image decoding are word-aligned, so this is a view; any other frame is copied once.
 */
export function pixelsOf(frame: Frame): Pixels {
  const { data, width, height, stride } = frame;
  let words: Uint32Array;
  let rowWords: number;
  if (data.byteOffset % 4 === 0 && stride % 4 === 0) {
    words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >> 2);
    rowWords = stride >> 2;
  } else {
    const tight = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      tight.set(data.subarray(y * stride, y * stride + width * 4), y * width * 4);
    }
    words = new Uint32Array(tight.buffer);
    rowWords = width;
  }
  const weights: [number, number, number] = frame.format === 'rgba' ? [77, 150, 29] : [29, 150, 77];
  const shifts: [number, number, number] = littleEndian ? [0, 8, 16] : [24, 16, 8];
  return { words, rowWords, columnWords: 1, width, height, shifts, weights };
}

/**
 * Every second pixel of every second row, without copying or averaging: the finder scan's
 * cheap first look, which sees codes whose modules are at least ~3.5 px.
 */
export function halfResolution(pixels: Pixels): Pixels {
  return {
    ...pixels,
    rowWords: pixels.rowWords * 2,
    columnWords: pixels.columnWords * 2,
    width: pixels.width >> 1,
    height: pixels.height >> 1,
  };
}

/** Luma of one pixel (for the few pixels a cross-check visits). */
export function lumaAt(pixels: Pixels, x: number, y: number): number {
  const p = pixels.words[y * pixels.rowWords + x * pixels.columnWords]!;
  const { shifts, weights } = pixels;
  return (
    (weights[0] * ((p >>> shifts[0]) & 255) +
      weights[1] * ((p >>> shifts[1]) & 255) +
      weights[2] * ((p >>> shifts[2]) & 255) +
      128) >>>
    8
  );
}

/** Luma of `rect` of the frame (the whole frame by default). */
export function toGray(pixels: Pixels, rect?: Rect): GrayImage {
  const { x, y, width, height } = rect ?? {
    x: 0,
    y: 0,
    width: pixels.width,
    height: pixels.height,
  };
  const out = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    lumaRow(pixels, x, y + row, width, out, row * width);
  }
  return { data: out, width, height };
}

/** Luma of `count` pixels of row `y` from column `x`, written to `out` at `offset`. */
export function lumaRow(
  pixels: Pixels,
  x: number,
  y: number,
  count: number,
  out: Uint8Array,
  offset: number,
): void {
  const { words, shifts, weights } = pixels;
  const s0 = shifts[0];
  const s1 = shifts[1];
  const s2 = shifts[2];
  const w0 = weights[0];
  const w1 = weights[1];
  const w2 = weights[2];
  let o = offset;
  const step = pixels.columnWords;
  let i = y * pixels.rowWords + x * step;
  const end = i + count * step;
  for (; i < end; i += step) {
    const p = words[i]!;
    out[o++] =
      (w0 * ((p >>> s0) & 255) + w1 * ((p >>> s1) & 255) + w2 * ((p >>> s2) & 255) + 128) >>> 8;
  }
}

/**
 * Bilinear enlargement by a whole factor. Small codes (under ~3 pixels a module, or scaled by a
 * non-integer HiDPI factor so modules alternate between 2 and 3 pixels) decode far more reliably
 * once their anti-aliased edges are interpolated onto a finer grid.
 */
export function upscaleGray(image: GrayImage, factor: number): GrayImage {
  const { width, height, data } = image;
  const W = width * factor;
  const H = height * factor;
  const out = new Uint8Array(W * H);
  const step = 1 / factor;
  for (let Y = 0; Y < H; Y++) {
    const sy = Math.min(Math.max((Y + 0.5) * step - 0.5, 0), height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, height - 1);
    const fy = sy - y0;
    const r0 = y0 * width;
    const r1 = y1 * width;
    for (let X = 0; X < W; X++) {
      const sx = Math.min(Math.max((X + 0.5) * step - 0.5, 0), width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, width - 1);
      const fx = sx - x0;
      const top = data[r0 + x0]! + (data[r0 + x1]! - data[r0 + x0]!) * fx;
      const bottom = data[r1 + x0]! + (data[r1 + x1]! - data[r1 + x0]!) * fx;
      out[Y * W + X] = (top + (bottom - top) * fy + 0.5) | 0;
    }
  }
  return { data: out, width: W, height: H };
}

/** Box-filter reduction by a whole factor (for codes with very large modules). */
export function downscaleGray(image: GrayImage, factor: number): GrayImage {
  const W = Math.floor(image.width / factor);
  const H = Math.floor(image.height / factor);
  const out = new Uint8Array(W * H);
  const area = factor * factor;
  for (let Y = 0; Y < H; Y++) {
    for (let X = 0; X < W; X++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = (Y * factor + dy) * image.width + X * factor;
        for (let dx = 0; dx < factor; dx++) sum += image.data[i++]!;
      }
      out[Y * W + X] = (sum + (area >> 1)) / area;
    }
  }
  return { data: out, width: W, height: H };
}

/** Light-on-dark codes (dark themes) become dark-on-light, in place. */
export function invertGray(image: GrayImage): GrayImage {
  const { data } = image;
  for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
  return image;
}

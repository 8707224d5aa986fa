// A captured or decoded picture as the pipeline receives it: 4 bytes a pixel, rows `stride`
// bytes apart (Electron's NativeImage.toBitmap() is BGRA and may pad rows; image files are RGBA).
import { QrError } from './errors';

export type PixelFormat = 'rgba' | 'bgra';

export interface Frame {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** Bytes from the start of one row to the next (at least width × 4). */
  stride: number;
  format: PixelFormat;
}

/** A rectangle in frame pixels (device pixels, not CSS/DIP). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function checkFrame(frame: Frame): void {
  const { data, width, height, stride, format } = frame;
  if (format !== 'rgba' && format !== 'bgra') {
    throw new QrError(
      'bad-frame',
      `The frame's pixel format must be "rgba" or "bgra", not "${String(format)}".`,
    );
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new QrError(
      'bad-frame',
      `The frame's size must be whole positive pixels, not ${width}×${height}.`,
    );
  }
  if (!Number.isInteger(stride) || stride < width * 4) {
    throw new QrError(
      'bad-frame',
      `The frame's row stride (${stride} bytes) is shorter than its width needs (${width * 4} bytes).`,
    );
  }
  const needed = stride * (height - 1) + width * 4;
  if (data.byteLength < needed) {
    throw new QrError(
      'bad-frame',
      `The frame holds ${data.byteLength} bytes but ${width}×${height} with stride ${stride} needs ${needed}.`,
    );
  }
}

/** The part of `region` inside the frame, in whole pixels; an error if nothing is left. */
export function clipRegion(frame: Frame, region: Rect): Rect {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(frame.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(frame.height, Math.ceil(region.y + region.height));
  if (!(x1 - x0 >= 1 && y1 - y0 >= 1)) {
    throw new QrError(
      'bad-region',
      `The region ${region.width}×${region.height} at (${region.x}, ${region.y}) lies outside the ${frame.width}×${frame.height} frame.`,
    );
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

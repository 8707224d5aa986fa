// The Screenshot portal's one desktop-wide picture as a frame per display (wayland-capture.ts):
// each display's part, at the picture's pixels per DIP, in BGRA as desktopCapturer's frames.
import { describe, expect, it } from 'vitest';
import { splitDesktopImage } from '../../../../main/platform/wayland-capture';
import type { Frame } from '../../../../main/qr';

/** An RGBA picture whose pixel (x, y) is [x, y, 7, 255]. */
function picture(width: number, height: number): Frame {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, 7, 255], (y * width + x) * 4);
  }
  return { data, width, height, stride: width * 4, format: 'rgba' };
}

const pixel = (frame: Frame, x: number, y: number) => [
  ...frame.data.subarray(y * frame.stride + x * 4, y * frame.stride + x * 4 + 4),
];

describe('splitDesktopImage', () => {
  it('two displays side by side at scale 2: each its half, BGRA', () => {
    const frames = splitDesktopImage(picture(80, 20), [
      { id: 'left', bounds: { x: 0, y: 0, width: 20, height: 10 } },
      { id: 'right', bounds: { x: 20, y: 0, width: 20, height: 10 } },
    ]);
    expect(frames.map((f) => [f.displayId, f.scaleFactor, f.frame.width, f.frame.height])).toEqual([
      ['left', 2, 40, 20],
      ['right', 2, 40, 20],
    ]);
    expect(frames[0]!.frame.format).toBe('bgra');
    // BGRA of [x, y, 7]: 7, y, x.
    expect(pixel(frames[0]!.frame, 3, 5)).toEqual([7, 5, 3, 255]);
    expect(pixel(frames[1]!.frame, 3, 5)).toEqual([7, 5, 43, 255]);
  });

  it('displays left of and above the origin, and a picture smaller than the union, stay inside it', () => {
    const frames = splitDesktopImage(picture(30, 10), [
      { id: 'a', bounds: { x: -10, y: -5, width: 10, height: 10 } },
      { id: 'b', bounds: { x: 0, y: 0, width: 20, height: 5 } },
    ]);
    expect(frames[0]).toMatchObject({ frame: { width: 10, height: 10 } });
    expect(pixel(frames[1]!.frame, 0, 0)).toEqual([7, 5, 10, 255]);
    expect(frames[1]).toMatchObject({ frame: { width: 20, height: 5 } });
    expect(splitDesktopImage(picture(4, 4), [])).toEqual([]);
  });
});

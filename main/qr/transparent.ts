// A transparent picture (a QR code saved from a web page) is drawn on the background its opaque
// pixels contrast with: white under dark modules, black under light ones saved from a dark page.
// One decode and one scan (issue 28), where scanImageFile used to draw it on white, scan it, and
// only then decode and scan it again on black.
import type { Frame } from './frame';

/** Opaque enough to count as the picture's own colour. */
const OPAQUE = 128;

/**
 * Draws an RGBA frame with its alpha channel (decodeImageFile with background 'none') onto the
 * background that contrasts with the mean luma of its opaque pixels, in place; returns which.
 */
export function flattenOnContrast(frame: Frame): 'white' | 'black' {
  const { data, width, height, stride } = frame;
  let sum = 0;
  let count = 0;
  // Every 7th pixel is plenty for a mean, and costs a seventh of a full pass.
  for (let y = 0; y < height; y++) {
    for (let x = y % 7, i = y * stride + x * 4; x < width; x += 7, i += 28) {
      if (data[i + 3]! < OPAQUE) continue;
      sum += 77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]!;
      count++;
    }
  }
  const background = count > 0 && sum / count / 256 > 127 ? 'black' : 'white';
  const level = background === 'black' ? 0 : 255;
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * stride; x < width; x++, i += 4) {
      const alpha = data[i + 3]!;
      if (alpha === 255) continue;
      for (let c = 0; c < 3; c++) {
        data[i + c] = Math.round((data[i + c]! * alpha + level * (255 - alpha)) / 255);
      }
      data[i + 3] = 255;
    }
  }
  return background;
}

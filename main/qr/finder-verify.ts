// Is a finder pattern that no decoded code explains really a QR code's eye (issue 28)? The row,
// column and diagonal checks of the finder scan let through round glyphs (o, @, ©) and blotches of
// JPEG noise around print, and each such pattern used to send a screen scan into ZXing's
// whole-frame read (50–350 ms). A code's eye is a square: its 3×3 centre, its light ring and its
// dark ring are the same colour at their corners as along their sides, and a light separator
// (or the quiet zone) surrounds it on the code's inner sides at least. Checked at 32 points of
// the frame around the pattern's centre, at its module size.
import type { FinderPattern } from './finder';
import { lumaAt } from './gray';
import type { Pixels } from './gray';

/** Points (in modules from the centre) and the colour an eye has there: 1 ink, 0 paper. */
const RINGS: [number, number, 0 | 1][] = [];
for (const [dx, dy] of [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
] as const) {
  RINGS.push([dx, dy, 1]); // the 3×3 centre (its edge and corners)
  RINGS.push([2 * dx, 2 * dy, 0]); // the light ring, sides and corners
  RINGS.push([3 * dx, 3 * dy, 1]); // the dark ring, sides and corners: square, not round
}
/** The separator around the eye (or the quiet zone beyond the code's edge). */
const SEPARATOR: [number, number][] = [
  [4, 0],
  [-4, 0],
  [0, 4],
  [0, -4],
  [4, 4],
  [4, -4],
  [-4, 4],
  [-4, -4],
];

/**
 * Whether `pattern` (frame pixels) has a QR eye's rings at every point but at most two (blur and
 * a module estimate 10% off move a point over an edge), and a light separator at three of eight
 * points at least (the inner sides: right, below and their corner for the top-left eye).
 */
export function confirmedEye(pixels: Pixels, pattern: FinderPattern): boolean {
  const { x, y, module } = pattern;
  const at = (mx: number, my: number) => {
    const px = Math.round(x + mx * module);
    const py = Math.round(y + my * module);
    if (px < 0 || py < 0 || px >= pixels.width || py >= pixels.height) return undefined;
    return lumaAt(pixels, px, py);
  };
  const values = RINGS.map(([dx, dy]) => at(dx, dy));
  if (values.some((v) => v === undefined)) return false;
  let ink = 0;
  let paper = 0;
  RINGS.forEach(([, , colour], i) => {
    if (colour) ink += values[i]!;
    else paper += values[i]!;
  });
  ink /= 16;
  paper /= 8;
  // The eye's own polarity: dark on light, or light on dark (`inverted`).
  if ((pattern.inverted ? ink - paper : paper - ink) < 24) return false;
  const threshold = (ink + paper) / 2;
  const isInk = (v: number) => (pattern.inverted ? v > threshold : v < threshold);
  let wrong = 0;
  RINGS.forEach(([, , colour], i) => {
    if (isInk(values[i]!) !== (colour === 1)) wrong++;
  });
  if (wrong > 2) return false;
  let light = 0;
  for (const [dx, dy] of SEPARATOR) {
    const v = at(dx, dy);
    if (v === undefined || !isInk(v)) light++;
  }
  return light >= 3;
}

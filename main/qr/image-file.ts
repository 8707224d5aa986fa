// Image files → RGBA frames, decoded by sharp (libvips): PNG, JPEG, WebP, GIF, TIFF and AVIF
// (the first frame or page), and SVG (a QR code saved from a web page), drawn large enough that
// its modules are several pixels wide.
import sharp from 'sharp';
import { QrError } from './errors';
import type { Frame } from './frame';
import { imageKind } from './image-kind';

const READS = 'PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG';

/** An SVG is drawn so that its longer side has at least this many pixels, enlarged 16× at most. */
const SVG_MIN_SIDE = 1200;
const SVG_MAX_SCALE = 16;

export interface DecodeImageOptions {
  /** What a transparent background becomes (default white, as on a light page). */
  background?: 'white' | 'black';
}

export async function decodeImageFile(
  bytes: Uint8Array,
  options: DecodeImageOptions = {},
): Promise<Frame> {
  const kind = imageKind(bytes);
  if (!kind) {
    throw new QrError(
      'unreadable-image',
      `The file is not an image TrayOTP can read; it reads ${READS} files.`,
    );
  }
  let density: number | undefined;
  if (kind === 'svg') {
    // SVGs are drawn at 72 dpi by default: a QR code 41 units wide would have 1-pixel modules.
    const side = await svgSide(bytes);
    density =
      72 * Math.min(SVG_MAX_SCALE, Math.max(1, Math.ceil(SVG_MIN_SIDE / Math.max(1, side))));
  }
  try {
    // rotate() applies the EXIF orientation, as a photo viewer would show the picture; a
    // transparent background (QR codes saved from web pages often have one) becomes white, as
    // it looks on the page, instead of the black its pixels hold.
    const { data, info } = await sharp(bytes, density ? { density } : {})
      .rotate()
      .flatten({ background: options.background === 'black' ? '#000000' : '#ffffff' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, stride: info.width * 4, format: 'rgba' };
  } catch (error) {
    throw new QrError(
      'unreadable-image',
      `The ${kind.toUpperCase()} file is damaged and cannot be decoded (${(error as Error).message}).`,
    );
  }
}

/** Whether the image has an alpha channel (a transparent background, maybe). */
export async function hasAlpha(bytes: Uint8Array): Promise<boolean> {
  try {
    return (await sharp(bytes).metadata()).hasAlpha === true;
  } catch {
    return false;
  }
}

/** The longer side of an SVG as drawn at 72 dpi. */
async function svgSide(bytes: Uint8Array): Promise<number> {
  try {
    const { width = 0, height = 0 } = await sharp(bytes).metadata();
    return Math.max(width, height);
  } catch (error) {
    throw new QrError(
      'unreadable-image',
      `The SVG file is damaged and cannot be drawn (${(error as Error).message}).`,
    );
  }
}

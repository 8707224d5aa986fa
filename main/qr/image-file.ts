// Image files → RGBA frames, decoded by sharp (libvips): PNG, JPEG, WebP, GIF, TIFF and AVIF
// (the first frame or page), and SVG (a QR code saved from a web page), drawn large enough that
// its modules are several pixels wide.
//
// Image files come from outside and a few bytes can declare gigapixels (a 122-byte SVG once took
// 53 s and 3.6 GiB; a 16383² PNG 28 s). So the size is read from the header first (sharp's
// metadata, which decodes no pixels) and refused above what a screen or a photo needs; sharp's
// own limitInputPixels and a processing timeout stand behind that check.
import sharp from 'sharp';
import type { Metadata, SharpOptions } from 'sharp';
import { QrError } from './errors';
import type { Frame } from './frame';
import { imageKind } from './image-kind';
import type { ImageKind } from './image-kind';

const READS = 'PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG';

/**
 * The most pixels a raster image may have: 50 million. An 8K screen is 33.2 MP (7680 × 4320),
 * three 4K screens side by side 24.9 MP, and phone cameras save at most about 50 MP (most save
 * 12 MP, binning their larger sensors). Decoded as RGBA it is 200 MB.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * An SVG is drawn so that its longer side has at least SVG_MIN_SIDE pixels (enlarged 16× at
 * most), and at most MAX_SVG_SIDE: a large drawing is drawn smaller instead. 4096 pixels is
 * three times what a QR code needs (at most 177 modules, at 4+ pixels each: 708+ px); 4096² is
 * 16.8 MP, 67 MB as RGBA.
 */
const SVG_MIN_SIDE = 1200;
const SVG_MAX_SCALE = 16;
export const MAX_SVG_SIDE = 4096;
/** sharp draws SVGs at 1 to 100000 dpi: at 1 dpi (1/72 of the size) the side must still fit. */
const MIN_DENSITY = 1;

/** A decode that takes longer (a pathological SVG filter, say) is stopped. */
const DECODE_TIMEOUT_SECONDS = 15;

export interface DecodeImageOptions {
  /**
   * What a transparent background becomes (default white, as on a light page); `'none'` keeps
   * the alpha channel (flattenOnContrast in ./transparent then picks the background).
   */
  background?: 'white' | 'black' | 'none';
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
  if (kind === 'svg') checkSvgContent(bytes);
  const meta = await header(bytes, kind);
  const input: SharpOptions =
    kind === 'svg' ? svgInput(meta) : { limitInputPixels: checkRasterSize(meta) };
  try {
    // rotate() applies the EXIF orientation, as a photo viewer would show the picture; a
    // transparent background (QR codes saved from web pages often have one) becomes white, as
    // it looks on the page, instead of the black its pixels hold.
    let image = sharp(bytes, input).timeout({ seconds: DECODE_TIMEOUT_SECONDS }).rotate();
    if (options.background !== 'none') {
      image = image.flatten({ background: options.background === 'black' ? '#000000' : '#ffffff' });
    }
    const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
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

/** The header's facts (size, pages), without decoding pixels. */
async function header(bytes: Uint8Array, kind: ImageKind): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    const verb = kind === 'svg' ? 'drawn' : 'decoded';
    throw new QrError(
      'unreadable-image',
      `The ${kind.toUpperCase()} file is damaged and cannot be ${verb} (${(error as Error).message}).`,
    );
  }
}

/**
 * What an SVG may hold, checked on its text before librsvg parses it: the side cap bounds pixels,
 * not work, and a 1000-unit SVG of 300,000 rectangles took 17 s and 2.6 GiB, one blur filter on a
 * large canvas 24 s of CPU. A QR code needs neither: the largest (version 40) drawn one rectangle
 * per module is about 31,000 elements and 1.5 MB; filters (blur, lighting…) it never uses.
 */
export const SVG_LIMITS = { maxBytes: 2 * 1024 * 1024, maxElements: 40_000 } as const;

function checkSvgContent(bytes: Uint8Array): void {
  if (bytes.length > SVG_LIMITS.maxBytes) {
    throw new QrError(
      'image-too-large',
      `The SVG file is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; TrayOTP draws SVGs up to ${SVG_LIMITS.maxBytes / 1024 / 1024} MiB (a QR code needs far less).`,
    );
  }
  let elements = 0;
  for (const byte of bytes) if (byte === 0x3c /* < */) elements++;
  if (elements > SVG_LIMITS.maxElements) {
    throw new QrError(
      'image-too-large',
      `The SVG holds about ${elements.toLocaleString('en')} elements; TrayOTP draws SVGs of up to ${SVG_LIMITS.maxElements.toLocaleString('en')} (the largest QR code drawn square by square has about 31,000).`,
    );
  }
  // latin1 keeps one character a byte: enough to find an ASCII word, whatever the encoding.
  if (
    /filter/i.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))
  ) {
    throw new QrError(
      'unreadable-image',
      'The SVG uses filters (blur, shadows, lighting), which a QR code never needs and which can take minutes to draw; save the QR code as PNG instead.',
    );
  }
}

/** The first page's pixel count, refused above MAX_IMAGE_PIXELS; sharp gets the same limit. */
function checkRasterSize(meta: Metadata): number {
  const width = meta.width ?? 0;
  // A GIF or TIFF has several pages stacked in `height`; sharp decodes the first.
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new QrError(
      'image-too-large',
      `The image is ${width} × ${height} pixels; TrayOTP reads images up to ${MAX_IMAGE_PIXELS / 1e6} million pixels (an 8K screen is 33 million, a large phone photo 50 million).`,
    );
  }
  return MAX_IMAGE_PIXELS;
}

/**
 * The density to draw an SVG at: 72 dpi draws it at its declared size (a QR code 41 units wide
 * would have 1-pixel modules), so small ones are enlarged and large ones reduced, its longer side
 * ending between SVG_MIN_SIDE and MAX_SVG_SIDE pixels.
 */
function svgInput(meta: Metadata): SharpOptions {
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const side = Math.max(1, width, height);
  const scale = Math.min(SVG_MAX_SCALE, MAX_SVG_SIDE / side, Math.max(1, SVG_MIN_SIDE / side));
  // Rounded down, so rounding in the renderer cannot step over MAX_SVG_SIDE.
  const density = Math.floor(72 * scale * 1000) / 1000;
  if (density < MIN_DENSITY) {
    throw new QrError(
      'image-too-large',
      `The SVG is ${width} × ${height} units; TrayOTP draws SVGs up to ${MAX_SVG_SIDE * 72} units a side.`,
    );
  }
  return { density, limitInputPixels: (MAX_SVG_SIDE + 1) ** 2 };
}

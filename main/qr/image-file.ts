// Image files (PNG, JPEG, WebP) → RGBA frames, decoded by sharp (libvips).
import sharp from 'sharp';
import { QrError } from './errors';
import type { Frame } from './frame';

const formats = new Set(['png', 'jpeg', 'webp']);

export async function decodeImageFile(bytes: Uint8Array): Promise<Frame> {
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    throw new QrError(
      'unreadable-image',
      'The file is not an image TrayOTP can read; use a PNG, JPEG or WebP file.',
    );
  }
  if (!format || !formats.has(format)) {
    throw new QrError(
      'unreadable-image',
      `The file is a ${format ?? 'unknown'} image; TrayOTP reads PNG, JPEG and WebP files.`,
    );
  }
  try {
    // rotate() applies the EXIF orientation, as a photo viewer would show the picture.
    const { data, info } = await sharp(bytes)
      .rotate()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, stride: info.width * 4, format: 'rgba' };
  } catch (error) {
    throw new QrError(
      'unreadable-image',
      `The ${format.toUpperCase()} file is damaged and cannot be decoded (${(error as Error).message}).`,
    );
  }
}

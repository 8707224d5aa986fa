// The QR module's public surface: decode a frame or an image file to the QR texts it holds and
// the key URIs among them. Electron-free: the app hands frames to a worker (./worker-client), the
// CLI and the importers call these directly.
import { decodeImageFile, hasAlpha } from './image-file';
import { scanPixels } from './pipeline';
import { flattenOnContrast } from './transparent';
import type { ScanOptions, ScanResult } from './pipeline';
import type { Frame } from './frame';

export * from './errors';
export type { Frame, PixelFormat, Rect } from './frame';
export { isOtpauthText, pickOtpauth } from './otpauth';
export type {
  FaintOutcome,
  FoundCode,
  PassReport,
  ScanOptions,
  ScanResult,
  WholeFrameOutcome,
} from './pipeline';
export { decodeImageFile };
export { QrWorker } from './worker-client';
export { QrWorkerPool, workersForCores } from './worker-pool';

/** Every QR code in a frame (a screenshot of one display, or `options.region` of it). */
export function scanFrame(frame: Frame, options: ScanOptions = {}): Promise<ScanResult> {
  return scanPixels(frame, options);
}

export interface ImageScan {
  texts: string[];
  otpauth: string[];
  /** Decoding the QR codes only: reading and decompressing the file are not counted. */
  decodeMs: number;
}

/**
 * Every QR code in an image file's bytes (e.g. a Google Authenticator export shot); exhaustive by
 * default, as an import wants every code in the picture. A transparent image is drawn on the
 * background its opaque pixels contrast with (light modules saved from a dark page on black), and
 * on the other one only if that finds nothing.
 */
export async function scanImageFile(
  bytes: Uint8Array,
  options: ScanOptions = {},
): Promise<ImageScan> {
  const scan = (frame: Frame) => scanPixels(frame, { exhaustive: true, ...options });
  if (!(await hasAlpha(bytes))) return pick(await scan(await decodeImageFile(bytes)));
  const frame = await decodeImageFile(bytes, { background: 'none' });
  const background = flattenOnContrast(frame);
  const first = await scan(frame);
  if (first.texts.length > 0) return pick(first);
  const other = background === 'white' ? 'black' : 'white';
  const second = await scan(await decodeImageFile(bytes, { background: other }));
  return { ...pick(second), decodeMs: first.decodeMs + second.decodeMs };
}

function pick({ texts, otpauth, decodeMs }: ImageScan): ImageScan {
  return { texts, otpauth, decodeMs };
}

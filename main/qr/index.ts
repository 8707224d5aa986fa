// The QR module's public surface: decode a frame or an image file to the QR texts it holds and
// the key URIs among them. Electron-free: the app hands frames to a worker (./worker-client), the
// CLI and the importers call these directly.
import { decodeImageFile, hasAlpha } from './image-file';
import { scanPixels } from './pipeline';
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
 * default, as an import wants every code in the picture. A transparent image with no code on a
 * white background is tried on black too: light modules saved from a dark page.
 */
export async function scanImageFile(
  bytes: Uint8Array,
  options: ScanOptions = {},
): Promise<ImageScan> {
  const scan = async (background: 'white' | 'black') =>
    scanPixels(await decodeImageFile(bytes, { background }), { exhaustive: true, ...options });
  const light = await scan('white');
  if (light.texts.length > 0 || !(await hasAlpha(bytes))) return pick(light);
  const dark = await scan('black');
  return { ...pick(dark), decodeMs: light.decodeMs + dark.decodeMs };
}

function pick({ texts, otpauth, decodeMs }: ImageScan): ImageScan {
  return { texts, otpauth, decodeMs };
}

// A screenshot through org.freedesktop.portal.Screenshot, non-interactive: once the desktop has
// granted screenshots (its Access dialog, remembered in the permission store) there is no picker.
// The portal answers with a file:// URI of a PNG it wrote; the file is a picture of the whole
// screen (it may show secrets), so it is read bounded in size and deleted at once, and a file
// too large, not a regular file, or not a PNG is refused before reading (and still deleted).
// Plain Node: no electron import.
import { lstat, open, unlink } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { connectPortalBus, Variant, variantValue } from './portal-bus';
import { portalRequest } from './portal-request';
import { PortalFailure, asFailure } from './remote-desktop';

export const DEFAULT_MAX_SCREENSHOT_BYTES = 64 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type ScreenshotFailureReason =
  | 'missing'
  | 'refused'
  | 'timeout'
  | 'failed'
  /** The file the portal wrote was larger than the bound, not a regular file, or not a PNG. */
  | 'bad-file';

export type ScreenshotOutcome =
  | { ok: true; png: Buffer; elapsedMs: number }
  | { ok: false; reason: ScreenshotFailureReason; message: string };

export interface PortalScreenshotOptions {
  busAddress?: string;
  maxBytes?: number;
  callTimeoutMs?: number;
  /** Bound on the answer, which may wait for a person at the Access dialog (ms, default 60000). */
  answerTimeoutMs?: number;
}

export interface PortalScreenshot {
  take(): Promise<ScreenshotOutcome>;
}

async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  const info = await lstat(path);
  if (!info.isFile()) throw new PortalFailure('failed', 'not a regular file');
  if (info.size > maxBytes) {
    throw new PortalFailure(
      'failed',
      `${info.size} bytes, more than the ${maxBytes} bytes a screenshot may have`,
    );
  }
  const handle = await open(path, 'r');
  try {
    // Read at most one byte past the bound, so a file that grew after lstat is caught too.
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes || length > info.size) {
      throw new PortalFailure('failed', 'the file grew while it was read');
    }
    const png = buffer.subarray(0, length);
    if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new PortalFailure('failed', 'not a PNG');
    return png;
  } finally {
    await handle.close();
  }
}

export function createPortalScreenshot(options: PortalScreenshotOptions = {}): PortalScreenshot {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SCREENSHOT_BYTES;
  const callMs = options.callTimeoutMs ?? 3000;
  const answerMs = options.answerTimeoutMs ?? 60_000;
  return {
    async take() {
      const began = performance.now();
      let uri: unknown;
      try {
        const bus = await connectPortalBus(options.busAddress, callMs);
        try {
          const answer = await portalRequest(
            bus,
            {
              iface: 'org.freedesktop.portal.Screenshot',
              member: 'Screenshot',
              signature: 'sa{sv}',
              options: { interactive: new Variant('b', false) },
              body: (opts) => ['', opts],
            },
            callMs,
            answerMs,
          );
          if (answer.response !== 0) {
            return {
              ok: false,
              reason: 'refused',
              message:
                answer.response === 1
                  ? 'The screenshot was cancelled.'
                  : 'The desktop refused the screenshot (allow screenshots for TrayOTP in its privacy settings).',
            };
          }
          uri = variantValue(answer.results.uri, 's');
        } finally {
          bus.disconnect();
        }
      } catch (error) {
        const failure = asFailure(error, 'the Screenshot portal');
        const reason =
          failure.reason === 'missing' || failure.reason === 'timeout' ? failure.reason : 'failed';
        const message =
          failure.reason === 'missing'
            ? `The desktop has no screenshot portal (${failure.message}).`
            : failure.message;
        return { ok: false, reason, message };
      }
      if (typeof uri !== 'string' || !uri.startsWith('file://')) {
        return {
          ok: false,
          reason: 'bad-file',
          message: 'The screenshot portal did not answer with a local file.',
        };
      }
      let path: string;
      try {
        path = fileURLToPath(uri);
      } catch {
        return {
          ok: false,
          reason: 'bad-file',
          message: `The screenshot portal gave a bad file address.`,
        };
      }
      try {
        const png = await readBounded(path, maxBytes);
        return { ok: true, png, elapsedMs: Math.round(performance.now() - began) };
      } catch (error) {
        return {
          ok: false,
          reason: 'bad-file',
          message: `The screenshot file was refused: ${(error as Error).message}.`,
        };
      } finally {
        // A regular file or a link is removed; a directory or a missing file is left alone.
        await unlink(path).catch(() => {});
      }
    },
  };
}

// Google Authenticator migration QR codes as PNG images: "Transfer accounts → Import accounts"
// on a phone scans them one after another. At most 10 accounts per code (what Google writes; a
// denser code is hard to scan from a screen), all codes sharing one batch id.
import QRCode from 'qrcode';
import { encodeMigrationUris } from '../../otp';
import type { Account } from '../../otp';
import type { ExportEntry } from './types';

export interface GoogleQrImage {
  /** 1-based position and count, for file names and captions ("2 of 3"). */
  index: number;
  count: number;
  uri: string;
  png: Buffer;
}

export interface GoogleQrExport {
  images: GoogleQrImage[];
  /** Accounts Google's format cannot carry, with the reason; they are left out. */
  unsupported: { account: Account; reason: string }[];
}

export async function exportGoogleQr(
  entries: ExportEntry[],
  options: { batchId: number; perCode?: number },
): Promise<GoogleQrExport> {
  const perCode = Math.min(Math.max(1, options.perCode ?? 10), 10);
  const { uris, unsupported } = encodeMigrationUris(
    entries.map((entry) => entry.account),
    { perLink: perCode, batchId: options.batchId },
  );
  const images = await Promise.all(
    uris.map(async (uri, i) => ({
      index: i + 1,
      count: uris.length,
      uri,
      png: await QRCode.toBuffer(uri, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 4,
        scale: 6,
      }),
    })),
  );
  return { images, unsupported };
}

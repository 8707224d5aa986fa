// Every importer, and detection from content. Add an importer by adding it to `importers`.
import { ImportError } from './errors';
import { checkImportSize } from './read-content';
import { textTooLarge } from './text-links';
import { cancelledError } from './crypto/steps';
import type { ImportInput, ImportOptions, ImportResult, Importer } from './types';
import { otpauthListImporter } from './otpauth-list';
import { googleMigrationImporter } from './google-migration';
import { steamImporter } from './steam';
import { duoImporter } from './duo';
import { battleNetImporter } from './battlenet';
import { protonImporter } from './proton';
import { stratumImporter } from './stratum';
import { aegisImporter } from './aegis';
import { twofasImporter } from './twofas';
import { andotpImporter } from './andotp';
import { bitwardenImporter } from './bitwarden';
import { authyImporter } from './authy';
import { totpAuthenticatorImporter } from './totp-authenticator';
import { freeOtpPlusImporter } from './freeotp-plus';
import { freeOtpImporter } from './freeotp';
import { enteImporter } from './ente';
import {
  googleAuthenticatorDbImporter,
  microsoftAuthenticatorImporter,
} from './sqlite-authenticators';
import { authenticatorPlusImporter } from './authenticator-plus';
import { protonPassImporter } from './proton-pass';
import { trayotpImporter } from './trayotp';
import { lastpassImporter } from './lastpass';
import { winauthImporter } from './winauth';
import { keepassImporter } from './keepass';

export const importers: Importer[] = [
  trayotpImporter,
  winauthImporter,
  otpauthListImporter,
  googleMigrationImporter,
  steamImporter,
  duoImporter,
  battleNetImporter,
  protonImporter,
  stratumImporter,
  aegisImporter,
  twofasImporter,
  andotpImporter,
  bitwardenImporter,
  authyImporter,
  totpAuthenticatorImporter,
  freeOtpPlusImporter,
  freeOtpImporter,
  enteImporter,
  googleAuthenticatorDbImporter,
  microsoftAuthenticatorImporter,
  authenticatorPlusImporter,
  protonPassImporter,
  lastpassImporter,
  keepassImporter,
];

export interface DetectedFormat {
  importer: Importer;
  encrypted: boolean;
}

/** The most confident importer for the content; ties go to the earlier one in the list. */
export function detectFormat(input: ImportInput): DetectedFormat {
  checkImportSize(input);
  let best: { importer: Importer; confidence: number; encrypted: boolean } | undefined;
  for (const importer of importers) {
    const { confidence, encrypted } = importer.detect(input);
    if (confidence > 0 && (!best || confidence > best.confidence)) {
      best = { importer, confidence, encrypted };
    }
  }
  if (!best) {
    throw (
      textTooLarge(input.fileName, input.bytes) ??
      new ImportError(
        'unknown-format',
        `"${input.fileName}" is not an export TrayOTP can read: ${describeContent(input.bytes)}.`,
      )
    );
  }
  return { importer: best.importer, encrypted: best.encrypted };
}

/**
 * Reads a file with the named or detected importer. `progress` may cancel it (signal: the
 * promise then rejects with ImportError('cancelled')) and follow it (onProgress: fractions from
 * 0 to 1, ending with exactly one { fraction: 1, stage: 'done' }, whatever the format).
 */
export async function importFile(
  input: ImportInput,
  options: { format?: string; password?: string } = {},
  progress: ImportOptions = {},
): Promise<ImportResult> {
  checkImportSize(input);
  const importer = options.format
    ? importers.find((i) => i.id === options.format)
    : detectFormat(input).importer;
  if (!importer) {
    throw new ImportError(
      'unknown-format',
      `Unknown format "${options.format}"; known formats: ${importers.map((i) => i.id).join(', ')}.`,
    );
  }
  if (progress.signal?.aborted) throw cancelledError();
  let finished = false;
  const onProgress = progress.onProgress;
  const result = await importer.read(input, options.password, {
    ...(progress.signal ? { signal: progress.signal } : {}),
    ...(progress.keyFile ? { keyFile: progress.keyFile } : {}),
    ...(onProgress
      ? {
          onProgress: (update) => {
            if (finished) return;
            finished = update.stage === 'done';
            onProgress(update);
          },
        }
      : {}),
  });
  // A format read in one go cannot stop half-way, but a cancelled import still ends cancelled.
  if (progress.signal?.aborted) throw cancelledError();
  // Formats read in one go report nothing themselves.
  if (!finished) onProgress?.({ fraction: 1, stage: 'done' });
  return result;
}

/** A short description of unrecognised content, so the message says what the file looks like. */
export function describeContent(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  const head = Buffer.from(bytes.subarray(0, 16));
  if (head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return 'it is a ZIP archive';
  if (head.subarray(0, 15).toString('latin1') === 'SQLite format 3')
    return 'it is a SQLite database';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'it is a PNG image with no recognised QR code';
  }
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').trimStart();
  if (text.startsWith('{') || text.startsWith('['))
    return 'it is JSON of a shape no known app writes';
  if (text.startsWith('<')) return 'it is XML of a shape no known app writes';
  if (/^[\t\n\r\x20-\x7e]*$/.test(text.slice(0, 512))) {
    return 'it is text with no otpauth:// or otpauth-migration:// links';
  }
  return 'it is binary data of no known export format';
}

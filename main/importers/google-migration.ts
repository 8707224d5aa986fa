// Google Authenticator's "Transfer accounts" export: otpauth-migration://offline?data=… links,
// as text (one per line, what QR reader apps and extract_otp_secrets write) or as the QR codes
// themselves (a screenshot or photo in any image format main/qr reads). One export of many
// accounts is split into several links (a batch: batchSize, batchIndex and a shared batchId);
// a missing part is reported as a warning, since the accounts in the parts present still work.
import { OtpError, decodeMigrationUri } from '../otp';
import type { MigrationBatch } from '../otp';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { addOtpauthLink } from './otpauth-list';
import { placeOf, prefixWarning, readTextLines } from './text-links';
import type { TextLink } from './text-links';
import type { Detection, ImportInput, ImportResult, Importer } from './types';
import { imageKind } from '../qr/image-kind';

export const FORMAT = 'google-migration';
/** The otpauth:// list importer's id (otpauth-list.ts). */
const OTPAUTH_FORMAT = 'otpauth';

/** Export links read in one import: Google writes about 10 accounts a link, so 10,000 accounts. */
export const MAX_MIGRATION_LINKS = 1000;
/** Images in one import: each is decoded at full size, and a real export is a handful of codes. */
export const MAX_MIGRATION_IMAGES = 100;
/** Missing part numbers listed in a warning; more are counted. */
const MAX_LISTED_PARTS = 20;

export const googleMigrationImporter: Importer = {
  id: FORMAT,
  label: 'Google Authenticator export',
  detect(input: ImportInput): Detection {
    // An image may hold an export QR code; only decoding it can tell, so: "could be".
    if (imageKind(input.bytes)) return { confidence: 1, encrypted: false };
    const lines = readTextLines(input.bytes);
    const hasMigration = lines?.links.some((link) => link.kind === 'migration') ?? false;
    return { confidence: hasMigration ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    if (imageKind(input.bytes)) return readMigrationImages([input]);
    const lines = readTextLines(input.bytes);
    if (!lines) {
      throw new ImportError(
        'unsupported',
        `"${input.fileName}" is not a text file of Google Authenticator export links.`,
      );
    }
    const result = readMigrationLinks(lines.links);
    for (const line of lines.otherLines) {
      result.skipped.push({ label: `line ${line}`, reason: 'This line is not an export link.' });
    }
    return result;
  },
};

/**
 * Reads migration links (and any plain otpauth:// links among them) into one import. Exact
 * repeats of a link are read once (the same QR code scanned twice). Throws 'damaged' when no
 * link could be read at all.
 */
export function readMigrationLinks(links: TextLink[]): ImportResult {
  const migrationLinks = links.filter((link) => link.kind === 'migration').length;
  if (migrationLinks > MAX_MIGRATION_LINKS) {
    throw new ImportError(
      'too-large',
      `This holds ${migrationLinks} export links; TrayOTP reads at most ${MAX_MIGRATION_LINKS} at once (a Google Authenticator export of 10,000 accounts). Import them in smaller groups.`,
    );
  }
  const collector = new EntryCollector();
  const warnings: string[] = [];
  const batches = new Map<number, { size: number; seen: Set<number> }>();
  const seenLinks = new Set<string>();
  let failures = 0;
  let firstFailure: string | undefined;

  for (const link of links) {
    if (link.kind === 'otpauth') {
      addOtpauthLink(collector, link, warnings);
      continue;
    }
    if (seenLinks.has(link.text)) continue;
    seenLinks.add(link.text);
    if (link.prefix) warnings.push(prefixWarning(link));
    try {
      const decoded = decodeMigrationUri(link.text);
      noteBatch(batches, decoded.batch, link, warnings);
      for (const { account, warnings: entryWarnings } of decoded.accounts) {
        collector.accept({ account, warnings: entryWarnings });
      }
      for (const { label, reason } of decoded.skipped) collector.skip(label, reason);
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      failures++;
      firstFailure ??= `${placeOf(link)}: ${error.message}`;
      collector.skip(`export link, ${placeOf(link)}`, error.message);
    }
  }

  if (failures > 0 && collector.entries.length === 0 && collector.skipped.length === failures) {
    throw new ImportError(
      'damaged',
      `No export link could be read (${firstFailure}). Export the accounts from Google Authenticator again.`,
    );
  }
  for (const [id, { size, seen }] of batches) {
    // size is at most LIMITS.maxMigrationParts: decodeMigrationUri refuses larger batches.
    const missing: number[] = [];
    for (let index = 0; index < size; index++) if (!seen.has(index)) missing.push(index + 1);
    if (missing.length > 0) {
      const listed =
        missing.length > MAX_LISTED_PARTS
          ? `${missing.slice(0, MAX_LISTED_PARTS).join(', ')} and ${missing.length - MAX_LISTED_PARTS} more`
          : missing.join(', ');
      warnings.push(
        `The export was split into ${size} QR codes but part${missing.length > 1 ? 's' : ''} ${listed} of ${size} ${missing.length > 1 ? 'are' : 'is'} missing (batch ${id}); the accounts in ${missing.length > 1 ? 'them' : 'it'} are not imported.`,
      );
    }
  }
  // A picture or list of plain otpauth:// links only is not a Google export: say what it is.
  const format = migrationLinks > 0 ? FORMAT : OTPAUTH_FORMAT;
  return { format, entries: collector.entries, skipped: collector.skipped, warnings };
}

/**
 * QR code images of an export (one per image, or several in one screenshot), read as one
 * import so a batch split over several images is checked as a whole.
 */
export async function readMigrationImages(inputs: ImportInput[]): Promise<ImportResult> {
  if (inputs.length > MAX_MIGRATION_IMAGES) {
    throw new ImportError(
      'too-large',
      `${inputs.length} images were given; TrayOTP reads at most ${MAX_MIGRATION_IMAGES} export QR code images at once. Import them in smaller groups.`,
    );
  }
  // Loaded on demand: decoding images needs sharp and the QR decoder, text imports do not.
  const { scanImageFile } = await import('../qr');
  const links: TextLink[] = [];
  for (const input of inputs) {
    let texts: string[];
    try {
      texts = (await scanImageFile(input.bytes)).texts;
    } catch (error) {
      throw new ImportError('damaged', `"${input.fileName}": ${(error as Error).message}`);
    }
    const found = texts
      .map((text) => text.trim())
      .filter((text) => /^otpauth(-migration)?:\/\//i.test(text));
    if (found.length === 0) {
      throw new ImportError(
        'unknown-format',
        texts.length === 0
          ? `"${input.fileName}" is an image with no QR code TrayOTP can read. Try a sharper or larger screenshot of the code.`
          : `"${input.fileName}" holds QR codes, but none is an otpauth:// or Google Authenticator export link.`,
      );
    }
    found.forEach((text, index) => {
      const kind = /^otpauth-migration:/i.test(text) ? 'migration' : 'otpauth';
      const where = `QR code ${index + 1} of "${input.fileName}"`;
      links.push({ line: links.length + 1, kind, text, prefix: '', where });
    });
  }
  return readMigrationLinks(links);
}

function noteBatch(
  batches: Map<number, { size: number; seen: Set<number> }>,
  batch: MigrationBatch,
  link: TextLink,
  warnings: string[],
): void {
  const size = batch.batchSize > 0 ? batch.batchSize : 1;
  if (batch.batchIndex < 0 || batch.batchIndex >= size) {
    warnings.push(
      `The export link (${placeOf(link)}) says it is part ${batch.batchIndex + 1} of ${size}, which cannot be.`,
    );
    return;
  }
  const known = batches.get(batch.batchId) ?? { size, seen: new Set<number>() };
  if (known.size !== size) {
    warnings.push(
      `The export links of batch ${batch.batchId} disagree on how many parts it has (${known.size} or ${size}).`,
    );
    known.size = Math.max(known.size, size);
  }
  known.seen.add(batch.batchIndex);
  batches.set(batch.batchId, known);
}

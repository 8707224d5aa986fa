// ZIP archives some apps export (Authenticator Plus, Proton Pass), read with zip.js: plain
// JavaScript, decrypts ZipCrypto and WinZip AES. Entry names are never encrypted, so detection
// lists them straight from the central directory, synchronously.
import {
  ERR_ENCRYPTED,
  ERR_INVALID_PASSWORD,
  Uint8ArrayReader,
  ZipReader,
  configure,
} from '@zip.js/zip.js';
import type { Entry } from '@zip.js/zip.js';
import { ImportError } from './errors';
import { INFLATE_BUDGET, mib } from './budgets';

/**
 * Caps on what an archive may make us inflate (issue 13: a 1.2 MB file took 80 s and 6 GiB).
 * Only the one named entry is ever inflated, so its cap is also the total. Sizes the archive
 * declares are checked first (cheap), then the bytes actually produced are counted while
 * streaming and inflation stops at the cap: a declared size may lie.
 */
export const ZIP_LIMITS = {
  /** Entries in the central directory: the exports read hold one or a few files. */
  maxEntries: 1000,
  /** Inflated bytes of the entry read (and so of the whole archive): the inflate budget. */
  maxEntryBytes: INFLATE_BUDGET.maxBytes,
  /** Inflated bytes per compressed byte (budgets.ts says why 200). */
  maxRatio: INFLATE_BUDGET.maxRatio,
  /** Output below this is never refused for its ratio: a tiny file may compress oddly. */
  ratioFloorBytes: INFLATE_BUDGET.ratioFloorBytes,
};
export type ZipLimits = typeof ZIP_LIMITS;

// Decompression in this thread: it is already the reading worker (main/import-worker).
configure({ useWebWorkers: false });

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 'PK\u0001\u0002';

export interface ZipEntryName {
  name: string;
  encrypted: boolean;
}

/** The entries named in the central directory; empty when the bytes are not a ZIP. */
export function zipEntryNames(bytes: Uint8Array): ZipEntryName[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 30 || buffer.readUInt32LE(0) !== LOCAL_HEADER) return [];
  const names: ZipEntryName[] = [];
  // Central directory header: flags at +8, name length at +28, name at +46. Listing stops one
  // past the cap: readZipText refuses such an archive, detection needs no more.
  for (
    let at = buffer.indexOf(CENTRAL_HEADER, 0, 'latin1');
    at !== -1 && at + 46 <= buffer.length && names.length <= ZIP_LIMITS.maxEntries;
  ) {
    const nameLength = buffer.readUInt16LE(at + 28);
    names.push({
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      encrypted: (buffer.readUInt16LE(at + 8) & 1) === 1,
    });
    at = buffer.indexOf(CENTRAL_HEADER, at + 46, 'latin1');
  }
  return names;
}

/**
 * One entry's text. `app` names the export in messages ("Authenticator Plus export"). Throws
 * ImportError('too-large') naming the limit when the archive passes one of `limits`.
 */
export async function readZipText(
  bytes: Uint8Array,
  entryName: string,
  app: string,
  password: string | undefined,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<string> {
  const options = password ? { password } : {};
  const zip = new ZipReader(new Uint8ArrayReader(bytes), options);
  const counter = new CappedCollector(app, limits);
  try {
    const entry = await findEntry(zip, entryName, app, limits);
    if (!entry || entry.directory) {
      throw new ImportError('damaged', `The ${app} has no ${entryName}.`);
    }
    counter.expect(entry.compressedSize, entry.uncompressedSize);
    await entry.getData(counter.stream(), options);
    return counter.text();
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // zip.js may hand back the writer's error as its own: the cap that was hit is the reason.
    if (counter.limitHit) throw counter.limitHit;
    const message = error instanceof Error ? error.message : String(error);
    if (message === ERR_INVALID_PASSWORD) {
      throw new ImportError('wrong-password', `The password does not open this ${app}.`);
    }
    if (message === ERR_ENCRYPTED) {
      throw new ImportError(
        'password-required',
        `This ${app} is password protected: enter its password.`,
      );
    }
    // ZipCrypto checks a password with one byte: a wrong password passes 1 time in 256 and
    // then fails the CRC or decompression. With a password given, it is the likely culprit.
    if (password && /crc|signature|invalid|inflate|deflate|data/i.test(message)) {
      throw new ImportError(
        'wrong-password',
        `The password does not open this ${app} (its contents do not check out).`,
      );
    }
    throw new ImportError('damaged', `The ${app} is damaged: ${message}.`);
  } finally {
    await zip.close();
  }
}

/** The named entry, counting entries as they are listed and stopping past the cap. */
async function findEntry(
  zip: ZipReader<unknown>,
  entryName: string,
  app: string,
  limits: ZipLimits,
): Promise<Entry | undefined> {
  let count = 0;
  let found: Entry | undefined;
  for await (const entry of zip.getEntriesGenerator()) {
    if (++count > limits.maxEntries) {
      throw new ImportError(
        'too-large',
        `The ${app} holds more than ${limits.maxEntries} entries; no export TrayOTP reads has that many. Check that this is the export file.`,
      );
    }
    if (!found && entry.filename === entryName) found = entry;
  }
  return found;
}

/** Collects an entry's inflated bytes, refusing them past the size or ratio cap as they come. */
class CappedCollector {
  limitHit: ImportError | undefined;
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private compressed = 0;

  constructor(
    private readonly app: string,
    private readonly limits: ZipLimits,
  ) {}

  /** Refuses what the archive itself declares past a cap, before inflating anything. */
  expect(compressedSize: number, uncompressedSize: number): void {
    this.compressed = compressedSize;
    if (uncompressedSize > this.limits.maxEntryBytes) this.fail(this.sizeMessage(uncompressedSize));
  }

  stream(): WritableStream<Uint8Array> {
    return new WritableStream<Uint8Array>({
      write: (chunk) => {
        this.length += chunk.length;
        if (this.length > this.limits.maxEntryBytes) this.fail(this.sizeMessage(this.length));
        if (
          this.length > this.limits.ratioFloorBytes &&
          this.length > Math.max(this.compressed, 1) * this.limits.maxRatio
        ) {
          this.fail(
            `The ${this.app} is a compression bomb: ${mib(Math.max(this.compressed, 1))} compressed inflate to more than ${mib(this.length)}, over ${this.limits.maxRatio} times its size (no real export compresses that well). Nothing was imported.`,
          );
        }
        this.chunks.push(chunk.slice());
      },
    });
  }

  text(): string {
    return new TextDecoder('utf-8').decode(Buffer.concat(this.chunks, this.length));
  }

  private sizeMessage(size: number): string {
    const declared = size > this.length ? ` (it declares ${mib(size)})` : '';
    return `The ${this.app} holds a file that inflates to more than ${mib(this.limits.maxEntryBytes)}${declared}, the most TrayOTP reads from an archive. Nothing was imported.`;
  }

  private fail(message: string): never {
    this.limitHit = new ImportError('too-large', message);
    throw this.limitHit;
  }
}

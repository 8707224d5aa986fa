// Authenticator Plus (Mufri) "export": a password-protected ZIP (traditional PKWARE ZipCrypto,
// the only protection the app offers) holding Accounts.txt, an otpauth:// list. The ZIP is read
// with zip.js, which decrypts ZipCrypto (and WinZip AES) in plain JavaScript. ZipCrypto is weak
// cryptography; TrayOTP only reads it, to let people leave the app.
import {
  ERR_ENCRYPTED,
  ERR_INVALID_PASSWORD,
  TextWriter,
  Uint8ArrayReader,
  ZipReader,
  configure,
} from '@zip.js/zip.js';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { addOtpauthLink } from './otpauth-list';
import { readTextLines } from './text-links';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const ACCOUNTS_FILE = 'Accounts.txt';
// In-process decompression: the main process has no web workers to hand the work to.
configure({ useWebWorkers: false });

/** Whether the ZIP names Accounts.txt (file names are not encrypted), and if it is encrypted. */
function inspect(bytes: Uint8Array): { fits: boolean; encrypted: boolean } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 30 || buffer.readUInt32LE(0) !== 0x04034b50)
    return { fits: false, encrypted: false };
  // Central directory headers: signature PK\1\2, flags at +8, name length at +28, name at +46.
  for (
    let at = buffer.indexOf('PK\u0001\u0002', 0, 'latin1');
    at !== -1 && at + 46 <= buffer.length;
  ) {
    const nameLength = buffer.readUInt16LE(at + 28);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === ACCOUNTS_FILE)
      return { fits: true, encrypted: (buffer.readUInt16LE(at + 8) & 1) === 1 };
    at = buffer.indexOf('PK\u0001\u0002', at + 46, 'latin1');
  }
  return { fits: false, encrypted: false };
}

export const authenticatorPlusImporter: Importer = {
  id: 'authenticator-plus',
  label: 'Authenticator Plus',
  detect(input: ImportInput): Detection {
    const { fits, encrypted } = inspect(input.bytes);
    return { confidence: fits ? 2 : 0, encrypted };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const { fits, encrypted } = inspect(input.bytes);
    if (!fits) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not an Authenticator Plus export: it has no ${ACCOUNTS_FILE}.`,
      );
    }
    if (encrypted && !password) {
      throw new ImportError(
        'password-required',
        'This Authenticator Plus export is password protected: enter its password.',
      );
    }
    const text = await readAccountsFile(input, password);
    const lines = readTextLines(new TextEncoder().encode(text));
    const collector = new EntryCollector();
    const warnings: string[] = [];
    for (const link of lines?.links ?? []) {
      if (link.kind === 'otpauth') addOtpauthLink(collector, link, warnings);
      else collector.skip(`line ${link.line}`, 'This is not an otpauth:// link.');
    }
    for (const line of lines?.otherLines ?? []) {
      collector.skip(`line ${line}`, 'This line is not an otpauth:// link.');
    }
    return {
      format: 'authenticator-plus',
      entries: collector.entries,
      skipped: collector.skipped,
      warnings,
    };
  },
};

async function readAccountsFile(input: ImportInput, password: string | undefined): Promise<string> {
  const zip = new ZipReader(new Uint8ArrayReader(input.bytes), password ? { password } : {});
  try {
    const entry = (await zip.getEntries()).find((e) => e.filename === ACCOUNTS_FILE);
    if (!entry || entry.directory) {
      throw new ImportError('damaged', `The Authenticator Plus export has no ${ACCOUNTS_FILE}.`);
    }
    return await entry.getData(new TextWriter(), password ? { password } : {});
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (message === ERR_INVALID_PASSWORD) {
      throw new ImportError(
        'wrong-password',
        'The password does not open this Authenticator Plus export.',
      );
    }
    if (message === ERR_ENCRYPTED) {
      throw new ImportError(
        'password-required',
        'This Authenticator Plus export is password protected: enter its password.',
      );
    }
    // ZipCrypto checks a password with one byte: a wrong password passes 1 time in 256 and
    // then fails the CRC or decompression. The password is the likely culprit, say so.
    if (password && /crc|signature|invalid|inflate|deflate|data/i.test(message)) {
      throw new ImportError(
        'wrong-password',
        'The password does not open this Authenticator Plus export (its contents do not check out).',
      );
    }
    throw new ImportError('damaged', `The Authenticator Plus export is damaged: ${message}.`);
  } finally {
    await zip.close();
  }
}

// ZIP archives some apps export (Authenticator Plus, Proton Pass), read with zip.js: plain
// JavaScript, decrypts ZipCrypto and WinZip AES. Entry names are never encrypted, so detection
// lists them straight from the central directory, synchronously.
import {
  ERR_ENCRYPTED,
  ERR_INVALID_PASSWORD,
  TextWriter,
  Uint8ArrayReader,
  ZipReader,
  configure,
} from '@zip.js/zip.js';
import { ImportError } from './errors';

// In-process decompression: the main process has no web workers to hand the work to.
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
  // Central directory header: flags at +8, name length at +28, name at +46.
  for (
    let at = buffer.indexOf(CENTRAL_HEADER, 0, 'latin1');
    at !== -1 && at + 46 <= buffer.length;
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

/** One entry's text. `app` names the export in messages ("Authenticator Plus export"). */
export async function readZipText(
  bytes: Uint8Array,
  entryName: string,
  app: string,
  password: string | undefined,
): Promise<string> {
  const options = password ? { password } : {};
  const zip = new ZipReader(new Uint8ArrayReader(bytes), options);
  try {
    const entry = (await zip.getEntries()).find((e) => e.filename === entryName);
    if (!entry || entry.directory) {
      throw new ImportError('damaged', `The ${app} has no ${entryName}.`);
    }
    return await entry.getData(new TextWriter(), options);
  } catch (error) {
    if (error instanceof ImportError) throw error;
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

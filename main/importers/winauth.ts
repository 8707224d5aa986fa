// WinAuth's export (File → Export, winauth/winauth WinAuthHelper.ExportAuthenticators): one
// otpauth:// link per line (CRLF), written by WinAuthAuthenticator.ToUrl, as a .txt file or inside a
// ZIP (SharpZipLib; ZipCrypto when a password is set) whose .txt entries WinAuth's import reads.
// ToUrl always starts the query with `secret=…&digits=N`, then in this order: issuer, algorithm,
// Battle.net's `serial` / Steam's `deviceid` and `data` / HOTP's `counter`, the skin as `icon`,
// period. Steam links have issuer Steam and 5 digits (parseOtpUri makes them Steam Guard);
// Battle.net links have issuer BattleNet and 8 digits: plain TOTP, the serial kept as a note.
// The PGP-encrypted export is not read: it needs the person's PGP private key.
import { readLinkList } from './otpauth-list';
import { ImportError } from './errors';
import { placeOf, readTextLines } from './text-links';
import type { TextLink, TextLines } from './text-links';
import type { Detection, ImportInput, ImportResult, Importer } from './types';
import { readZipText, zipEntryNames } from './zip-archive';
import type { ZipEntryName } from './zip-archive';

const FORMAT = 'winauth';
const APP = 'WinAuth export';
/** WinAuth writes a few KiB; a ZIP this large is not one of its exports. */
const MAX_ZIP_BYTES = 16 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 64;
/** The name WinAuth's export dialog proposes, kept for the entry inside the ZIP. */
const DEFAULT_NAME = /(^|\/)winauth-\d{4}-\d{2}-\d{2}\.txt$/i;
/** ToUrl's query, parameter by parameter in its fixed order. */
const TO_URL_QUERY =
  /\?secret=[^&]*&digits=\d+(&issuer=[^&]*)?(&algorithm=[^&]*)?(&serial=[^&]*|&deviceid=[^&]*&data=[^&]*|&counter=\d+)?(&icon=[^&]*)?(&period=\d+)?$/i;
/** Parameters only WinAuth writes (its skin, Battle.net's serial, Steam's device id). */
const WINAUTH_ONLY = /&(icon|serial|deviceid)=/i;

export const winauthImporter: Importer = {
  id: FORMAT,
  label: 'WinAuth',
  detect(input: ImportInput): Detection {
    if (isZip(input.bytes)) return detectZip(zipEntryNames(input.bytes));
    const lines = readTextLines(input.bytes);
    return { confidence: lines && writtenByWinAuth(lines) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const lines = isZip(input.bytes)
      ? readTextLines(new TextEncoder().encode(await zippedText(input.bytes, password)))
      : readTextLines(input.bytes);
    if (!lines) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not a WinAuth export: it is neither a text file of otpauth:// links nor a ZIP holding one.`,
      );
    }
    return readLines(lines);
  },
};

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function textEntries(names: ZipEntryName[]): ZipEntryName[] {
  return names.filter((entry) => /\.txt$/i.test(entry.name));
}

/** A ZIP of .txt files could be WinAuth's; under the name its dialog proposes, it is. */
function detectZip(names: ZipEntryName[]): Detection {
  const texts = textEntries(names);
  if (texts.length === 0) return { confidence: 0, encrypted: false };
  return {
    confidence: texts.every((entry) => DEFAULT_NAME.test(entry.name)) ? 2 : 1,
    encrypted: texts.some((entry) => entry.encrypted),
  };
}

/** Only links, each in ToUrl's parameter order, and at least one parameter only WinAuth writes. */
function writtenByWinAuth(lines: TextLines): boolean {
  const { links, otherLines } = lines;
  if (links.length === 0 || otherLines.length > 0) return false;
  const ours = links.every(
    (link) => link.kind === 'otpauth' && !link.prefix && TO_URL_QUERY.test(link.text),
  );
  return ours && links.some((link) => WINAUTH_ONLY.test(link.text));
}

/** Every .txt entry's text, one after another, as WinAuth's own import reads them. */
async function zippedText(bytes: Uint8Array, password: string | undefined): Promise<string> {
  if (bytes.length > MAX_ZIP_BYTES) {
    throw new ImportError(
      'unsupported',
      `This ${APP} is ${Math.round(bytes.length / 1024 / 1024)} MiB; WinAuth writes a few KiB, and TrayOTP reads ZIPs of at most 16 MiB.`,
    );
  }
  const names = zipEntryNames(bytes);
  if (names.length > MAX_ZIP_ENTRIES) {
    throw new ImportError(
      'unsupported',
      `This ${APP} has ${names.length} files in its ZIP; WinAuth writes one, and TrayOTP reads at most ${MAX_ZIP_ENTRIES}.`,
    );
  }
  const texts = textEntries(names);
  if (texts.length === 0) {
    throw new ImportError(
      'damaged',
      names.length === 0
        ? `This ${APP} is damaged: its ZIP has no list of files (is it cut short?).`
        : `This ${APP} holds no .txt file, so there are no links to read.`,
    );
  }
  const parts: string[] = [];
  for (const entry of texts) parts.push(await readZipText(bytes, entry.name, APP, password));
  return parts.join('\n');
}

function readLines(lines: TextLines): ImportResult {
  return readLinkList(FORMAT, lines, {
    add: (collector, link) => {
      const note = battleNetNote(link.text);
      collector.addUri(hashInLabel(link), note ? { note } : {}, placeOf(link));
    },
  });
}

/**
 * ToUrl leaves '#' in a name unescaped ("Server #2"), which would end the link there; WinAuth's
 * import escapes a '#' that comes before the '?', and so does this.
 */
function hashInLabel(link: TextLink): string {
  const hash = link.text.indexOf('#');
  const query = link.text.indexOf('?');
  if (hash === -1 || query === -1 || hash > query) return link.text;
  return `${link.text.slice(0, hash)}%23${link.text.slice(hash + 1)}`;
}

/** Battle.net's serial ("US-1234-5678-9012") is what Blizzard's support asks for: keep it. */
function battleNetNote(uri: string): string | undefined {
  const match = /[?&]serial=([^&#]*)/i.exec(uri);
  if (!match) return undefined;
  const serial = match[1]!.toUpperCase().replace(/-|%2D/g, '');
  if (!/^[A-Z]{2}\d{12}$/.test(serial)) return undefined;
  const groups = [serial.slice(2, 6), serial.slice(6, 10), serial.slice(10)];
  return `Battle.net serial ${serial.slice(0, 2)}-${groups.join('-')}`;
}

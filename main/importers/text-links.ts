// Text files of links, one per line: plain otpauth:// lists (Aegis, Ente, WinAuth, KeePassXC...)
// and Google Authenticator otpauth-migration:// links (what QR readers and extract_otp_secrets
// write). Blank lines and '#' comments are ignored; text before the scheme on a line ("QR-Code:")
// is tolerated with a warning, since QR scanner apps prefix what they copy.
import { MAX_TEXT_BYTES, mib } from './budgets';
import { ImportError } from './errors';

export type LinkKind = 'otpauth' | 'migration';

export interface TextLink {
  /** 1-based line number, for messages. */
  line: number;
  kind: LinkKind;
  /** The link itself, from its scheme on. */
  text: string;
  /** Text that stood before the scheme on the line, if any. */
  prefix: string;
  /** Where the link came from when not a line of text ("QR code 2 of \"shot.png\""). */
  where?: string;
}

/** Where a link is, for messages: "line 3", or where an image put it. */
export function placeOf(link: TextLink): string {
  return link.where ?? `line ${link.line}`;
}

export interface TextLines {
  links: TextLink[];
  /** Lines that are neither blank, a comment nor a link (1-based numbers). */
  otherLines: number[];
  commentLines: number;
}

/**
 * ImportError('too-large') for text past MAX_TEXT_BYTES, which readTextLines does not read: said
 * as such, not as "no otpauth links". Text here means its first 4 KiB are printable UTF-8.
 */
export function textTooLarge(fileName: string, bytes: Uint8Array): ImportError | undefined {
  if (bytes.length <= MAX_TEXT_BYTES) return undefined;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/\uFFFD+$/, '');
  if (!/^[\t\n\r\x20-\x7e\u00a0-\uffef]*$/.test(head) || head.includes('\uFFFD')) return undefined;
  return new ImportError(
    'too-large',
    `"${fileName}" is a text file of ${mib(bytes.length)}; TrayOTP reads lists of links up to ${mib(MAX_TEXT_BYTES)}. Split it into smaller files.`,
  );
}

/** The file's lines classified, or undefined when the bytes are not UTF-8 text. */
export function readTextLines(bytes: Uint8Array): TextLines | undefined {
  if (bytes.length === 0 || bytes.length > MAX_TEXT_BYTES || bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const result: TextLines = { links: [], otherLines: [], commentLines: 0 };
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (!line) return;
      if (line.startsWith('#')) {
        result.commentLines++;
        return;
      }
      const lower = line.toLowerCase();
      const migration = lower.indexOf('otpauth-migration://');
      const otpauth = lower.indexOf('otpauth://');
      const at = migration !== -1 ? migration : otpauth;
      if (at === -1) {
        result.otherLines.push(index + 1);
        return;
      }
      result.links.push({
        line: index + 1,
        kind: migration !== -1 ? 'migration' : 'otpauth',
        text: line.slice(at),
        prefix: line.slice(0, at).trim(),
      });
    });
  return result;
}

export function prefixWarning(link: TextLink): string {
  return `Line ${link.line} has "${link.prefix}" before the link; it was ignored.`;
}

// Plain otpauth:// lists, one link per line: what Aegis, Ente Auth ("plain text export"), WinAuth,
// KeePassXC and many scripts write. Ente adds a `codeDisplay` parameter holding JSON (pinned,
// trashed, tags); parseOtpUri ignores unknown parameters, and the tags become groups here.
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { placeOf, prefixWarning, readTextLines, textTooLarge } from './text-links';
import type { TextLink, TextLines } from './text-links';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

export const otpauthListImporter: Importer = {
  id: 'otpauth',
  label: 'otpauth:// link list',
  detect(input: ImportInput): Detection {
    const lines = readTextLines(input.bytes);
    if (!lines || lines.links.some((link) => link.kind === 'migration') || looksLikeJson(input)) {
      return { confidence: 0, encrypted: false };
    }
    const links = lines.links.length;
    const others = lines.otherLines.length;
    // A link with text before it may be a field of some other format (CSV, XML): not certain.
    const clean = lines.links.every((link) => !link.prefix);
    if (links > 0 && others === 0 && clean) return { confidence: 2, encrypted: false };
    // Mostly links with a stray line or two; or only comments (an empty list, as
    // extract_otp_secrets treats it): readable, but another format may know better.
    if ((links > 0 && links >= others) || (links === 0 && others === 0 && lines.commentLines > 0)) {
      return { confidence: 1, encrypted: false };
    }
    return { confidence: 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const lines = readTextLines(input.bytes);
    if (!lines) {
      throw (
        textTooLarge(input.fileName, input.bytes) ??
        new ImportError(
          'unsupported',
          `"${input.fileName}" is not a text file, so it cannot be an otpauth:// list.`,
        )
      );
    }
    return readLinkList('otpauth', lines, {
      migration:
        'This is a Google Authenticator export link; import the file as a Google Authenticator export.',
    });
  },
};

/**
 * A text file of links as an importer's result (plain lists, Ente's and Authenticator Plus's
 * decrypted exports, WinAuth's): each otpauth:// link added by `add` (addOtpauthLink unless the
 * format needs its own), each Google export link and each other line skipped with its reason.
 */
export function readLinkList(
  format: string,
  lines: TextLines | undefined,
  options: {
    add?: (collector: EntryCollector, link: TextLink, warnings: string[]) => void;
    /** Why a Google Authenticator export link is skipped. */
    migration?: string;
  } = {},
): ImportResult {
  const collector = new EntryCollector();
  const warnings: string[] = [];
  const add = options.add ?? addOtpauthLink;
  for (const link of lines?.links ?? []) {
    if (link.kind === 'otpauth') add(collector, link, warnings);
    else collector.skip(placeOf(link), options.migration ?? 'This is not an otpauth:// link.');
  }
  for (const line of lines?.otherLines ?? []) {
    collector.skip(`line ${line}`, 'This line is not an otpauth:// link.');
  }
  return { format, entries: collector.entries, skipped: collector.skipped, warnings };
}

/** Adds one otpauth:// line, with Ente's codeDisplay tags as groups; trashed Ente entries skip. */
export function addOtpauthLink(
  collector: EntryCollector,
  link: TextLink,
  warnings: string[],
): void {
  if (link.prefix) warnings.push(prefixWarning(link));
  const display = enteCodeDisplay(link.text);
  if (display?.trashed === true) {
    collector.skip(placeOf(link), "The entry is in Ente Auth's trash.");
    return;
  }
  const tags = Array.isArray(display?.tags)
    ? display.tags.filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '')
    : [];
  collector.addUri(link.text, tags.length > 0 ? { groups: tags } : {}, placeOf(link));
}

/** JSON exports (2FAS, Bitwarden, Proton...) may hold otpauth:// links; they are not lists. */
function looksLikeJson(input: ImportInput): boolean {
  const head = Buffer.from(input.bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return /^\s*[[{]/.test(head);
}

interface EnteCodeDisplay {
  trashed?: unknown;
  tags?: unknown[];
}

function enteCodeDisplay(uri: string): EnteCodeDisplay | undefined {
  const match = /[?&]codeDisplay=([^&#]*)/i.exec(uri);
  if (!match) return undefined;
  try {
    const value: unknown = JSON.parse(decodeURIComponent(match[1]!.replace(/\+/g, ' ')));
    return typeof value === 'object' && value !== null ? (value as EnteCodeDisplay) : undefined;
  } catch {
    return undefined; // A codeDisplay we cannot read changes nothing about the codes.
  }
}

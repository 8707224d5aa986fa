// Where key links come from: arguments, or (kept out of `ps` and the shell history) standard
// input with `-`, or a file with --uri-file FILE; one link a line in both. Each link remembers
// where it came from, so an error in a list of fifty names its line.
import { existsSync } from 'node:fs';
import { OtpError } from '../otp/errors';
import { parseCommandArgs } from './args';
import { displayText } from './display';
import { STDIN, MAX_BYTES, linkLines, readInput } from './input';
import { CliError } from './io';
import type { CliIo } from './io';

export interface Link {
  text: string;
  /** "line 3 of standard input", "argument 2"; prefixed to its errors. */
  where: string;
}

export async function readLinks(
  io: CliIo,
  positionals: string[],
  uriFile: string | undefined,
): Promise<Link[]> {
  const links: Link[] = [];
  const fromList = (bytes: Buffer, source: string) =>
    linkLines(bytes).map(({ text, line }) => ({ text, where: `line ${line} of ${source}` }));
  for (const [index, arg] of positionals.entries()) {
    if (arg === STDIN) {
      const bytes = await readInput(io, STDIN, 'the links', MAX_BYTES.links);
      links.push(...fromList(bytes, 'standard input'));
    } else links.push({ text: arg, where: `argument ${index + 1}` });
  }
  if (uriFile !== undefined) {
    const bytes = await readInput(io, uriFile, 'the links file', MAX_BYTES.links);
    links.push(...fromList(bytes, `"${uriFile}"`));
  }
  return links;
}

/**
 * parse(link.text) for every link, all before anything is done with them (a bad link late in the
 * list changes nothing); a bad one's error says where it is when there is more than one.
 */
export function parseEach<T>(links: Link[], parse: (text: string) => T): T[] {
  return links.map((link) => {
    try {
      return parse(link.text);
    } catch (caught) {
      let error = caught;
      if (error instanceof OtpError && error.code === 'wrong-scheme' && isMigration(link.text)) {
        error = new CliError(
          'this is a Google Authenticator export link: list its accounts with trayotp migration, or add them with trayotp vault add',
        );
      }
      if ((error instanceof OtpError || error instanceof CliError) && links.length > 1) {
        throw new CliError(`${link.where}: ${error.message}`);
      }
      throw error;
    }
  });
}

/**
 * The one link a command that takes a link apart was given (`URI|- [--uri-file FILE] [--json]`:
 * trayotp parse and trayotp migration), decoded, and whether it asked for JSON.
 */
export async function readOneLink<T>(
  args: string[],
  io: CliIo,
  usage: string,
  decode: (text: string) => T,
): Promise<{ value: T; json: boolean }> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, 'uri-file': { type: 'string' } },
    usage,
  );
  const links = await readLinks(io, positionals, values['uri-file']);
  const [value] = links.length === 1 ? parseEach(links, decode) : [];
  if (value === undefined) throw new CliError(`give exactly one URI; usage: ${usage}`);
  return { value, json: values.json === true };
}

const IMAGE_FILE = /\.(png|jpe?g|webp|gif|tiff?|avif|svg|bmp)$/i;

/** A picture given where a link goes: point at the commands that read QR codes. */
export function imageFileHint(text: string): string | undefined {
  if (!IMAGE_FILE.test(text) || !existsSync(text)) return undefined;
  const name = displayText(text);
  return `"${name}" is an image file, not a link: read its QR code with trayotp scan ${name}, or add what it holds with trayotp vault import ${name}`;
}

function isMigration(text: string): boolean {
  return text.trim().toLowerCase().startsWith('otpauth-migration:');
}

// Files and standard input the CLI reads itself: password files, lists of links, images and
// exports. Each is bounded before it is read, and only a regular file (or `-`, standard input)
// is read at all: a FIFO or /dev/zero would hang or fill memory.
import { open } from 'node:fs/promises';
import { MAX_IMPORT_BYTES } from '../importers/budgets';
import { CliError } from './io';
import type { CliIo } from './io';

/** Limits of what the CLI reads, by kind (docs/security.md lists them). */
export const MAX_BYTES = {
  /** A password or passphrase is its file's first line; nobody types 64 KiB. */
  password: 64 * 1024,
  /** A KeePass key file: XML, 32 or 64 bytes, or any file KeePass hashes; 1 MiB is plenty. */
  keyFile: 1024 * 1024,
  /** A list of otpauth:// links, one a line: 1 MiB holds thousands. */
  links: 1024 * 1024,
  /** An image: as the app's file picker (main/platform/dialogs.ts). */
  image: 64 * 1024 * 1024,
  /** A file to import: the importers' own cap. */
  import: MAX_IMPORT_BYTES,
} as const;

/** `-` reads standard input, which can be read once per command. */
export const STDIN = '-';

const stdinTaken = new WeakSet<CliIo>();

/**
 * The bytes of `path` (or standard input for `-`), refusing what is not a regular file or is
 * larger than maxBytes. `what` names it in the message ("password file").
 */
export async function readInput(
  io: CliIo,
  path: string,
  what: string,
  maxBytes: number,
): Promise<Buffer> {
  if (path === STDIN) {
    if (stdinTaken.has(io)) throw new CliError('standard input (-) can be read only once');
    stdinTaken.add(io);
    const bytes = await io.stdin(maxBytes);
    if (bytes.length > maxBytes) throw new CliError(tooLarge(what, path, maxBytes));
    return bytes;
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `${what} "${path}" does not exist`
        : code === 'EISDIR'
          ? `${what} "${path}" is a folder, not a file`
          : `cannot read ${what} "${path}": ${(error as Error).message}`,
    );
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new CliError(`${what} "${path}" is a folder, not a file`);
    if (!info.isFile()) throw new CliError(`${what} "${path}" is not a regular file`);
    if (info.size > maxBytes) throw new CliError(tooLarge(what, path, maxBytes));
    const bytes = await handle.readFile();
    // It may have grown since the stat.
    if (bytes.length > maxBytes) throw new CliError(tooLarge(what, path, maxBytes));
    return bytes;
  } finally {
    await handle.close();
  }
}

export function tooLarge(what: string, path: string, maxBytes: number): string {
  const name = path === STDIN ? `${what} on standard input (-)` : `${what} "${path}"`;
  return `${name} is larger than ${formatBytes(maxBytes)}, more than TrayOTP reads`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/** A password file's first line: editors and `echo` add a final newline; a BOM is not typed. */
export function firstLine(bytes: Buffer): string {
  return (
    bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  );
}

/** The links in a list: one a line, with its line number; blank lines and `#` comments are skipped. */
export function linkLines(bytes: Buffer): { text: string; line: number }[] {
  return bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, index) => ({ text: line.trim(), line: index + 1 }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'));
}

/**
 * process.stdin to the end, or its first bytes past maxBytes: it stops reading there, so an
 * endless stream (`yes |`) costs maxBytes of memory, and the caller sees it is too large.
 */
export async function readProcessStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}

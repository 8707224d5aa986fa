// trayotp import-preview FILE [--format F] [--password-file P] [--json]: what importing a file
// would add, without adding anything: the detected format, the entries, the skipped ones and why.
import { basename } from 'node:path';
import { importFile, importers } from '../../importers';
import type { ImportResult } from '../../importers';
import { parseCommandArgs } from '../args';
import { CliError } from '../io';
import type { CliIo, Command } from '../io';
import { accountJson } from './parse';

const usage = 'trayotp import-preview FILE [--format F] [--password-file P] [--json]';

export const importPreviewCommand: Command = {
  name: 'import-preview',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        json: { type: 'boolean' },
        format: { type: 'string' },
        'password-file': { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`give exactly one FILE; usage: ${usage}`);
    const result = await readImport(io, positionals[0]!, values.format, values['password-file']);
    for (const warning of result.warnings ?? []) io.stderr(`trayotp: warning: ${warning}\n`);
    if (values.json) {
      const preview = {
        format: result.format,
        entries: result.entries.map((entry) => accountJson(entry.account)),
        skipped: result.skipped.map(({ label, reason }) => ({ label, reason })),
      };
      io.stdout(`${JSON.stringify(preview, null, 2)}\n`);
      return;
    }
    io.stdout(`format: ${result.format}\n`);
    for (const { account } of result.entries) {
      io.stdout(`${account.issuer}\t${account.name}\t${account.type}\n`);
    }
    for (const { label, reason } of result.skipped)
      io.stderr(`trayotp: skipped ${label}: ${reason}\n`);
  },
};

/** Reads and imports FILE (shared with `trayotp export --from`). */
export async function readImport(
  io: CliIo,
  file: string,
  format: string | undefined,
  passwordFile: string | undefined,
): Promise<ImportResult> {
  if (format && !importers.some((importer) => importer.id === format)) {
    throw new CliError(
      `unknown --format "${format}"; known formats: ${importers.map((i) => i.id).join(', ')}`,
    );
  }
  const bytes = await readOrFail(io, file, 'file');
  const password =
    passwordFile === undefined
      ? undefined
      : passwordText(await readOrFail(io, passwordFile, 'password file'));
  return importFile(
    { fileName: basename(file), bytes: new Uint8Array(bytes) },
    { ...(format ? { format } : {}), ...(password !== undefined ? { password } : {}) },
  );
}

/** The password is the file's first line: editors and `echo` add a final newline. */
function passwordText(bytes: Buffer): string {
  return (
    bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  );
}

async function readOrFail(io: CliIo, path: string, what: string): Promise<Buffer> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `${what} "${path}" does not exist`
        : `cannot read ${what} "${path}": ${(error as Error).message}`,
    );
  }
}

// trayotp import-preview FILE|- [--format F] [--password-file P] [--key-file K] [--json [--show-secrets]]:
// what
// importing a file would add, without adding anything: the detected format, the entries, the
// skipped ones and why. The JSON masks the secrets unless --show-secrets asks for them. The file is
// recognised and read in the reading worker (main/import-worker), never parsed in this process.
import { basename } from 'node:path';
import { detectForeignFile, readForeignFile } from '../../import-worker/client';
import { ImportError } from '../../importers/errors';
import type { ImportResult } from '../../importers/types';
import { accountJson } from '../account-json';
import { parseCommandArgs } from '../args';
import { displayJson, displayText } from '../display';
import { MAX_BYTES, STDIN, firstLine, readInput } from '../input';
import { CliError } from '../io';
import type { CliIo, Command } from '../io';
import { askForPasswordIfNeeded } from '../import-password';
import { USAGE } from './usage';

const usage = USAGE['import-preview'];

export const importPreviewCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        json: { type: 'boolean' },
        'show-secrets': { type: 'boolean' },
        format: { type: 'string' },
        'password-file': { type: 'string' },
        'key-file': { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`give exactly one FILE; usage: ${usage}`);
    if (values['show-secrets'] && !values.json) {
      throw new CliError('--show-secrets goes with --json (the table shows no secrets)');
    }
    const result = await readImport(io, positionals[0]!, values.format, {
      passwordFile: values['password-file'],
      keyFile: values['key-file'],
    });
    for (const warning of result.warnings ?? [])
      io.stderr(`trayotp: warning: ${displayText(warning)}\n`);
    if (values.json) {
      const showSecret = values['show-secrets'] === true;
      const preview = {
        format: result.format,
        entries: result.entries.map((entry) => accountJson(entry.account, { showSecret })),
        skipped: result.skipped.map(({ label, reason }) => ({ label, reason })),
      };
      io.stdout(`${displayJson(preview)}\n`);
      return;
    }
    io.stdout(`format: ${result.format}\n`);
    for (const { account } of result.entries) {
      io.stdout(`${displayText(account.issuer)}\t${displayText(account.name)}\t${account.type}\n`);
    }
    for (const { label, reason } of result.skipped)
      io.stderr(`trayotp: skipped ${displayText(label)}: ${displayText(reason)}\n`);
  },
};

/** Reads and imports FILE (shared with `trayotp export --from`). */
export async function readImport(
  io: CliIo,
  file: string,
  format: string | undefined,
  secrets: { passwordFile?: string | undefined; keyFile?: string | undefined },
): Promise<ImportResult> {
  const { passwordFile, keyFile } = secrets;
  const fromStdin = [file, passwordFile, keyFile].filter((name) => name === STDIN);
  if (fromStdin.length > 1) {
    throw new CliError(
      'only one of the file, the password and the key file can come from standard input (-)',
    );
  }
  const bytes = await readInput(io, file, 'file', MAX_BYTES.import);
  const password =
    passwordFile === undefined
      ? undefined
      : firstLine(await readInput(io, passwordFile, 'password file', MAX_BYTES.password));
  const keyFileBytes =
    keyFile === undefined ? undefined : await readInput(io, keyFile, 'key file', MAX_BYTES.keyFile);
  const input = { fileName: file === STDIN ? 'standard input' : basename(file), bytes };
  if (format !== undefined) {
    const forced = await namedFormat(input, format);
    if (forced.confidence === 0) {
      // Read anyway, an importer finds nothing and the person sees "0 entries" as success.
      throw new CliError(
        `"${input.fileName}" is not a ${forced.label} file (--format ${format}): ${forced.looksLike}`,
      );
    }
  }
  const read = (secret: string | undefined) =>
    readForeignFile(input, { format, password: secret, keyFile: keyFileBytes });
  if (password !== undefined) return read(password);
  return askForPasswordIfNeeded(io, input.fileName, read);
}

/** How well the file fits --format, asked of the reading worker; an unknown name is the CLI's. */
async function namedFormat(input: { fileName: string; bytes: Uint8Array }, format: string) {
  try {
    return await detectForeignFile(input, format);
  } catch (error) {
    if (error instanceof ImportError && error.code === 'unknown-format') {
      throw new CliError(`unknown --format "${format}"; ${knownFormats(error.message)}`);
    }
    throw error;
  }
}

/** "known formats: a, b, c" from the worker's sentence ("Unknown format "x"; known formats: …."). */
function knownFormats(message: string): string {
  return /known formats: [^.]*/.exec(message)?.[0] ?? message;
}

// trayotp export --from FILE [--password-file P] [--format F] --to FORMAT --out PATH
// [--export-password-file P2]: converts any importable file into an export another app reads
// (until the vault exists, the source is a file). Files are written owner-only and never
// overwrite an existing file.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ENCRYPTED_KINDS,
  EXPORT_KINDS,
  ExportWriteError,
  PLAIN_EXPORT_WARNING,
  exportFiles,
  writeExportFiles,
} from '../../importers/export';
import type { ExportEntry, ExportKind } from '../../importers/export';
import { parseCommandArgs } from '../args';
import { CliError } from '../io';
import type { CliIo, Command } from '../io';
import { readImport } from './import-preview';

const TARGETS = EXPORT_KINDS;
type Target = ExportKind;

const usage =
  'trayotp export --from FILE [--password-file P] [--format F] --to trayotp|aegis|aegis-encrypted|otpauth|google-qr --out PATH [--export-password-file P2]';

export const exportCommand: Command = {
  name: 'export',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        from: { type: 'string' },
        'password-file': { type: 'string' },
        format: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        'export-password-file': { type: 'string' },
      },
      usage,
    );
    if (positionals.length > 0)
      throw new CliError(`unexpected "${positionals[0]}"; usage: ${usage}`);
    const { from, to, out } = values;
    if (!from || !to || !out)
      throw new CliError(`--from, --to and --out are required; usage: ${usage}`);
    if (!(TARGETS as readonly string[]).includes(to)) {
      throw new CliError(`--to must be one of ${TARGETS.join(', ')}, not "${to}"`);
    }
    const exportPassword = await readExportPassword(
      io,
      to as Target,
      values['export-password-file'],
    );

    const source = await readImport(io, from, values.format, values['password-file']);
    for (const { label, reason } of source.skipped) {
      io.stderr(`trayotp: warning: ${label} is not exported: ${reason}\n`);
    }
    const entries: ExportEntry[] = source.entries;
    if (entries.length === 0) throw new CliError(`"${from}" holds no accounts to export`);

    if (to === 'otpauth') io.stderr(`trayotp: warning: ${PLAIN_EXPORT_WARNING}\n`);
    const { files, unsupported } = await exportFiles(to as Target, entries, {
      ...(exportPassword !== undefined && { passphrase: exportPassword }),
      acknowledgeUnencrypted: true,
      clock: { now: () => io.now() * 1000 },
    });
    for (const { account, reason } of unsupported) {
      io.stderr(`trayotp: warning: ${account.issuer || account.name} is not exported: ${reason}\n`);
    }
    // Google's QR codes are several images: --out names a folder for them.
    const target = to === 'google-qr' ? join(out, 'google-authenticator.png') : out;
    if (to === 'google-qr') await mkdir(out, { recursive: true });
    let written: string[];
    try {
      written = await writeExportFiles(target, files);
    } catch (error) {
      if (error instanceof ExportWriteError) throw new CliError(error.message);
      throw error;
    }
    if (to === 'google-qr') {
      for (const path of written) io.stdout(`${path}\n`);
      io.stdout(
        `wrote ${entries.length - unsupported.length} accounts in ${files.length} QR codes\n`,
      );
      return;
    }
    io.stdout(`wrote ${entries.length} accounts to ${out}\n`);
  },
};

async function readExportPassword(
  io: CliIo,
  to: Target,
  file: string | undefined,
): Promise<string | undefined> {
  if (!ENCRYPTED_KINDS.includes(to)) {
    if (file) throw new CliError(`--export-password-file is only for encrypted exports`);
    return undefined;
  }
  if (!file) throw new CliError(`--to ${to} needs --export-password-file P2`);
  let text: string;
  try {
    text = (await io.readFile(file)).toString('utf8');
  } catch {
    throw new CliError(`cannot read the export password file "${file}"`);
  }
  const password = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!password) throw new CliError(`the export password file "${file}" is empty`);
  return password;
}

// trayotp export --from FILE|- [--password-file P] [--key-file K] [--format F] --to FORMAT --out PATH
// [--export-password-file P2]: converts any importable file into an export another app reads
// (until the vault exists, the source is a file). Files are written owner-only and never
// overwrite an existing file; every unencrypted kind (aegis, otpauth, google-qr) is warned about,
// after the output name is known to be free and before anything is written.
import { existsSync } from 'node:fs';
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
import type { ExportEntry, ExportFile, ExportKind } from '../../importers/export';
import { parseCommandArgs } from '../args';
import { displayText } from '../display';
import { MAX_BYTES, STDIN, firstLine, readInput } from '../input';
import { CliError } from '../io';
import type { CliIo, Command } from '../io';
import { plural } from '../plural';
import { readImport } from './import-preview';
import { USAGE } from './usage';

const usage = USAGE.export;

/** Google's QR codes are images: the same warning, for pictures rather than a file. */
const PLAIN_IMAGES_WARNING =
  'these QR images are NOT encrypted: anyone who can see or copy them can copy every account in them. Keep them offline and delete them once scanned.';

export const exportCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        from: { type: 'string' },
        'password-file': { type: 'string' },
        'key-file': { type: 'string' },
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
    if (!(EXPORT_KINDS as readonly string[]).includes(to)) {
      throw new CliError(`--to must be one of ${EXPORT_KINDS.join(', ')}, not "${to}"`);
    }
    const kind = to as ExportKind;
    const toStdout = out === STDIN;
    if (toStdout && kind === 'google-qr') {
      throw new CliError(
        '--to google-qr writes PNG images, which a terminal cannot show: give --out FOLDER',
      );
    }
    if (kind === 'google-qr' && /\.(png|jpe?g|gif|webp)$/i.test(out)) {
      throw new CliError(
        `--to google-qr writes one image per QR code into the folder --out names; "${out}" looks like a file name (try --out ${out.replace(/\.[^.]+$/, '')})`,
      );
    }
    // Google's QR codes are several images: --out names a folder for them.
    const target = kind === 'google-qr' ? join(out, 'google-authenticator.png') : out;
    if (kind !== 'google-qr' && !toStdout && existsSync(out)) {
      throw new CliError(`"${out}" already exists; choose another name`);
    }
    const exportPassword = await readExportPassword(io, kind, values['export-password-file']);

    const source = await readImport(io, from, values.format, {
      passwordFile: values['password-file'],
      keyFile: values['key-file'],
    });
    for (const { label, reason } of source.skipped) {
      io.stderr(
        `trayotp: warning: ${displayText(label)} is not exported: ${displayText(reason)}\n`,
      );
    }
    const entries: ExportEntry[] = source.entries;
    if (entries.length === 0) throw new CliError(`"${from}" holds no accounts to export`);

    const { files, unsupported } = await exportFiles(kind, entries, {
      ...(exportPassword !== undefined && { passphrase: exportPassword }),
      acknowledgeUnencrypted: true,
      clock: { now: () => io.now() * 1000 },
    });
    const taken = toStdout ? undefined : targetNames(target, files).find((n) => existsSync(n));
    if (taken) throw new CliError(`"${taken}" already exists; choose another name`);
    for (const { account, reason } of unsupported) {
      const name = displayText(account.issuer || account.name);
      io.stderr(`trayotp: warning: ${name} is not exported: ${displayText(reason)}\n`);
    }
    if (!ENCRYPTED_KINDS.includes(kind)) {
      const warning = kind === 'google-qr' ? PLAIN_IMAGES_WARNING : PLAIN_EXPORT_WARNING;
      io.stderr(`trayotp: warning: ${warning}\n`);
    }
    if (toStdout) {
      // One text file (JSON or links); the warnings above went to stderr, apart from it.
      for (const file of files) io.stdout(file.bytes.toString('utf8'));
      return;
    }
    if (kind === 'google-qr') await mkdir(out, { recursive: true });
    let written: string[];
    try {
      written = await writeExportFiles(target, files);
    } catch (error) {
      if (error instanceof ExportWriteError) throw new CliError(error.message);
      throw error;
    }
    const count = entries.length - unsupported.length;
    if (kind === 'google-qr') {
      for (const path of written) io.stdout(`${path}\n`);
      io.stdout(`wrote ${plural(count, 'account')} in ${plural(files.length, 'QR code')}\n`);
      return;
    }
    io.stdout(`wrote ${plural(count, 'account')} to ${out}\n`);
  },
};

/** The names writeExportFiles gives the files: the suffix goes before the extension. */
function targetNames(path: string, files: ExportFile[]): string[] {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const [stem, extension] = dot > slash ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  return files.map((file) => `${stem}${file.suffix}${extension}`);
}

async function readExportPassword(
  io: CliIo,
  to: ExportKind,
  file: string | undefined,
): Promise<string | undefined> {
  if (!ENCRYPTED_KINDS.includes(to)) {
    if (file) throw new CliError(`--export-password-file is only for encrypted exports`);
    return undefined;
  }
  if (!file) throw new CliError(`--to ${to} needs --export-password-file P2`);
  const password = firstLine(await readInput(io, file, 'export password file', MAX_BYTES.password));
  if (!password) throw new CliError(`the export password file "${file}" is empty`);
  const { weakPassphraseWarning } = await import('../passphrase-strength');
  const weak = weakPassphraseWarning(password, { noun: 'password', file: 'the export' });
  if (weak) io.stderr(`trayotp: warning: ${weak}\n`);
  return password;
}

// trayotp export --from FILE [--password-file P] [--format F] --to FORMAT --out PATH
// [--export-password-file P2]: converts any importable file into an export another app reads
// (until the vault exists, the source is a file). Files are written owner-only and never
// overwrite an existing file.
import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  PLAIN_EXPORT_WARNING,
  exportAegisEncrypted,
  exportAegisPlain,
  exportGoogleQr,
  exportOtpauthList,
} from '../../importers/export';
import type { ExportEntry } from '../../importers/export';
import { parseCommandArgs } from '../args';
import { CliError } from '../io';
import type { CliIo, Command } from '../io';
import { readImport } from './import-preview';

const TARGETS = ['aegis', 'aegis-encrypted', 'otpauth', 'google-qr'] as const;
type Target = (typeof TARGETS)[number];

const usage =
  'trayotp export --from FILE [--password-file P] [--format F] --to aegis|aegis-encrypted|otpauth|google-qr --out PATH [--export-password-file P2]';

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

    switch (to as Target) {
      case 'aegis':
        await writeNew(out, exportAegisPlain(entries));
        break;
      case 'aegis-encrypted':
        await writeNew(out, await exportAegisEncrypted(entries, exportPassword!));
        break;
      case 'otpauth':
        io.stderr(`trayotp: warning: ${PLAIN_EXPORT_WARNING}\n`);
        await writeNew(out, exportOtpauthList(entries, { acknowledgeUnencrypted: true }));
        break;
      case 'google-qr': {
        const { images, unsupported } = await exportGoogleQr(entries, {
          batchId: randomInt(-(2 ** 31), 2 ** 31),
        });
        for (const { account, reason } of unsupported) {
          io.stderr(
            `trayotp: warning: ${account.issuer || account.name} is not exported: ${reason}\n`,
          );
        }
        await mkdir(out, { recursive: true });
        for (const image of images) {
          const path = join(out, `google-authenticator-${image.index}-of-${image.count}.png`);
          await writeNew(path, image.png);
          io.stdout(`${path}\n`);
        }
        io.stdout(
          `wrote ${entries.length - unsupported.length} accounts in ${images.length} QR codes\n`,
        );
        return;
      }
    }
    io.stdout(`wrote ${entries.length} accounts to ${out}\n`);
  },
};

async function readExportPassword(
  io: CliIo,
  to: Target,
  file: string | undefined,
): Promise<string | undefined> {
  if (to !== 'aegis-encrypted') {
    if (file) throw new CliError(`--export-password-file is only for --to aegis-encrypted`);
    return undefined;
  }
  if (!file) throw new CliError('--to aegis-encrypted needs --export-password-file P2');
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

/** Owner-only, and never over an existing file (it may be someone's only backup). */
async function writeNew(path: string, data: string | Buffer): Promise<void> {
  try {
    await writeFile(path, data, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`"${path}" already exists; choose another --out`);
    throw new CliError(`cannot write "${path}": ${(error as Error).message}`);
  }
}

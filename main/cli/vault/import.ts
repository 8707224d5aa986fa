// trayotp vault import FILE [--format F] [--password-file P] [--key-file K] [--yes]: another
// app's export into the vault, with no unencrypted file in between. It shows what it will add
// (labels and kinds, never secrets), asks at a terminal unless --yes, and adds in one save;
// accounts the vault already has are skipped and counted.
import { displayText } from '../display';
import { plural } from '../plural';
import { CliError } from '../io';
import type { CliIo } from '../io';
import { readImport } from '../commands/import-preview';
import type { ImportResult } from '../../importers/types';
import type { Vault } from '../../vault';
import { label } from './accounts';
import { addBatch } from './batch';

export interface ImportOptions {
  file: string;
  format: string | undefined;
  passwordFile: string | undefined;
  keyFile: string | undefined;
  yes: boolean;
  allowDuplicate: boolean;
}

/** Reads FILE before the vault is opened: a bad file costs no key derivation. */
export async function readForImport(io: CliIo, options: ImportOptions): Promise<ImportResult> {
  const result = await readImport(io, options.file, options.format, {
    passwordFile: options.passwordFile,
    keyFile: options.keyFile,
  });
  for (const warning of result.warnings ?? [])
    io.stderr(`trayotp: warning: ${displayText(warning)}\n`);
  for (const { label: name, reason } of result.skipped)
    io.stderr(`trayotp: cannot import ${displayText(name)}: ${displayText(reason)}\n`);
  if (result.entries.length === 0) {
    throw new CliError(`"${options.file}" holds no accounts TrayOTP can import; nothing was added`);
  }
  io.stdout(`${result.format}: ${plural(result.entries.length, 'account')} to import\n`);
  for (const { account } of result.entries) {
    io.stdout(`  ${displayText(label(account))} (${account.type}, secret hidden)\n`);
  }
  if (!options.yes) await confirm(io, result.entries.length);
  return result;
}

export async function importInto(
  io: CliIo,
  vault: Vault,
  result: ImportResult,
  options: ImportOptions,
): Promise<void> {
  const { added, skipped } = await addBatch(io, vault, result.entries, options.allowDuplicate);
  io.stdout(`imported ${plural(added, 'account')}${skipped ? `, skipped ${skipped}` : ''}\n`);
}

async function confirm(io: CliIo, count: number): Promise<void> {
  if (!io.prompt) {
    throw new CliError(
      'nothing was imported: check the list above, then run the same command with --yes',
    );
  }
  const answer = await io.prompt.ask(`Add ${count === 1 ? 'it' : 'them'} to the vault? [y/N] `, {
    hidden: false,
  });
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('nothing was imported');
}

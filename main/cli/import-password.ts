// An encrypted file read without --password-file: asked for at a terminal, else one line in the
// terminal's words (the importers' own sentence is the window's, "enter its password").
import { ImportError } from '../importers/errors';
import type { ImportResult } from '../importers/types';
import { displayText } from './display';
import { CliError } from './io';
import type { CliIo } from './io';
import { PASSPHRASE_ENV } from './passphrase';

export async function askForPasswordIfNeeded(
  io: CliIo,
  fileName: string,
  read: (password: string | undefined) => Promise<ImportResult>,
): Promise<ImportResult> {
  try {
    return await read(undefined);
  } catch (error) {
    if (!(error instanceof ImportError) || error.code !== 'password-required') throw error;
    const what = error.message.replace(/[;:]\s*enter\b.*$/s, '');
    // A TrayOTP vault or backup opens with the vault passphrase, wherever the vault's comes from.
    const vaultPassphrase = io.env[PASSPHRASE_ENV];
    if (what.startsWith('This TrayOTP') && vaultPassphrase !== undefined) {
      return read(vaultPassphrase);
    }
    if (!io.prompt) {
      throw new CliError(
        `${what}: give its password with --password-file FILE (its first line; - for standard input)`,
      );
    }
    const password = await io.prompt.ask(`Password for ${displayText(fileName)}: `, {
      hidden: true,
    });
    return read(password);
  }
}

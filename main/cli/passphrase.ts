// Where a vault passphrase comes from, in this order: --passphrase-file FILE (`-` for standard
// input), TRAYOTP_PASSPHRASE, then a hidden prompt when a person is at a terminal. Never from an
// argument: it would sit in `ps` and the shell history.
import { MAX_BYTES, readInput } from './input';
import { CliError } from './io';
import type { CliIo } from './io';

export const PASSPHRASE_ENV = 'TRAYOTP_PASSPHRASE';

export interface PassphraseSource {
  file?: string | undefined;
  /** Ask twice at a terminal (a new vault: a typo would lock the person out). */
  confirm?: boolean;
  /** What the passphrase opens, for the prompt ("the vault ~/x.trayotp"). */
  what: string;
}

export async function readPassphrase(io: CliIo, source: PassphraseSource): Promise<string> {
  if (source.file !== undefined) {
    const bytes = await readInput(io, source.file, 'passphrase file', MAX_BYTES.password);
    // One trailing newline is the editor's, not the passphrase's.
    return bytes.toString('utf8').replace(/\r?\n$/, '');
  }
  const fromEnv = io.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (!io.prompt) {
    throw new CliError(
      `no passphrase for ${source.what}: set ${PASSPHRASE_ENV}, give --passphrase-file FILE (- for standard input), or run this in a terminal to be asked`,
    );
  }
  const first = await io.prompt.ask(`Passphrase for ${source.what}: `, { hidden: true });
  if (!source.confirm) return first;
  if (first === '') throw new CliError('the passphrase is empty; nothing was created');
  const again = await io.prompt.ask('The same passphrase again: ', { hidden: true });
  if (again !== first) throw new CliError('the two passphrases differ; nothing was created');
  return first;
}

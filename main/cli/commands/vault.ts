// trayotp vault init|add|list|code|export … --vault PATH: passphrase vaults from the command line
// (the keychain needs Electron, so the CLI uses the passphrase slot only). The passphrase comes
// from TRAYOTP_PASSPHRASE or --passphrase-file, never from an argument (it would sit in `ps` and
// the shell history).
import { formatOtpUri, parseOtpUri } from '../../otp';
import {
  entryAccount,
  listBackups,
  Vault,
  VaultError,
  VaultFormatError,
  VaultIntegrityError,
} from '../../vault';
import type { Entry } from '../../vault';
import { parseCommandArgs, parseUnixSeconds } from '../args';
import { CliError } from '../io';
import type { CliIo, Command } from '../io';

const usage =
  'trayotp vault init|add URI...|list [--json]|code NAME [--at UNIX_SECONDS]|export --plaintext --vault PATH [--passphrase-file FILE]';

const options = {
  vault: { type: 'string' },
  'passphrase-file': { type: 'string' },
  json: { type: 'boolean' },
  at: { type: 'string' },
  plaintext: { type: 'boolean' },
} as const;

export const vaultCommand: Command = {
  name: 'vault',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, usage);
    const [action, ...rest] = positionals;
    const path = values.vault;
    if (!path) throw new CliError(`--vault PATH is required; usage: ${usage}`);
    const at = values.at === undefined ? undefined : parseUnixSeconds(values.at, '--at');
    const clock = { now: () => (at ?? io.now()) * 1000 };
    try {
      switch (action) {
        case 'init': {
          noArguments(rest, 'init');
          await Vault.create(path, { clock, passphrase: await passphrase(io, values) });
          io.stdout(`created ${path}\n`);
          return;
        }
        case 'add': {
          if (rest.length === 0) throw new CliError('give at least one otpauth:// URI to add');
          // Parse all first, so a bad URI late in the list adds nothing.
          const parsed = rest.map((uri) => parseOtpUri(uri));
          const vault = await unlocked(path, clock, io, values);
          for (const { account, warnings } of parsed) {
            for (const warning of warnings) io.stderr(`trayotp: warning: ${warning}\n`);
            await vault.add(account);
            io.stdout(`added ${label(account)}\n`);
          }
          return;
        }
        case 'list': {
          noArguments(rest, 'list');
          const vault = await unlocked(path, clock, io, values);
          if (values.json) {
            io.stdout(`${JSON.stringify(vault.entries.map(withoutSecret), null, 2)}\n`);
          } else {
            for (const entry of vault.entries) io.stdout(`${label(entry)} (${entry.type})\n`);
          }
          return;
        }
        case 'code': {
          if (rest.length !== 1) throw new CliError('give exactly one account NAME');
          if (at !== undefined && at < 0) throw new CliError('--at must not be before 1970');
          const vault = await unlocked(path, clock, io, values);
          const entry = find(vault.entries, rest[0]!);
          // HOTP: Vault.code advances the counter and saves before it returns the code.
          io.stdout(`${await vault.code(entry.id)}\n`);
          return;
        }
        case 'export': {
          noArguments(rest, 'export');
          if (!values.plaintext) {
            throw new CliError(
              'export prints every secret unencrypted; add --plaintext to confirm you want that',
            );
          }
          const vault = await unlocked(path, clock, io, values);
          io.stderr('trayotp: warning: the otpauth:// links below are your secrets, unencrypted\n');
          for (const entry of vault.entries) io.stdout(`${formatOtpUri(entryAccount(entry))}\n`);
          return;
        }
        default:
          throw new CliError(
            `unknown vault action "${action ?? ''}"; try: init, add, list, code, export`,
          );
      }
    } catch (error) {
      if (error instanceof VaultError) throw await cliError(error, path);
      throw error;
    }
  },
};

async function unlocked(
  path: string,
  clock: { now(): number },
  io: CliIo,
  values: { 'passphrase-file'?: string | undefined },
): Promise<Vault> {
  const vault = await Vault.open(path, { clock });
  await vault.unlock({ passphrase: await passphrase(io, values) });
  return vault;
}

async function passphrase(
  io: CliIo,
  values: { 'passphrase-file'?: string | undefined },
): Promise<string> {
  const file = values['passphrase-file'];
  if (file !== undefined) {
    let text: string;
    try {
      text = (await io.readFile(file)).toString('utf8');
    } catch {
      throw new CliError(`cannot read the passphrase file ${file}`);
    }
    // One trailing newline is the editor's, not the passphrase's.
    return text.replace(/\r?\n$/, '');
  }
  const fromEnv = io.env.TRAYOTP_PASSPHRASE;
  if (fromEnv === undefined) {
    throw new CliError('no passphrase: set TRAYOTP_PASSPHRASE or give --passphrase-file FILE');
  }
  return fromEnv;
}

function noArguments(rest: string[], action: string): void {
  if (rest.length > 0) throw new CliError(`vault ${action} takes no arguments, not "${rest[0]}"`);
}

function label(account: { issuer: string; name: string }): string {
  return account.issuer ? `${account.issuer}:${account.name}` : account.name;
}

/** What `list --json` prints: everything but the secret (and the icon, which is bulky). */
function withoutSecret(entry: Entry) {
  return Object.fromEntries(
    Object.entries(entry).filter(([key]) => key !== 'secret' && key !== 'icon'),
  );
}

/** By id, else by issuer:name, else by name or issuer alone; case-insensitive; one match only. */
function find(entries: readonly Entry[], query: string): Entry {
  const q = query.toLowerCase();
  const tiers = [
    entries.filter((e) => e.id === query),
    entries.filter((e) => label(e).toLowerCase() === q),
    entries.filter((e) => e.name.toLowerCase() === q || e.issuer.toLowerCase() === q),
  ];
  const matches = tiers.find((tier) => tier.length > 0) ?? [];
  if (matches.length === 0) {
    throw new CliError(`no account matches "${query}"; see trayotp vault list`);
  }
  if (matches.length > 1) {
    throw new CliError(
      `"${query}" matches ${matches.length} accounts (${matches.map(label).join(', ')}); use ISSUER:NAME or the id from vault list --json`,
    );
  }
  return matches[0]!;
}

/** The vault's sentence as one CLI line; for a damaged file, which backup to restore. */
async function cliError(error: VaultError, path: string): Promise<CliError> {
  let message = error.message.charAt(0).toLowerCase() + error.message.slice(1);
  if (error instanceof VaultIntegrityError || error instanceof VaultFormatError) {
    const newest = (await listBackups(path)).find((backup) => backup.problem === undefined);
    if (newest) message += ` The newest good backup is ${newest.path} (saved ${newest.savedAt}).`;
  }
  return new CliError(message);
}

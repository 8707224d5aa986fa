// trayotp vault init|add|list|code|rename|remove|export … --vault PATH: passphrase vaults from the
// command line (the keychain needs Electron, so the CLI uses the passphrase slot only). The
// passphrase comes from TRAYOTP_PASSPHRASE or --passphrase-file (`-` for standard input), never
// from an argument (it would sit in `ps` and the shell history); links may come from standard
// input or --uri-file for the same reason.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sameAccount } from '../../otp/account';
import type { Account } from '../../otp/account';
import { formatOtpUri, parseOtpUri } from '../../otp/uri';
import {
  entryAccount,
  listBackups,
  Vault,
  VaultError,
  VaultFormatError,
  VaultIntegrityError,
} from '../../vault';
import type { Entry } from '../../vault';
import { parseCommandArgs, parseOffsetSeconds, parseUnixSeconds } from '../args';
import { displayJson, displayText } from '../display';
import { MAX_BYTES, readInput } from '../input';
import { CliError } from '../io';
import type { CliIo, Command } from '../io';
import { readLinks } from '../links';
import { USAGE } from './usage';

const usage = USAGE.vault;
const ACTIONS = 'init, add, list, code, rename, remove, export';

const options = {
  vault: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'uri-file': { type: 'string' },
  'allow-duplicate': { type: 'boolean' },
  json: { type: 'boolean' },
  at: { type: 'string' },
  offset: { type: 'string' },
  plaintext: { type: 'boolean' },
} as const;

type Values = { 'passphrase-file'?: string | undefined };

export const vaultCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, usage);
    const [action, ...rest] = positionals;
    const path = values.vault;
    if (!path) throw new CliError(`--vault PATH is required; usage: ${usage}`);
    const at = values.at === undefined ? undefined : parseUnixSeconds(values.at, '--at');
    // --offset corrects the time of `vault code` only: other actions record times, not codes.
    if (values.offset !== undefined && action !== 'code') {
      throw new CliError('--offset goes with `vault code` only');
    }
    const offset = values.offset === undefined ? 0 : parseOffsetSeconds(values.offset);
    const clock = { now: () => ((at ?? io.now()) + offset) * 1000 };
    const open = () => unlocked(path, clock, io, values);
    try {
      switch (action) {
        case 'init': {
          noArguments(rest, 'init');
          const folder = dirname(path);
          if (!existsSync(folder)) {
            throw new CliError(`the folder ${folder} does not exist; create it first`);
          }
          const secret = await passphrase(io, values);
          const { weakPassphraseWarning } = await import('../passphrase-strength');
          const weak = weakPassphraseWarning(secret, {
            noun: 'passphrase',
            file: 'the vault file',
          });
          if (weak) io.stderr(`trayotp: warning: ${weak}\n`);
          const vault = await Vault.create(path, { clock, passphrase: secret });
          io.stdout(`created ${path}\n`);
          warnAboutBackup(io, vault);
          return;
        }
        case 'add': {
          const links = await readLinks(io, rest, values['uri-file']);
          if (links.length === 0) throw new CliError('give at least one otpauth:// URI to add');
          // Parse all first, so a bad URI late in the list adds nothing.
          const parsed = links.map((uri) => parseOtpUri(uri));
          const vault = await open();
          if (!values['allow-duplicate']) refuseDuplicates(vault.entries, parsed);
          for (const { account, warnings } of parsed) {
            for (const warning of warnings)
              io.stderr(`trayotp: warning: ${displayText(warning)}\n`);
            const entry = await vault.add(account);
            io.stdout(`added ${displayText(label(entry))} (id ${entry.id})\n`);
            warnAboutBackup(io, vault);
          }
          return;
        }
        case 'list': {
          noArguments(rest, 'list');
          const vault = await open();
          if (values.json) {
            io.stdout(`${displayJson(vault.entries.map(withoutSecret))}\n`);
          } else {
            for (const entry of vault.entries) {
              io.stdout(`${displayText(label(entry))} (${entry.type}) id ${entry.id}\n`);
            }
          }
          return;
        }
        case 'code': {
          if (rest.length !== 1) throw new CliError('give exactly one account (name or id)');
          if (at !== undefined && at < 0) throw new CliError('--at must not be before 1970');
          if (clock.now() < 0) throw new CliError('--at with --offset must not be before 1970');
          const vault = await open();
          const entry = find(vault.entries, rest[0]!);
          // HOTP: Vault.code advances the counter and saves before it returns the code.
          io.stdout(`${await vault.code(entry.id)}\n`);
          if (entry.type === 'hotp') warnAboutBackup(io, vault);
          return;
        }
        case 'rename': {
          if (rest.length !== 2)
            throw new CliError('give the account (name or id) and its new name');
          const vault = await open();
          const entry = find(vault.entries, rest[0]!);
          const renamed = await vault.update(entry.id, newName(entry, rest[1]!));
          io.stdout(
            `renamed ${displayText(label(entry))} to ${displayText(label(renamed))} (id ${entry.id})\n`,
          );
          warnAboutBackup(io, vault);
          return;
        }
        case 'remove': {
          if (rest.length !== 1) throw new CliError('give exactly one account (name or id)');
          const vault = await open();
          const entry = find(vault.entries, rest[0]!);
          await vault.remove(entry.id);
          io.stdout(`removed ${displayText(label(entry))} (id ${entry.id})\n`);
          warnAboutBackup(io, vault);
          return;
        }
        case 'export': {
          noArguments(rest, 'export');
          if (!values.plaintext) {
            throw new CliError(
              'export prints every secret unencrypted; add --plaintext to confirm you want that',
            );
          }
          const vault = await open();
          io.stderr('trayotp: warning: the otpauth:// links below are your secrets, unencrypted\n');
          for (const entry of vault.entries) io.stdout(`${formatOtpUri(entryAccount(entry))}\n`);
          return;
        }
        default:
          throw new CliError(`unknown vault action "${action ?? ''}"; try: ${ACTIONS}`);
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
  values: Values,
): Promise<Vault> {
  const vault = await Vault.open(path, { clock });
  warnAboutRollback(io, vault);
  await vault.unlock({ passphrase: await passphrase(io, values) });
  return vault;
}

async function passphrase(io: CliIo, values: Values): Promise<string> {
  const file = values['passphrase-file'];
  if (file !== undefined) {
    const text = (await readInput(io, file, 'passphrase file', MAX_BYTES.password)).toString(
      'utf8',
    );
    // One trailing newline is the editor's, not the passphrase's.
    return text.replace(/\r?\n$/, '');
  }
  const fromEnv = io.env.TRAYOTP_PASSPHRASE;
  if (fromEnv === undefined) {
    throw new CliError('no passphrase: set TRAYOTP_PASSPHRASE or give --passphrase-file FILE');
  }
  return fromEnv;
}

/** A save went through but its backup did not: the person should know before they need it. */
function warnAboutBackup(io: CliIo, vault: Vault): void {
  const report = vault.lastBackup;
  if (report && !report.ok) {
    io.stderr(
      `trayotp: warning: the change is saved, but its backup ${report.path} could not be written (${displayText(report.problem)}); check that folder\n`,
    );
  }
}

/** The file is older than its newest backup: a sync tool or a copy may have put it back. */
function warnAboutRollback(io: CliIo, vault: Vault): void {
  const rollback = vault.rollback;
  if (!rollback) return;
  io.stderr(
    `trayotp: warning: ${vault.path} (revision ${rollback.vaultRevision}) is older than its backup ${rollback.backupPath} (revision ${rollback.backupRevision}); something put an old copy back. To restore the newer one, copy that backup over the vault file; a change saved now would build on the older one.\n`,
  );
}

function noArguments(rest: string[], action: string): void {
  if (rest.length > 0) throw new CliError(`vault ${action} takes no arguments, not "${rest[0]}"`);
}

function label(account: { issuer: string; name: string }): string {
  return account.issuer ? `${account.issuer}:${account.name}` : account.name;
}

/** NEW_NAME is ISSUER:NAME, or a NAME alone that keeps the issuer. */
function newName(entry: Entry, text: string): { issuer: string; name: string } {
  const colon = text.indexOf(':');
  const [issuer, name] =
    colon === -1 ? [entry.issuer, text] : [text.slice(0, colon), text.slice(colon + 1)];
  if (!name.trim()) throw new CliError(`the new name "${text}" has no account name`);
  return { issuer: issuer.trim(), name: name.trim() };
}

/** An exact copy of an account already in the vault (or given twice) is refused. */
function refuseDuplicates(entries: readonly Entry[], parsed: { account: Account }[]): void {
  const seen: Account[] = entries.map(entryAccount);
  for (const { account } of parsed) {
    if (seen.some((other) => sameAccount(other, account))) {
      throw new CliError(
        `${label(account)} is already in the vault with the same secret; nothing was added (add --allow-duplicate to add it again)`,
      );
    }
    seen.push(account);
  }
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
    const labels = new Set(matches.map((e) => label(e).toLowerCase()));
    // Different labels: the full ISSUER:NAME picks one. The same label: only the id can.
    const how =
      labels.size === matches.length
        ? 'use ISSUER:NAME or the id'
        : 'they share that name, so give the id';
    const list = matches.map((e) => `${label(e)} id ${e.id}`).join(', ');
    throw new CliError(`"${query}" matches ${matches.length} accounts (${list}); ${how}`);
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

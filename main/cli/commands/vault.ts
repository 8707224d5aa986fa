// trayotp vault ACTION …: TrayOTP's vault from the command line. Without --vault it is the app's
// own vault (./vault/app-vault.ts says where). The keychain needs Electron, so the command line
// opens the passphrase slot only: from --passphrase-file, TRAYOTP_PASSPHRASE, or a hidden prompt
// at a terminal (./passphrase.ts); links may come from standard input or --uri-file so no secret
// sits in `ps` or the shell history.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeMigrationUri, isMigrationUri } from '../../otp/migration';
import { formatOtpUri, parseOtpUri } from '../../otp/uri';
import { entryAccount, Vault, VaultError } from '../../vault';
import type { ImportedEntry } from '../../importers/types';
import { parseCommandArgs, parseOffsetSeconds, parseUnixSeconds } from '../args';
import { displayJson, displayText } from '../display';
import { CliError } from '../io';
import type { Command } from '../io';
import { imageFileHint, parseEach, readLinks } from '../links';
import { readPassphrase } from '../passphrase';
import { find, label, newName, withoutSecret } from '../vault/accounts';
import { vaultTarget } from '../vault/app-vault';
import { addBatch } from '../vault/batch';
import { importInto, readForImport } from '../vault/import';
import { cliError, describeTarget, openVault, warnAboutBackup } from '../vault/open';
import type { VaultTarget } from '../vault/open';
import { VAULT_ACTIONS } from './usage';

const options = {
  vault: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'uri-file': { type: 'string' },
  'allow-duplicate': { type: 'boolean' },
  json: { type: 'boolean' },
  at: { type: 'string' },
  offset: { type: 'string' },
  plaintext: { type: 'boolean' },
  format: { type: 'string' },
  'password-file': { type: 'string' },
  'key-file': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
} as const;

const USAGE_LINE = 'trayotp vault ACTION [--vault PATH] (trayotp help vault lists the actions)';

export const vaultCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, USAGE_LINE);
    const [action, ...rest] = positionals;
    const target: VaultTarget = vaultTarget(values.vault, io.env);
    const at = values.at === undefined ? undefined : parseUnixSeconds(values.at, '--at');
    // --offset corrects the time of `vault code` only: other actions record times, not codes.
    if (values.offset !== undefined && action !== 'code') {
      throw new CliError('--offset goes with `vault code` only');
    }
    const offset = values.offset === undefined ? 0 : parseOffsetSeconds(values.offset);
    const clock = { now: () => ((at ?? io.now()) + offset) * 1000 };
    const open = () => openVault(io, target, clock, values['passphrase-file']);
    try {
      switch (action) {
        case 'init': {
          noArguments(rest, 'init');
          // Checked before the passphrase and the key derivation (seconds of work for nothing).
          if (existsSync(target.path)) {
            throw new CliError(`${describeTarget(target)} already exists; nothing was changed`);
          }
          const folder = dirname(target.path);
          // The app's own data folder is made as the app makes it; a folder the person named
          // must exist (a typo should not create a tree of folders).
          if (!target.named) await mkdir(folder, { recursive: true, mode: 0o700 });
          else if (!existsSync(folder)) {
            throw new CliError(`the folder ${folder} does not exist; create it first`);
          }
          const secret = await readPassphrase(io, {
            file: values['passphrase-file'],
            confirm: true,
            what: `the new vault ${target.path}`,
          });
          const { weakPassphraseWarning } = await import('../passphrase-strength');
          const weak = weakPassphraseWarning(secret, {
            noun: 'passphrase',
            file: 'the vault file',
          });
          if (weak) io.stderr(`trayotp: warning: ${weak}\n`);
          const vault = await Vault.create(target.path, { clock, passphrase: secret });
          io.stdout(`created ${target.path}\n`);
          warnAboutBackup(io, vault);
          return;
        }
        case 'add': {
          const links = await readLinks(io, rest, values['uri-file']);
          if (links.length === 0) throw new CliError('give at least one otpauth:// URI to add');
          // Parse all first, so a bad URI late in the list adds nothing.
          const parsed = parseEach(links, linkEntries);
          const entries = parsed.flatMap((p) => p.entries);
          for (const { label: name, reason } of parsed.flatMap((p) => p.skipped))
            io.stderr(`trayotp: cannot add ${displayText(name)}: ${displayText(reason)}\n`);
          if (entries.length === 0) throw new CliError('none of the links holds an account to add');
          for (const { warnings } of entries)
            for (const warning of warnings)
              io.stderr(`trayotp: warning: ${displayText(warning)}\n`);
          const vault = await open();
          await addBatch(io, vault, entries, values['allow-duplicate'] === true);
          return;
        }
        case 'import': {
          if (rest.length !== 1) throw new CliError('give exactly one FILE to import');
          const importOptions = {
            file: rest[0]!,
            format: values.format,
            passwordFile: values['password-file'],
            keyFile: values['key-file'],
            yes: values.yes === true,
            allowDuplicate: values['allow-duplicate'] === true,
          };
          const read = await readForImport(io, importOptions);
          await importInto(io, await open(), read, importOptions);
          return;
        }
        case 'list': {
          noArguments(rest, 'list');
          const vault = await open();
          if (values.json) {
            io.stdout(`${displayJson(vault.entries.map(withoutSecret))}\n`);
          } else if (vault.entries.length === 0) {
            io.stderr(
              'trayotp: the vault holds no accounts yet; add some with trayotp vault add or trayotp vault import\n',
            );
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
        case undefined:
          throw new CliError(`give an action: ${VAULT_ACTIONS}; see trayotp help vault`);
        default:
          throw new CliError(
            `unknown vault action "${action}"; the actions are ${VAULT_ACTIONS} (trayotp help vault)`,
          );
      }
    } catch (error) {
      if (error instanceof VaultError) throw await cliError(error, target);
      throw error;
    }
  },
};

/** An otpauth:// link is one account; a Google Authenticator export link holds several. */
function linkEntries(text: string): {
  entries: ImportedEntry[];
  skipped: { label: string; reason: string }[];
} {
  const image = imageFileHint(text);
  if (image) throw new CliError(image);
  if (isMigrationUri(text)) {
    const decoded = decodeMigrationUri(text);
    const entries = decoded.accounts.map(({ account, warnings }) => ({ account, warnings }));
    return { entries, skipped: decoded.skipped };
  }
  if (/^[a-z2-7=\s]{16,}$/i.test(text)) {
    throw new CliError(
      'this looks like a bare secret; vault add needs a link that names the account, e.g. otpauth://totp/ISSUER:NAME?secret=SECRET',
    );
  }
  const { account, warnings } = parseOtpUri(text);
  return { entries: [{ account, warnings }], skipped: [] };
}

function noArguments(rest: string[], action: string): void {
  if (rest.length > 0) throw new CliError(`vault ${action} takes no arguments, not "${rest[0]}"`);
}

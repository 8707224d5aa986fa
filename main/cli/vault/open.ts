// Opening the vault for one command: the file, its passphrase, and the warnings a person must
// see on the way (an old copy put back, a backup that could not be written). Vault errors become
// one terminal line, with the way forward where there is one.
import { existsSync } from 'node:fs';
import type { VaultError } from '../../vault';
import {
  listBackups,
  Vault,
  VaultFormatError,
  VaultIntegrityError,
  VaultUsageError,
} from '../../vault';
import { displayText } from '../display';
import { CliError } from '../io';
import type { CliIo } from '../io';
import { readPassphrase } from '../passphrase';

export interface VaultTarget {
  path: string;
  /** Whether the person named it (--vault) or it is the app's own vault. */
  named: boolean;
}

export function describeTarget(target: VaultTarget): string {
  return target.named ? `the vault ${target.path}` : `TrayOTP's vault (${target.path})`;
}

export async function openVault(
  io: CliIo,
  target: VaultTarget,
  clock: { now(): number },
  passphraseFile: string | undefined,
): Promise<Vault> {
  if (!existsSync(target.path)) {
    throw new CliError(
      target.named
        ? `there is no vault at ${target.path}; make one with trayotp vault init --vault ${target.path}`
        : `TrayOTP has no vault yet at ${target.path}: start the app once, or make one here with trayotp vault init (or give --vault PATH)`,
    );
  }
  const vault = await Vault.open(target.path, { clock });
  warnAboutRollback(io, vault);
  if (!vault.slots.passphrase) {
    // Checked before asking: a person should not type a passphrase the vault cannot take.
    throw new CliError(keychainOnly(target));
  }
  await vault.unlock({
    passphrase: await readPassphrase(io, { file: passphraseFile, what: describeTarget(target) }),
  });
  return vault;
}

function keychainOnly(target: VaultTarget): string {
  return `${describeTarget(target)} has no passphrase: it opens only with the system keychain, which the command line cannot use. In TrayOTP, Settings → Passphrase, set one; the command line then opens it with that passphrase`;
}

/** A save went through but its backup did not: the person should know before they need it. */
export function warnAboutBackup(io: CliIo, vault: Vault): void {
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

/** The vault's sentence as one CLI line; for a damaged file, which backup to restore. */
export async function cliError(error: VaultError, target: VaultTarget): Promise<CliError> {
  if (error instanceof VaultUsageError && error.code === 'no-passphrase-slot') {
    return new CliError(keychainOnly(target));
  }
  let message = error.message.charAt(0).toLowerCase() + error.message.slice(1);
  if (error instanceof VaultIntegrityError || error instanceof VaultFormatError) {
    const newest = (await listBackups(target.path)).find((backup) => backup.problem === undefined);
    if (newest) message += ` The newest good backup is ${newest.path} (saved ${newest.savedAt}).`;
  }
  return new CliError(message);
}

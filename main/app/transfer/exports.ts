// Moving out: the vault written as a TrayOTP backup, an Aegis file (plain or encrypted), Google
// Authenticator QR codes or a plain otpauth list, to a path the person picks. Plain exports hold
// every secret in the clear, so they need the person's explicit acknowledgement.
import { ENCRYPTED_KINDS } from '../../../preload/views/export-kind';
import type { ExportKind } from '../../../preload/views/export-kind';
import { exportFiles, writeExportFiles } from '../../importers/export';
import { entryAccount } from '../../vault';
import type { KdfChoice } from '../../vault';
import type { Clock } from '../../time/clock';
import type { FileDialogs } from '../ports/dialogs';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { sortedEntries } from '../accounts/views';

/** The name the save dialog suggests for each kind. */
const FILE_NAMES: Record<ExportKind, string> = {
  trayotp: 'trayotp-backup.trayotp',
  aegis: 'aegis-export-plain.json',
  'aegis-encrypted': 'aegis-export.json',
  'google-qr': 'google-authenticator-export.png',
  otpauth: 'otpauth-links.txt',
};

export interface ExportsDeps {
  session: VaultSession;
  clock: Clock;
  dialogs: FileDialogs;
  /** KDF parameters for encrypted exports (tests pass cheap ones). */
  kdf?: KdfChoice;
}

export class Exports {
  constructor(private readonly deps: ExportsDeps) {}

  async export(
    kind: ExportKind,
    options: { passphrase?: string; acknowledgeUnencrypted?: boolean },
  ): Promise<{ path: string } | null> {
    const vault = this.deps.session.unlocked();
    if (kind === 'otpauth' && !options.acknowledgeUnencrypted) {
      throw new AppError(
        'unencrypted-export',
        'A plain otpauth list holds every secret unencrypted; confirm that you understand before exporting.',
      );
    }
    if (ENCRYPTED_KINDS.includes(kind) && !options.passphrase) {
      throw new AppError('passphrase-required', 'Choose a passphrase for the encrypted export.');
    }
    const path = await this.deps.dialogs.pickSavePath(FILE_NAMES[kind]);
    if (!path) return null;
    const entries = sortedEntries(vault.entries).map((entry) => ({
      account: entryAccount(entry),
      groups: entry.tags,
    }));
    const { files } = await exportFiles(kind, entries, {
      ...(options.passphrase !== undefined && { passphrase: options.passphrase }),
      acknowledgeUnencrypted: options.acknowledgeUnencrypted === true,
      clock: this.deps.clock,
      ...(this.deps.kdf && { kdf: this.deps.kdf }),
    });
    const written = await writeExportFiles(path, files);
    return { path: written[0]! };
  }
}

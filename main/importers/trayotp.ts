// TrayOTP's own encrypted backup (and a vault file that has a passphrase slot): the vault
// format, read by the vault code itself, so its checks are exactly the vault's.
import {
  decodeBackupFile,
  entryAccount,
  VaultError,
  VaultIntegrityError,
  VaultFormatError,
  WrongKeyError,
} from '../vault';
import { MAGIC } from '../vault/format';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import type { Importer } from './types';

export const trayotpImporter: Importer = {
  id: 'trayotp',
  label: 'TrayOTP backup',
  detect(input) {
    const head = Buffer.from(input.bytes.subarray(0, MAGIC.length));
    return head.equals(MAGIC)
      ? { confidence: 2, encrypted: true }
      : { confidence: 0, encrypted: false };
  },
  async read(input, password) {
    if (!password) {
      throw new ImportError(
        'password-required',
        'This TrayOTP backup is encrypted; enter its passphrase.',
      );
    }
    let entries;
    try {
      entries = await decodeBackupFile(input.bytes, password, { clock: { now: () => Date.now() } });
    } catch (error) {
      if (error instanceof WrongKeyError) {
        throw new ImportError('wrong-password', 'The passphrase is wrong for this TrayOTP backup.');
      }
      if (error instanceof VaultIntegrityError || error instanceof VaultFormatError) {
        throw new ImportError('damaged', error.message);
      }
      if (error instanceof VaultError) {
        throw new ImportError(
          'unsupported',
          'This TrayOTP vault is protected only by the keychain of the computer that made it; on that computer, export an encrypted backup with a passphrase and import that.',
        );
      }
      throw error;
    }
    const collector = new EntryCollector();
    for (const entry of entries) {
      collector.add(entryAccount(entry), entry.tags.length > 0 ? { groups: entry.tags } : {});
    }
    return { format: 'trayotp', entries: collector.entries, skipped: collector.skipped };
  },
};

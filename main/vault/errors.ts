// Typed errors of the vault, one class per kind of trouble, because each asks the person for a
// different action: a damaged file (restore a backup), a file this version cannot read (update
// TrayOTP), a wrong key (try again), a keychain that is gone or switched (start differently).
// `code` tells the reasons apart for the UI and tests; `message` is the sentence to show.
import { passwordStoreFlag } from './keychain';

export abstract class VaultError extends Error {
  abstract readonly code: string;
}

export type VaultFileErrorCode =
  'not-found' | 'unreadable' | 'exists' | 'unwritable' | 'not-a-file' | 'too-large';

/** The file itself cannot be reached (or, on create, is already there). */
export class VaultFileError extends VaultError {
  override readonly name = 'VaultFileError';
  constructor(
    readonly code: VaultFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type VaultIntegrityErrorCode =
  | 'empty'
  | 'zero-filled'
  | 'truncated'
  | 'trailing-bytes'
  | 'header-checksum'
  | 'key-check'
  | 'body-authentication';

const damage: Record<VaultIntegrityErrorCode, string> = {
  empty: 'the file is empty',
  'zero-filled': 'the file is all zero bytes (a crash or a disk fault wiped it)',
  truncated: 'the file is shorter than its header says (it was cut off)',
  'trailing-bytes': 'the file has extra bytes after its end',
  'header-checksum': 'the header does not match its checksum (the file is damaged)',
  'key-check': 'the key slot does not match the vault (the header was altered)',
  'body-authentication':
    'the encrypted accounts do not match their authentication tag (the file is damaged or was altered)',
};

/** The file is damaged or was altered: the key may be right, the bytes are not. */
export class VaultIntegrityError extends VaultError {
  override readonly name = 'VaultIntegrityError';
  constructor(readonly code: VaultIntegrityErrorCode) {
    super(
      `Vault integrity check failed: ${damage[code]}. Nothing was changed; restore the newest good backup.`,
    );
  }
}

export type VaultFormatErrorCode =
  'not-a-vault' | 'unsupported-version' | 'bad-header' | 'kdf-too-costly' | 'invalid-entries';

/** The bytes are intact (or never were a vault) but this version cannot read them. */
export class VaultFormatError extends VaultError {
  override readonly name = 'VaultFormatError';
  constructor(
    readonly code: VaultFormatErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type WrongKeyErrorCode = 'wrong-passphrase' | 'keychain-key-mismatch';

export class WrongKeyError extends VaultError {
  override readonly name = 'WrongKeyError';
  constructor(readonly code: WrongKeyErrorCode) {
    super(
      code === 'wrong-passphrase'
        ? 'Wrong passphrase (or the passphrase slot was altered). Nothing was changed; try again.'
        : "The system keychain could not decrypt the vault's key (its key changed or access was denied). Nothing was changed; unlock with your passphrase.",
    );
  }
}

export class KeychainUnavailableError extends VaultError {
  override readonly name = 'KeychainUnavailableError';
  readonly code = 'keychain-unavailable';
  constructor(detail = '') {
    super(
      `The system keychain is not available${detail ? ` (${detail})` : ''}. Nothing was changed; unlock with your passphrase, or unlock the keyring and try again.`,
    );
  }
}

/** The vault's key slot was made by another keychain backend than the one running now. */
export class KeychainBackendChangedError extends VaultError {
  override readonly name = 'KeychainBackendChangedError';
  readonly code = 'keychain-backend-changed';
  readonly flag: string | undefined;
  constructor(
    readonly recorded: { platform: string; backend: string },
    readonly current: { platform: string; backend: string },
  ) {
    const flag =
      recorded.platform === current.platform ? passwordStoreFlag(recorded.backend) : undefined;
    super(
      recorded.platform !== current.platform
        ? `The vault's key is in the keychain of another system (${recorded.platform}, ${recorded.backend}); unlock with your passphrase.`
        : `The vault's key is in ${recorded.backend} but this session uses ${current.backend}. Nothing was changed; quit and start TrayOTP with --password-store=${flag ?? recorded.backend}, or unlock with your passphrase.`,
    );
    this.flag = flag;
  }
}

/** A keychain that protects nothing (`basic_text`) asked to hold the key without a passphrase. */
export class WeakKeychainError extends VaultError {
  override readonly name = 'WeakKeychainError';
  readonly code = 'weak-keychain';
  constructor(backend: string) {
    super(
      `This system's keychain (${backend}) would store the vault's key in plain text; choose a passphrase to protect the vault.`,
    );
  }
}

export type VaultUsageErrorCode =
  | 'no-keychain-slot'
  | 'no-passphrase-slot'
  | 'no-slot'
  | 'locked'
  | 'weak-kdf'
  | 'entry-not-found'
  | 'duplicate-entry'
  | 'empty-passphrase'
  | 'not-hotp'
  | 'backup-not-found'
  | 'changed-on-disk'
  | 'passphrase-required'
  | 'keychain-required'
  | 'invalid-entry';

/** An operation that cannot work on this vault as it is. */
export class VaultUsageError extends VaultError {
  override readonly name = 'VaultUsageError';
  constructor(
    readonly code: VaultUsageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Another program held the vault's write lock for longer than this one agreed to wait. Nothing
 * was saved; trying again a moment later normally works.
 */
export class VaultBusyError extends VaultError {
  override readonly name = 'VaultBusyError';
  readonly code = 'busy';
  constructor(
    readonly waitedMs: number,
    readonly holder: { host: string; pid: number } | undefined,
  ) {
    super(
      `Another TrayOTP${holder ? ` (process ${holder.pid} on ${holder.host})` : ''} is saving this vault and did not finish within ${Number((waitedMs / 1000).toFixed(1))} seconds; nothing was saved. Try again in a moment.`,
    );
  }
}

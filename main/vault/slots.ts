// Key slots: each wraps the master key under another key (docs/vault.md § Keys). Unwrapping
// proves the result against the header's key check before anyone may call a later failure
// "damage" instead of "wrong key".
import { timingSafeEqual } from 'node:crypto';
import type { Keychain } from './keychain';
import { isWeakKeychainBackend } from './keychain';
import { keyCheck, MASTER_KEY_BYTES, NONCE_BYTES, open, seal } from './crypto';
import type { RandomBytes } from './crypto';
import {
  KeychainBackendChangedError,
  KeychainUnavailableError,
  VaultFormatError,
  VaultIntegrityError,
  VaultUsageError,
  WeakKeychainError,
  WrongKeyError,
} from './errors';
import { SALT_BYTES } from './header';
import type { KeychainSlot, PassphraseSlot } from './header';
import { deriveKey } from './kdf';
import type { KdfParams } from './kdf';

const PASSPHRASE_SLOT_AAD = Buffer.from('TrayOTP passphrase slot v1', 'utf8');

export async function makePassphraseSlot(
  masterKey: Uint8Array,
  passphrase: string,
  params: KdfParams,
  random: RandomBytes,
): Promise<PassphraseSlot> {
  checkPassphrase(passphrase);
  const salt = Buffer.from(random(SALT_BYTES));
  const nonce = Buffer.from(random(NONCE_BYTES));
  const kek = await deriveKey(passphrase, salt, params);
  try {
    const { ciphertext, tag } = seal(kek, nonce, masterKey, PASSPHRASE_SLOT_AAD);
    return {
      type: 'passphrase',
      kdf: { ...params, salt: salt.toString('base64') },
      nonce: nonce.toString('base64'),
      wrapped: Buffer.concat([ciphertext, tag]).toString('base64'),
    };
  } finally {
    kek.fill(0);
  }
}

export async function unwrapPassphraseSlot(
  slot: PassphraseSlot,
  passphrase: string,
  expectedKeyCheck: string,
): Promise<Buffer> {
  checkPassphrase(passphrase);
  const { salt, ...params } = slot.kdf;
  let kek: Uint8Array;
  try {
    kek = await deriveKey(passphrase, Buffer.from(salt, 'base64'), params);
  } catch (error) {
    // The header's checks should leave nothing Argon2 or scrypt refuses; if one does, it is
    // still the header's fault, and said so, never an "internal error".
    throw new VaultFormatError(
      'bad-header',
      `The vault's passphrase slot has key derivation settings that cannot be computed (${(error as Error).message}). Nothing was changed; restore the newest good backup.`,
    );
  }
  const wrapped = Buffer.from(slot.wrapped, 'base64');
  const masterKey = open(
    kek,
    Buffer.from(slot.nonce, 'base64'),
    wrapped.subarray(0, MASTER_KEY_BYTES),
    wrapped.subarray(MASTER_KEY_BYTES),
    PASSPHRASE_SLOT_AAD,
  );
  kek.fill(0);
  if (!masterKey) throw new WrongKeyError('wrong-passphrase');
  // The slot's own tag verified, so the passphrase is right; a key that then fails the check
  // means the slot was swapped in from elsewhere.
  if (!matchesKeyCheck(masterKey, expectedKeyCheck)) {
    masterKey.fill(0);
    throw new VaultIntegrityError('key-check');
  }
  return masterKey;
}

export async function makeKeychainSlot(
  masterKey: Uint8Array,
  keychain: Keychain,
): Promise<KeychainSlot> {
  const backend = keychain.backend();
  if (backend === 'unknown') {
    throw new KeychainUnavailableError('it was asked before the app was ready');
  }
  if (isWeakKeychainBackend(backend)) throw new WeakKeychainError(backend);
  if (!(await keychain.isAvailable())) throw new KeychainUnavailableError();
  let wrapped: Uint8Array;
  try {
    wrapped = await keychain.encryptString(Buffer.from(masterKey).toString('base64'));
  } catch (error) {
    throw new KeychainUnavailableError((error as Error).message);
  }
  return {
    type: 'keychain',
    platform: keychain.platform,
    backend,
    wrapped: Buffer.from(wrapped).toString('base64'),
  };
}

export async function unwrapKeychainSlot(
  slot: KeychainSlot,
  keychain: Keychain,
  expectedKeyCheck: string,
): Promise<Buffer> {
  const current = { platform: keychain.platform, backend: keychain.backend() };
  if (current.backend === 'unknown') {
    throw new KeychainUnavailableError('it was asked before the app was ready');
  }
  if (slot.platform !== current.platform || slot.backend !== current.backend) {
    throw new KeychainBackendChangedError(
      { platform: slot.platform, backend: slot.backend },
      current,
    );
  }
  if (!(await keychain.isAvailable())) throw new KeychainUnavailableError();
  let text: string;
  try {
    text = await keychain.decryptString(Buffer.from(slot.wrapped, 'base64'));
  } catch {
    throw new WrongKeyError('keychain-key-mismatch');
  }
  const masterKey = /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!masterKey || !matchesKeyCheck(masterKey, expectedKeyCheck)) {
    masterKey?.fill(0);
    throw new WrongKeyError('keychain-key-mismatch');
  }
  return masterKey;
}

function matchesKeyCheck(masterKey: Uint8Array, expected: string): boolean {
  const want = Buffer.from(expected, 'base64');
  const got = keyCheck(masterKey);
  return (
    masterKey.length === MASTER_KEY_BYTES &&
    want.length === got.length &&
    timingSafeEqual(want, got)
  );
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length === 0) {
    throw new VaultUsageError('empty-passphrase', 'The passphrase is empty; type your passphrase.');
  }
}

// Which keys protect the vault: whether the OS keychain can (a weak backend such as basic_text
// is never trusted alone), and changing or removing the passphrase of an unlocked vault.
import type { AppState } from '../../../preload/contract';
import { isWeakKeychainBackend } from '../../vault';
import type { KdfChoice, Keychain, Vault } from '../../vault';
import { AppError } from '../shared/user-errors';

export async function keychainStatus(
  keychain: Keychain | undefined,
): Promise<AppState['keychain']> {
  const available = keychain ? await keychain.isAvailable() : false;
  const backend = keychain ? keychain.backend() : null;
  const weak = backend !== null && isWeakKeychainBackend(backend);
  return { available, weak, backend };
}

/** The keychain, when it can protect the vault by itself here. */
export async function usableKeychain(
  keychain: Keychain | undefined,
): Promise<Keychain | undefined> {
  if (!keychain || isWeakKeychainBackend(keychain.backend())) return undefined;
  return (await keychain.isAvailable()) ? keychain : undefined;
}

/**
 * A new passphrase, or none (`next` null). The Vault asks for the current passphrase whenever it
 * has one (checked against its slot), so an unlocked, unattended machine cannot be re-keyed.
 */
export async function changePassphrase(
  vault: Vault,
  current: string | undefined,
  next: string | null,
  keys: { keychain: Keychain | undefined; kdf?: KdfChoice | undefined },
): Promise<void> {
  if (next === null) {
    // Dropping the passphrase leaves the keychain as the only protection: it must be a real
    // one, and the person must prove they know the passphrase being removed.
    const keychain = await usableKeychain(keys.keychain);
    if (!keychain) {
      throw new AppError(
        'keychain-unavailable',
        'Without a usable system keychain the vault needs a passphrase; choose a new one instead.',
      );
    }
    if (vault.slots.passphrase && current === undefined) {
      throw new AppError('passphrase-required', 'Enter the current passphrase to remove it.');
    }
    await vault.removePassphrase(keychain, { current });
  } else {
    // The Vault proves `current` against its slot and re-wraps the keychain slot too.
    await vault.changePassphrase(next, { ...keys.kdf, current, keychain: keys.keychain });
  }
}

// The OS keychain, as the vault sees it: a way to encrypt a short string so that only this user,
// on this machine, can decrypt it. The Electron adapter wraps `safeStorage`
// (main/platform/keychain.ts); tests use the same adapter over a fake safeStorage.

/**
 * Linux backends as Electron names them, plus the names used for the other platforms.
 * `basic_text` stores the key under a password compiled into Chromium: no protection at all.
 * `unknown` is what Electron reports before `app` is ready.
 */
export type KeychainBackend =
  | 'basic_text'
  | 'gnome_libsecret'
  | 'kwallet'
  | 'kwallet5'
  | 'kwallet6'
  | 'unknown'
  | 'macos_keychain'
  | 'windows_dpapi';

export interface Keychain {
  /** `process.platform` of the machine the keychain belongs to. */
  readonly platform: string;
  /** Which store protects the key; recorded in the vault so a silent switch is noticed. */
  backend(): KeychainBackend;
  /** Whether encrypt/decrypt can work now (false before app ready, or with no keyring). */
  isAvailable(): Promise<boolean>;
  /** Throws when the keychain is unavailable. */
  encryptString(plainText: string): Promise<Uint8Array>;
  /** Throws when the data was not made by this keychain's current key, or it is unavailable. */
  decryptString(encrypted: Uint8Array): Promise<string>;
}

/** Backends that do not protect anything: never trusted to hold the vault's key alone. */
export function isWeakKeychainBackend(backend: KeychainBackend): boolean {
  return backend === 'basic_text' || backend === 'unknown';
}

/** The Chromium switch that selects a Linux backend, for "start with --password-store=…". */
export function passwordStoreFlag(backend: string): string | undefined {
  const flags: Record<string, string> = {
    basic_text: 'basic',
    gnome_libsecret: 'gnome-libsecret',
    kwallet: 'kwallet',
    kwallet5: 'kwallet5',
    kwallet6: 'kwallet6',
  };
  return flags[backend];
}

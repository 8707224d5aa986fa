// The Keychain port over Electron's safeStorage. The safeStorage object comes in through the
// constructor (the real one from main/index.ts, a fake in tests), so the code that runs in the
// app is the code the tests run. Only the asynchronous API is used: the synchronous one is
// deprecated since Electron 40 and blocks the main process on the OS keyring.
import type { SafeStorage } from 'electron';
import type { Keychain, KeychainBackend } from '../vault/keychain';

/** The part of Electron's safeStorage this adapter uses. */
export type SafeStorageApi = Pick<
  SafeStorage,
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'isAsyncEncryptionAvailable'
  | 'getSelectedStorageBackend'
>;

export class KeychainNotReadyError extends Error {
  override readonly name = 'KeychainNotReadyError';
  constructor() {
    super('The system keychain can only be used after the app is ready.');
  }
}

export class SafeStorageKeychain implements Keychain {
  constructor(
    private readonly safeStorage: SafeStorageApi,
    /** app.isReady: safeStorage must not be touched before the `ready` event. */
    private readonly isReady: () => boolean,
    readonly platform: string = process.platform,
  ) {}

  backend(): KeychainBackend {
    if (!this.isReady()) return 'unknown';
    switch (this.platform) {
      case 'linux':
        return this.safeStorage.getSelectedStorageBackend();
      case 'darwin':
        return 'macos_keychain';
      case 'win32':
        return 'windows_dpapi';
      default:
        return 'unknown';
    }
  }

  async isAvailable(): Promise<boolean> {
    if (!this.isReady()) return false;
    try {
      return await this.safeStorage.isAsyncEncryptionAvailable();
    } catch {
      return false;
    }
  }

  async encryptString(plainText: string): Promise<Uint8Array> {
    if (!this.isReady()) throw new KeychainNotReadyError();
    return new Uint8Array(await this.safeStorage.encryptStringAsync(plainText));
  }

  async decryptString(encrypted: Uint8Array): Promise<string> {
    if (!this.isReady()) throw new KeychainNotReadyError();
    const { result } = await this.safeStorage.decryptStringAsync(Buffer.from(encrypted));
    // `shouldReEncrypt` (a rotated OS key) is not acted on here: re-binding the vault's slot is
    // an explicit Vault.bindKeychain, never a side effect of reading.
    return result;
  }
}

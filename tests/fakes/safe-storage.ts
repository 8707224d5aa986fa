// A fake of Electron's safeStorage that behaves like the real one on Linux, for the keychain
// adapter (main/platform/keychain.ts) and the vault tests:
// - the asynchronous API (encryptStringAsync / decryptStringAsync / isAsyncEncryptionAvailable);
// - throws, as Electron does, when encryption is not available;
// - reports a backend, and 'unknown' before the app is ready;
// - Chromium's OSCrypt format: "v10"/"v11" prefix, AES-128-CBC, IV of 16 spaces, the key
//   PBKDF2-SHA1(password, "saltysalt", 1 iteration). basic_text uses the hard-coded password
//   "peanuts" (v10) — which is exactly why TrayOTP never trusts it alone.
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import type { SafeStorageApi } from '../../main/platform/keychain';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

export interface FakeSafeStorageOptions {
  backend?: Backend;
  /** The keyring's secret (libsecret/kwallet); changing it is like a wiped or new keyring. */
  password?: string;
  available?: boolean;
  ready?: boolean;
}

const IV = Buffer.alloc(16, ' ');

export class FakeSafeStorage implements SafeStorageApi {
  backend: Backend;
  password: string;
  available: boolean;
  ready: boolean;
  /** Every call, in order, so a test can prove what was (not) asked of the keychain. */
  readonly calls: string[] = [];

  constructor(options: FakeSafeStorageOptions = {}) {
    this.backend = options.backend ?? 'gnome_libsecret';
    this.password = options.password ?? 'keyring secret of the fake';
    this.available = options.available ?? true;
    this.ready = options.ready ?? true;
  }

  getSelectedStorageBackend(): Backend {
    this.calls.push('getSelectedStorageBackend');
    return this.ready ? this.backend : 'unknown';
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable');
    return this.ready && this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync');
    if (!this.ready || !this.available) {
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptStringAsync. Encryption is not available.',
      );
    }
    const cipher = createCipheriv('aes-128-cbc', this.#key(), IV);
    return Buffer.concat([
      Buffer.from(this.#prefix(), 'ascii'),
      cipher.update(plainText, 'utf8'),
      cipher.final(),
    ]);
  }

  async decryptStringAsync(
    encrypted: Buffer,
  ): Promise<{ result: string; shouldReEncrypt: boolean }> {
    this.calls.push('decryptStringAsync');
    if (!this.ready || !this.available) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync. Decryption is not available.',
      );
    }
    const prefix = encrypted.subarray(0, 3).toString('ascii');
    if (prefix !== 'v10' && prefix !== 'v11') {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.',
      );
    }
    try {
      const decipher = createDecipheriv('aes-128-cbc', this.#key(prefix), IV);
      const result = Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]);
      return { result: result.toString('utf8'), shouldReEncrypt: false };
    } catch {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.',
      );
    }
  }

  #prefix(): string {
    return this.backend === 'basic_text' ? 'v10' : 'v11';
  }

  #key(prefix = this.#prefix()): Buffer {
    const password = prefix === 'v10' ? 'peanuts' : this.password;
    return pbkdf2Sync(password, 'saltysalt', 1, 16, 'sha1');
  }
}

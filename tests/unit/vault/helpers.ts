// Shared pieces of the vault tests: cheap KDF parameters (the format stores them, so a test vault
// unlocks in a millisecond), a settable clock, temp folders, and byte-exact snapshots of every
// file so a test can prove that a failed open or unlock changed nothing.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { KdfParams } from '../../../main/vault';
import { SafeStorageKeychain } from '../../../main/platform/keychain';
import { FakeSafeStorage } from '../../fakes/safe-storage';
import type { FakeSafeStorageOptions } from '../../fakes/safe-storage';

export const CHEAP_KDF: KdfParams = {
  name: 'argon2id',
  memoryKiB: 8,
  iterations: 1,
  parallelism: 1,
};
export const CHEAP = { kdf: CHEAP_KDF, allowWeakKdf: true } as const;
export const PASSPHRASE = 'correct horse battery staple';

export function fixedClock(start = Date.UTC(2026, 10, 28, 12, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export { account } from '../../support/accounts';

const folders: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'trayotp-vault-'));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

/** sha256 of every file under `folder` (recursively), by relative path. */
export async function snapshot(folder: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  async function walk(dir: string, prefix: string) {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      if ((await stat(path)).isDirectory()) await walk(path, `${prefix}${name}/`);
      else
        result[`${prefix}${name}`] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  }
  await walk(folder, '');
  return result;
}

/** A keychain made of the real adapter over a fake safeStorage. */
export function fakeKeychain(options: FakeSafeStorageOptions = {}, platform = 'linux') {
  const safeStorage = new FakeSafeStorage(options);
  const keychain = new SafeStorageKeychain(safeStorage, () => safeStorage.ready, platform);
  return { safeStorage, keychain };
}

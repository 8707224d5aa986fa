// Tamper: every single bit of a small vault is flipped, one at a time, and the result is opened
// and unlocked both ways (passphrase and keychain). Every flip must be detected with a typed
// VaultError and none may ever yield entries (docs/vault.md goal 2).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, VaultError } from '../../../main/vault';
import { PASSPHRASE, account, fakeKeychain, fixedClock, tempFolder } from './helpers';

describe('flipping any single bit of a vault', () => {
  it('is always detected and never yields entries', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'vault.trayotp');
    const clock = fixedClock();
    const { keychain } = fakeKeychain();
    // scrypt here (argon2id elsewhere), so both KDFs' slots are flipped too; cheap parameters.
    const vault = await Vault.create(path, {
      clock,
      passphrase: PASSPHRASE,
      keychain,
      kdf: { name: 'scrypt', N: 2, r: 1, p: 1 },
      allowWeakKdf: true,
    });
    await vault.add(account('alice', { issuer: 'GitHub' }));
    const original = await readFile(path);

    const errorsByName = new Map<string, number>();
    let flips = 0;
    let yielded = 0;
    const count = (error: unknown, times: number) => {
      if (!(error instanceof VaultError)) throw error;
      const key = `${error.name}:${error.code}`;
      errorsByName.set(key, (errorsByName.get(key) ?? 0) + times);
    };
    const started = performance.now();
    for (let offset = 0; offset < original.length; offset++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = Buffer.from(original);
        flipped[offset]! ^= 1 << bit;
        flips++;
        let opened: Vault;
        try {
          // In memory: the disk path is the same decodeVault, tested on files in damage.test.ts.
          opened = Vault.fromBytes(path, flipped, { clock });
        } catch (error) {
          count(error, 2); // both ways of unlocking end here
          continue;
        }
        for (const how of [{ passphrase: PASSPHRASE }, { keychain }]) {
          try {
            await opened.unlock(how);
            yielded++;
          } catch (error) {
            count(error, 1);
          }
        }
      }
    }
    console.log(
      `tamper: ${flips} single-bit flips of a ${original.length}-byte vault, each unlocked 2 ways, in ${Math.round(performance.now() - started)} ms:`,
      Object.fromEntries(errorsByName),
    );
    expect(flips).toBe(original.length * 8);
    expect(yielded).toBe(0);
    // The unflipped file still opens: the test exercised a working vault.
    const intact = await Vault.open(path, { clock });
    await intact.unlock({ keychain });
    expect(intact.entries).toHaveLength(1);
  });
});

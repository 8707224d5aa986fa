// The encrypted TrayOTP backup that export writes: the vault format itself (docs/vault.md) with
// a fresh master key and only a passphrase slot, so it opens on any machine with the passphrase
// and is checked as strictly as the vault. Made in memory: an export has no backups folder.
import { keyCheck, MASTER_KEY_BYTES, NONCE_BYTES, systemRandom } from './crypto';
import type { RandomBytes } from './crypto';
import { serializeEntries } from './entries';
import type { Entry } from './entries';
import { encodeVault } from './format';
import { makePassphraseSlot } from './slots';
import { checkKdf, Vault } from './vault';
import type { KdfChoice } from './vault';

export interface BackupFileOptions extends KdfChoice {
  clock: { now(): number };
  random?: RandomBytes;
}

export async function encodeBackupFile(
  entries: readonly Entry[],
  passphrase: string,
  options: BackupFileOptions,
): Promise<Buffer> {
  const random = options.random ?? systemRandom;
  const masterKey = Buffer.from(random(MASTER_KEY_BYTES));
  try {
    const slot = await makePassphraseSlot(masterKey, passphrase, checkKdf(options), random);
    const header = {
      revision: 0,
      savedAt: new Date(options.clock.now()).toISOString(),
      keyCheck: keyCheck(masterKey).toString('base64'),
      body: {
        cipher: 'aes-256-gcm' as const,
        nonce: Buffer.from(random(NONCE_BYTES)).toString('base64'),
      },
      slots: [slot],
    };
    return encodeVault(header, masterKey, serializeEntries([...entries]));
  } finally {
    masterKey.fill(0);
  }
}

/** The entries of a backup (or of a vault file with a passphrase slot). Throws VaultErrors. */
export async function decodeBackupFile(
  bytes: Uint8Array,
  passphrase: string,
  deps: { clock: { now(): number } },
): Promise<Entry[]> {
  const vault = Vault.fromBytes('backup', bytes, deps);
  await vault.unlock({ passphrase });
  const entries = [...vault.entries];
  vault.lock();
  return entries;
}

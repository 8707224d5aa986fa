// The vault as the app uses it: open (locked) → unlock → read and change entries → lock.
// Every change is a whole save (docs/vault.md § Writing) that only replaces the in-memory state
// once the file is safely on disk. Opening and unlocking never write anything; nothing here
// ever resets a vault or makes a new key on its own.
import { randomUUID } from 'node:crypto';
import type { Keychain } from '../app/ports/keychain';
import type { Account } from '../otp/account';
import { codeFor } from '../otp/generate';
import { backupRevisions, DEFAULT_BACKUP_COUNT, writeVerifiedBackup } from './backups';
import type { BackupReport } from './backups';
import { keyCheck, MASTER_KEY_BYTES, NONCE_BYTES, systemRandom } from './crypto';
import type { RandomBytes } from './crypto';
import { newEntry, parseEntries, serializeEntries, entryAccount } from './entries';
import type { Entry, EntryMeta } from './entries';
import { VaultUsageError } from './errors';
import { decodeVault, decryptBody, encodeVault } from './format';
import type { ParsedVault } from './format';
import type { KeySlot, VaultHeader } from './header';
import { DEFAULT_KDF, meetsOwaspMinimum, withinComputeLimits } from './kdf';
import type { KdfParams } from './kdf';
import {
  makeKeychainSlot,
  makePassphraseSlot,
  unwrapKeychainSlot,
  unwrapPassphraseSlot,
} from './slots';
import { readVaultFile, removeStaleTemps, writeFileAtomic } from './store';

export interface VaultDeps {
  /** Milliseconds since the Unix epoch; the vault never reads the clock itself. */
  clock: { now(): number };
  random?: RandomBytes;
  newId?: () => string;
  /** How many verified backups to keep (default 10). */
  backups?: number;
}

export interface KdfChoice {
  kdf?: KdfParams;
  /** Accept parameters below OWASP's minimum: tests and benchmarks only. */
  allowWeakKdf?: boolean;
}

export interface CreateOptions extends VaultDeps, KdfChoice {
  passphrase?: string;
  /** Adds a keychain slot; refused (WeakKeychainError) for a backend that protects nothing. */
  keychain?: Keychain;
  entries?: Entry[];
}

export type UnlockWith = { passphrase: string } | { keychain: Keychain };

export type EntryChanges = Partial<Omit<Entry, 'id' | 'createdAt' | 'updatedAt'>>;

interface Unlocked {
  masterKey: Buffer;
  entries: Entry[];
}

export class Vault {
  #parsed: ParsedVault;
  #unlocked: Unlocked | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #lockListeners = new Set<() => void>();
  readonly #backupListeners = new Set<(report: BackupReport) => void>();
  readonly #random: RandomBytes;
  readonly #newId: () => string;

  private constructor(
    readonly path: string,
    parsed: ParsedVault,
    private readonly deps: VaultDeps,
  ) {
    this.#parsed = parsed;
    this.#random = deps.random ?? systemRandom;
    this.#newId = deps.newId ?? randomUUID;
  }

  /** Reads and checks the file without a key (docs/vault.md steps 1–11). Writes nothing. */
  static async open(path: string, deps: VaultDeps): Promise<Vault> {
    return Vault.fromBytes(path, await readVaultFile(path), deps);
  }

  /** As `open`, for bytes already read (a backup being checked, a file picked for import). */
  static fromBytes(path: string, bytes: Uint8Array, deps: VaultDeps): Vault {
    return new Vault(path, decodeVault(bytes), deps);
  }

  /** Makes a new vault at `path` (never over an existing file) and returns it unlocked. */
  static async create(path: string, options: CreateOptions): Promise<Vault> {
    const random = options.random ?? systemRandom;
    const masterKey = Buffer.from(random(MASTER_KEY_BYTES));
    try {
      return await Vault.#create(path, options, masterKey);
    } catch (error) {
      masterKey.fill(0);
      throw error;
    }
  }

  static async #create(path: string, options: CreateOptions, masterKey: Buffer): Promise<Vault> {
    const random = options.random ?? systemRandom;
    const slots: KeySlot[] = [];
    if (options.keychain) slots.push(await makeKeychainSlot(masterKey, options.keychain));
    if (options.passphrase !== undefined) {
      const kdf = checkKdf(options);
      slots.push(await makePassphraseSlot(masterKey, options.passphrase, kdf, random));
    }
    if (slots.length === 0) {
      throw new VaultUsageError(
        'no-slot',
        'A vault needs a passphrase or the system keychain to protect its key.',
      );
    }
    const entries = options.entries ?? [];
    // A folder of backups may outlive a deleted vault; sort the new one after them.
    const newestBackup = (await backupRevisions(path))[0];
    const header = {
      revision: newestBackup === undefined ? 0 : newestBackup + 1,
      savedAt: new Date(options.clock.now()).toISOString(),
      keyCheck: keyCheck(masterKey).toString('base64'),
      body: { cipher: 'aes-256-gcm' as const, nonce: b64(random(NONCE_BYTES)) },
      slots,
    };
    const plaintext = serializeEntries(entries);
    const bytes = encodeVault(header, masterKey, plaintext);
    await writeFileAtomic(path, bytes, { exclusive: true });
    const vault = new Vault(path, decodeVault(bytes), options);
    vault.#unlocked = { masterKey, entries };
    const report = await vault.#backup(bytes, plaintext, masterKey);
    vault.lastBackup = report;
    return vault;
  }

  /** The outcome of the last save's backup; a failure is also sent to onBackupProblem. */
  lastBackup: BackupReport | undefined;

  get revision(): number {
    return this.#parsed.header.revision;
  }

  get savedAt(): string {
    return this.#parsed.header.savedAt;
  }

  get isUnlocked(): boolean {
    return this.#unlocked !== undefined;
  }

  /** Which ways to unlock this vault has, and what its keychain slot was made with. */
  get slots(): {
    passphrase: boolean;
    keychain: { platform: string; backend: string } | undefined;
  } {
    const keychain = this.#parsed.header.slots.find((slot) => slot.type === 'keychain');
    return {
      passphrase: this.#passphraseSlot() !== undefined,
      keychain: keychain && { platform: keychain.platform, backend: keychain.backend },
    };
  }

  /** True when the passphrase slot's KDF is below OWASP's minimum: offer to raise it. */
  get kdfIsWeak(): boolean {
    const slot = this.#passphraseSlot();
    return slot !== undefined && !meetsOwaspMinimum(slot.kdf);
  }

  /** Unlocks with a passphrase or the keychain (docs/vault.md steps 12–17). Writes nothing. */
  async unlock(how: UnlockWith): Promise<void> {
    if (this.#unlocked) return;
    const { header } = this.#parsed;
    let masterKey: Buffer;
    if ('passphrase' in how) {
      const slot = this.#passphraseSlot();
      if (!slot) {
        throw new VaultUsageError(
          'no-passphrase-slot',
          'This vault has no passphrase; it unlocks with the system keychain.',
        );
      }
      masterKey = await unwrapPassphraseSlot(slot, how.passphrase, header.keyCheck);
    } else {
      const slot = header.slots.find((s) => s.type === 'keychain');
      if (!slot) {
        throw new VaultUsageError(
          'no-keychain-slot',
          'This vault is not in the system keychain; unlock it with its passphrase.',
        );
      }
      masterKey = await unwrapKeychainSlot(slot, how.keychain, header.keyCheck);
    }
    try {
      const entries = parseEntries(decryptBody(this.#parsed, masterKey));
      this.#unlocked = { masterKey, entries };
    } catch (error) {
      masterKey.fill(0);
      throw error;
    }
  }

  /** Drops the decrypted entries and the master key, then tells the listeners. */
  lock(): void {
    if (!this.#unlocked) return;
    this.#unlocked.masterKey.fill(0);
    this.#unlocked = undefined;
    for (const listener of this.#lockListeners) listener();
  }

  onLock(listener: () => void): () => void {
    this.#lockListeners.add(listener);
    return () => this.#lockListeners.delete(listener);
  }

  onBackupProblem(listener: (report: BackupReport) => void): () => void {
    this.#backupListeners.add(listener);
    return () => this.#backupListeners.delete(listener);
  }

  get entries(): readonly Entry[] {
    return this.#state().entries;
  }

  entry(id: string): Entry {
    const entry = this.#state().entries.find((e) => e.id === id);
    if (!entry) {
      throw new VaultUsageError('entry-not-found', 'That account is no longer in the vault.');
    }
    return entry;
  }

  async add(account: Account, meta: Partial<Omit<EntryMeta, 'createdAt' | 'updatedAt'>> = {}) {
    return this.#change((entries) => {
      const entry = newEntry(account, this.#newId(), this.deps.clock.now(), meta);
      return { entries: [...entries, entry], result: entry };
    });
  }

  async update(id: string, changes: EntryChanges): Promise<Entry> {
    return this.#change((entries) => {
      const current = this.entry(id);
      const updated: Entry = { ...current, ...changes, id, updatedAt: this.deps.clock.now() };
      return { entries: entries.map((e) => (e.id === id ? updated : e)), result: updated };
    });
  }

  async remove(id: string): Promise<void> {
    return this.#change((entries) => {
      this.entry(id);
      return { entries: entries.filter((e) => e.id !== id), result: undefined };
    });
  }

  /** Replaces every entry at once (imports, the crash-safety writer). */
  async replaceEntries(next: Entry[]): Promise<void> {
    return this.#change(() => ({ entries: next, result: undefined }));
  }

  /** Remembers that the account's code was used now (the hotkey prefers recent accounts). */
  async markUsed(id: string): Promise<void> {
    await this.#change((entries) => ({
      entries: entries.map((e) => (e.id === id ? { ...e, lastUsedAt: this.deps.clock.now() } : e)),
      result: this.entry(id),
    }));
  }

  /**
   * The account's current code. For HOTP the counter is advanced and the vault saved *before*
   * the code is returned, so a code is never shown twice, even across a crash.
   */
  async code(id: string): Promise<string> {
    const entry = this.entry(id);
    if (entry.type !== 'hotp') return codeFor(entryAccount(entry), this.deps.clock.now() / 1000);
    return this.#change((entries) => {
      const current = this.entry(id);
      const code = codeFor(entryAccount(current), 0);
      const advanced: Entry = { ...current, counter: current.counter + 1 };
      return { entries: entries.map((e) => (e.id === id ? advanced : e)), result: code };
    });
  }

  /** New passphrase (and optionally new KDF parameters): re-wraps the master key only. */
  async changePassphrase(passphrase: string, choice: KdfChoice = {}): Promise<void> {
    const { masterKey } = this.#state();
    const kdf = checkKdf({
      kdf: choice.kdf ?? this.#passphraseKdf(),
      allowWeakKdf: choice.allowWeakKdf,
    });
    const slot = await makePassphraseSlot(masterKey, passphrase, kdf, this.#random);
    await this.#change((entries) => ({ entries, result: undefined }), this.#withSlot(slot));
  }

  /**
   * (Re)binds the keychain slot to the keychain running now, e.g. after a backend change the
   * user confirmed. Needs the vault unlocked (with the passphrase).
   */
  async bindKeychain(keychain: Keychain): Promise<void> {
    const slot = await makeKeychainSlot(this.#state().masterKey, keychain);
    await this.#change((entries) => ({ entries, result: undefined }), this.#withSlot(slot));
  }

  /**
   * Back to the keychain alone: a fresh keychain slot, proven by unwrapping it, replaces both
   * old slots in one save, so the passphrase (the other way in) is only dropped once the
   * keychain is known to give the key back. Refused with a weak or unavailable keychain.
   */
  async removePassphrase(keychain: Keychain): Promise<void> {
    const { masterKey } = this.#state();
    const slot = await makeKeychainSlot(masterKey, keychain);
    const unwrapped = await unwrapKeychainSlot(slot, keychain, this.#parsed.header.keyCheck);
    unwrapped.fill(0);
    const others = this.#parsed.header.slots.filter(
      (s) => s.type !== 'passphrase' && s.type !== 'keychain',
    );
    await this.#change((entries) => ({ entries, result: undefined }), [...others, slot]);
  }

  #withSlot(slot: KeySlot): KeySlot[] {
    return [...this.#parsed.header.slots.filter((s) => s.type !== slot.type), slot];
  }

  #passphraseSlot() {
    return this.#parsed.header.slots.find((slot) => slot.type === 'passphrase');
  }

  #passphraseKdf(): KdfParams {
    const kdf = this.#passphraseSlot()?.kdf;
    if (!kdf) return DEFAULT_KDF;
    return kdf.name === 'argon2id'
      ? {
          name: kdf.name,
          memoryKiB: kdf.memoryKiB,
          iterations: kdf.iterations,
          parallelism: kdf.parallelism,
        }
      : { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p };
  }

  #state(): Unlocked {
    if (!this.#unlocked) {
      throw new VaultUsageError('locked', 'The vault is locked; unlock it first.');
    }
    return this.#unlocked;
  }

  /** Runs one change after the previous one finished: saves never interleave. */
  #change<T>(
    apply: (entries: Entry[]) => { entries: Entry[]; result: T },
    slots?: KeySlot[],
  ): Promise<T> {
    const run = this.#queue.then(async () => {
      const { entries, result } = apply(this.#state().entries);
      await this.#save(entries, slots ?? this.#parsed.header.slots);
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #save(entries: Entry[], slots: KeySlot[]): Promise<void> {
    const state = this.#state();
    // A copy: a lock() while this save awaits the disk zero-fills the state's key, and the
    // backup still has to be verified with it.
    const masterKey = Buffer.from(state.masterKey);
    try {
      await this.#refuseIfChangedOnDisk();
      const plaintext = serializeEntries(entries);
      // Past the newest backup too: after a restore, new saves must sort after every old backup.
      const newestBackup = (await backupRevisions(this.path))[0] ?? 0;
      const header: Omit<VaultHeader, 'body'> & { body: Omit<VaultHeader['body'], 'length'> } = {
        revision: Math.max(this.#parsed.header.revision, newestBackup) + 1,
        savedAt: new Date(this.deps.clock.now()).toISOString(),
        keyCheck: this.#parsed.header.keyCheck,
        body: { cipher: 'aes-256-gcm', nonce: b64(this.#random(NONCE_BYTES)) },
        slots,
      };
      const bytes = encodeVault(header, masterKey, plaintext);
      await writeFileAtomic(this.path, bytes);
      this.#parsed = decodeVault(bytes);
      state.entries = entries;
      this.lastBackup = await this.#backup(bytes, plaintext, masterKey);
      await removeStaleTemps(this.path);
    } finally {
      masterKey.fill(0);
    }
  }

  /**
   * Another program (the CLI, a second copy of the app, a sync tool) saved the vault since we read
   * it: writing now would silently drop its changes. A file that no longer reads as a vault is
   * no such change — it is damage, and the version in memory is the good one to save.
   */
  async #refuseIfChangedOnDisk(): Promise<void> {
    let revision: number;
    try {
      revision = decodeVault(await readVaultFile(this.path)).header.revision;
    } catch {
      return;
    }
    if (revision !== this.#parsed.header.revision) {
      throw new VaultUsageError(
        'changed-on-disk',
        'The vault file was changed by another program since it was opened; nothing was saved. Open the vault again to load the new version, then make the change again.',
      );
    }
  }

  async #backup(bytes: Buffer, plaintext: Buffer, masterKey: Buffer): Promise<BackupReport> {
    const report = await writeVerifiedBackup(
      this.path,
      bytes,
      this.#parsed.header.revision,
      (copy) => {
        const body = decryptBody(decodeVault(copy), masterKey);
        if (!body.equals(plaintext)) throw new Error('the copy decrypts to different accounts');
      },
      this.deps.backups ?? DEFAULT_BACKUP_COUNT,
    );
    if (!report.ok) for (const listener of this.#backupListeners) listener(report);
    return report;
  }
}

/** The KDF parameters to use for a new passphrase slot; refuses weak or absurd ones. */
export function checkKdf(choice: KdfChoice): KdfParams {
  const kdf = choice.kdf ?? DEFAULT_KDF;
  if (!withinComputeLimits(kdf)) {
    throw new VaultUsageError('weak-kdf', 'These KDF parameters are beyond what TrayOTP computes.');
  }
  if (!choice.allowWeakKdf && !meetsOwaspMinimum(kdf)) {
    throw new VaultUsageError(
      'weak-kdf',
      "These KDF parameters are below OWASP's minimum; choose stronger ones.",
    );
  }
  return kdf;
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

// The vault as the app uses it: open (locked) → unlock → read and change entries → lock.
// Every change is a whole save (docs/vault.md § Writing) that only replaces the in-memory state
// once the file is safely on disk. Opening and unlocking never write anything; nothing here
// ever resets a vault or makes a new key on its own.
import { createHash, randomUUID } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { Keychain } from './keychain';
import type { Account } from '../otp/account';
import { codeFor } from '../otp/generate';
import {
  backupRevisions,
  clearRestoreMarker,
  DEFAULT_BACKUP_COUNT,
  detectRollback,
  writeVerifiedBackup,
} from './backups';
import type { BackupReason, BackupReport, Rollback } from './backups';
import { keyCheck, MASTER_KEY_BYTES, NONCE_BYTES, systemRandom } from './crypto';
import type { RandomBytes } from './crypto';
import {
  newEntry,
  parseBody,
  serializeBody,
  serializeEntries,
  entryAccount,
  SECRET_NAME,
} from './entries';
import type { VaultSecrets } from './entries';
import type { BindingChange } from './binding-migration';
import { withFileLock } from './file-lock';
import type { Held } from './file-lock';
import { mergeEntries, onlyUsageChanged } from './merge';
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
import { SaveEvents } from './save-events';
import type { SaveKind, SaveListener } from './save-events';
import { readVaultFile, removeStaleTemps, resolveVaultPath, writeFileAtomic } from './store';

export interface VaultDeps {
  /** Milliseconds since the Unix epoch; the vault never reads the clock itself. */
  clock: { now(): number };
  random?: RandomBytes;
  newId?: () => string;
  /** How many content-change backups to keep (default 10; see docs/vault.md § Backups). */
  backups?: number;
  /** How long a save waits while another program holds the write lock (default 10 s). */
  lockWaitMs?: number;
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

export interface ChangePassphraseOptions extends KdfChoice {
  /** The passphrase now: required whenever the vault has a passphrase slot. */
  current?: string;
  /** Required when the vault has a keychain slot: it is re-wrapped under the new master key. */
  keychain?: Keychain;
}

export interface ReplaceOptions {
  /** Also keep a backup of the version before this change, apart from the rotation. */
  before?: BackupReason;
  /**
   * Secrets saved in the same locked write as the entries (undefined removes one): sync keeps
   * what it applied with the entries it applied, so no crash can separate the two.
   */
  secrets?: Readonly<Record<string, string | undefined>>;
  /**
   * The secrets are bookkeeping (sync's record of what it applied): a save that changes only
   * them and entries' use writes no backup, like a save that only records use.
   */
  bookkeeping?: boolean;
  /** What the listeners are told this save was (default 'replaced'). */
  kind?: Extract<SaveKind, 'replaced' | 'imported' | 'sync'>;
}

interface ChangePlan {
  /** New slots, from the slots on disk now (default: those, unchanged). */
  slots?: (onDisk: KeySlot[]) => KeySlot[];
  /** A new master key, with every slot already made for it. */
  rekey?: Buffer;
  before?: BackupReason;
  /** Secrets that change here are bookkeeping: they alone make no backup. */
  bookkeeping?: boolean;
}

/** The file as it is on disk under the lock, when it reads and decrypts with our key. */
interface OnDisk {
  bytes: Buffer;
  parsed: ParsedVault;
  plaintext: Buffer;
  entries: Entry[];
  secrets: VaultSecrets;
}

export type EntryChanges = Partial<Omit<Entry, 'id' | 'createdAt' | 'updatedAt'>>;

interface Unlocked {
  masterKey: Buffer;
  entries: Entry[];
  secrets: VaultSecrets;
}

/** What one change makes of the file's current entries (and, rarely, of its secrets). */
type Change<T> = (
  entries: Entry[],
  secrets: VaultSecrets,
) => { entries: Entry[]; secrets?: VaultSecrets; result: T };

export class Vault {
  #parsed: ParsedVault;
  /** SHA-256 of the file as last read or written here: unchanged means nobody else saved. */
  #fileHash: string | undefined;
  #unlocked: Unlocked | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #lockListeners = new Set<() => void>();
  readonly #backupListeners = new Set<(report: BackupReport) => void>();
  readonly #saves = new SaveEvents();
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

  /** Whether a vault file (or anything at all) is at `path`: open() then says what it is. */
  static async exists(path: string): Promise<boolean> {
    return lstat(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
  }

  /** Reads and checks the file without a key (docs/vault.md steps 1–11). Writes nothing. */
  static async open(path: string, deps: VaultDeps): Promise<Vault> {
    const bytes = await readVaultFile(path);
    const vault = Vault.fromBytes(path, bytes, deps);
    vault.#fileHash = sha256(bytes);
    vault.rollback = await detectRollback(path, vault.revision, bytes);
    return vault;
  }

  /**
   * Set by open when the file is older (a lower revision) than its newest good backup: a sync
   * tool, a disk image or someone put an old version back. Nothing restores it on its own; show
   * it, and offer restoreBackup(path, rollback.backupPath, now). Kept through saves that only
   * record use (they keep the file's revision, so the next open still sees it); cleared by the
   * next save that changes content.
   */
  rollback: Rollback | undefined;

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
    const target = await resolveVaultPath(path);
    return withFileLock(
      target,
      async () => {
        // A folder of backups may outlive a deleted vault; sort the new one after them.
        const newestBackup = (await backupRevisions(target))[0];
        const header = {
          revision: newestBackup === undefined ? 0 : newestBackup + 1,
          savedAt: new Date(options.clock.now()).toISOString(),
          keyCheck: keyCheck(masterKey).toString('base64'),
          body: { cipher: 'aes-256-gcm' as const, nonce: b64(random(NONCE_BYTES)) },
          slots,
        };
        const bytes = encodeVault(header, masterKey, serializeEntries(entries));
        await writeFileAtomic(target, bytes, { exclusive: true });
        const vault = new Vault(path, decodeVault(bytes), options);
        vault.#fileHash = sha256(bytes);
        vault.#unlocked = { masterKey, entries, secrets: {} };
        vault.lastBackup = await vault.#backup(target, bytes, masterKey);
        return vault;
      },
      options.lockWaitMs,
    );
  }

  /** The outcome of the last save's backup; a failure is also sent to onBackupProblem. */
  lastBackup: BackupReport | undefined;
  /**
   * Bindings the last unlock found in a version 1 body and rewrote to what they meant
   * (binding-migration.ts); the app tells the person and saves. Empty once saved.
   */
  bindingChanges: readonly BindingChange[] = [];

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
      const { entries, secrets, bindingChanges } = parseBody(decryptBody(this.#parsed, masterKey));
      this.#unlocked = { masterKey, entries, secrets };
      this.bindingChanges = bindingChanges ?? [];
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

  /**
   * Called once after every save that reached the disk, with its kind and new revision, and once
   * for each save of another program this vault takes in (kind 'external'). The save waits for
   * the listener, so it must not wait for a save of this vault itself.
   */
  onSaved(listener: SaveListener): () => void {
    return this.#saves.on(listener);
  }

  /**
   * Takes in a save another program made since this vault last read or wrote the file (the app
   * calls it when the file's folder changes): the entries and secrets become what it saved, and
   * the listeners hear one 'external' event. True when there was one. Locked, or the file
   * missing, damaged or under another key: nothing changes here (the next save or unlock says
   * what is wrong).
   */
  refresh(): Promise<boolean> {
    const run = this.#queue.then(() => this.#refresh());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #refresh(): Promise<boolean> {
    const state = this.#unlocked;
    if (!state) return false;
    const masterKey = Buffer.from(state.masterKey);
    let onDisk: OnDisk | undefined;
    try {
      onDisk = await this.#readOnDisk(await resolveVaultPath(this.path), masterKey, state);
    } catch {
      return false;
    } finally {
      masterKey.fill(0);
    }
    // Ours as we last saw it, or locked while it was read: nothing to take in.
    if (!onDisk || onDisk.parsed === this.#parsed || this.#unlocked !== state) return false;
    this.#parsed = onDisk.parsed;
    this.#fileHash = sha256(onDisk.bytes);
    state.entries = onDisk.entries;
    state.secrets = onDisk.secrets;
    this.bindingChanges = [];
    await this.#saves.emit({ kind: 'external', revision: this.revision });
    return true;
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
    return this.#change('added', (entries) => {
      const entry = newEntry(account, this.#newId(), this.deps.clock.now(), meta);
      return { entries: [...entries, entry], result: entry };
    });
  }

  /** Adds several accounts in one save: all of them land, or none does. */
  async addAll(
    items: readonly {
      account: Account;
      meta?: Partial<Omit<EntryMeta, 'createdAt' | 'updatedAt'>>;
    }[],
  ): Promise<Entry[]> {
    return this.#change('added', (entries) => {
      const now = this.deps.clock.now();
      const added = items.map(({ account, meta }) => newEntry(account, this.#newId(), now, meta));
      return { entries: [...entries, ...added], result: added };
    });
  }

  async update(id: string, changes: EntryChanges): Promise<Entry> {
    return this.#change('edited', (entries) => {
      const current = findEntry(entries, id);
      const updated: Entry = { ...current, ...changes, id, updatedAt: this.deps.clock.now() };
      return { entries: entries.map((e) => (e.id === id ? updated : e)), result: updated };
    });
  }

  /** Deletes an entry; the version before it is kept as a "before delete" backup. */
  async remove(id: string): Promise<void> {
    return this.#change(
      'removed',
      (entries) => {
        findEntry(entries, id);
        return { entries: entries.filter((e) => e.id !== id), result: undefined };
      },
      { before: 'delete' },
    );
  }

  /**
   * Replaces every entry at once (imports, reordering, the crash-safety writer). `next` was
   * computed from the entries seen now; if another program saved meanwhile, this change is
   * applied on top of its version entry by entry (merge.ts), so neither side's work is lost.
   * `before: 'import'` also keeps the version before the change as a longer-lived backup.
   */
  async replaceEntries(next: Entry[], options: ReplaceOptions = {}): Promise<void> {
    const base = this.#state().entries;
    const named = options.secrets;
    if (named) for (const name of Object.keys(named)) checkSecretName(name);
    return this.#change(
      options.kind ?? 'replaced',
      (current, secrets) => ({
        entries: current === base ? next : mergeEntries(base, next, current),
        ...(named && { secrets: withSecrets(secrets, named) }),
        result: undefined,
      }),
      { before: options.before, bookkeeping: options.bookkeeping === true },
    );
  }

  /**
   * Remembers that the account's code was used now (the hotkey prefers recent accounts). A
   * save that only records use writes no backup, so it never pushes older backups out.
   */
  async markUsed(id: string): Promise<void> {
    await this.#change('used', (entries) => ({
      entries: entries.map((e) => (e.id === id ? { ...e, lastUsedAt: this.deps.clock.now() } : e)),
      result: findEntry(entries, id),
    }));
  }

  /**
   * The account's current code. For HOTP the counter is advanced and the vault saved *before*
   * the code is returned, so a code is never shown twice, even across a crash or another
   * program using the same vault (the counter is read from the file under the write lock).
   */
  /** One of the app's own secrets (docs/vault.md § Body plaintext), or undefined. */
  secret(name: string): string | undefined {
    checkSecretName(name);
    return Object.hasOwn(this.#state().secrets, name) ? this.#state().secrets[name] : undefined;
  }

  /**
   * Saves (or with undefined, removes) one secret in one locked write; the others, and any another
   * program saved meanwhile, stay. Too many or too large: VaultUsageError, nothing saved.
   */
  async setSecret(name: string, value: string | undefined): Promise<void> {
    checkSecretName(name);
    await this.#change('secret', (entries, secrets) => {
      const next: Record<string, string> = { ...secrets };
      if (value === undefined) delete next[name];
      else next[name] = value;
      return { entries, secrets: next, result: undefined };
    });
  }

  async code(id: string): Promise<string> {
    const entry = this.entry(id);
    if (entry.type !== 'hotp') return codeFor(entryAccount(entry), this.deps.clock.now() / 1000);
    return this.#change('counter', (entries) => {
      const current = findEntry(entries, id);
      const code = codeFor(entryAccount(current), 0);
      // Taking the next code is using the account: it goes to the top of the recent ones.
      const advanced: Entry = {
        ...current,
        counter: current.counter + 1,
        lastUsedAt: this.deps.clock.now(),
      };
      return { entries: entries.map((e) => (e.id === id ? advanced : e)), result: code };
    });
  }

  /**
   * A new passphrase (and optionally new KDF parameters). Needs the current passphrase whenever
   * the vault has one (proven against its slot first), so an unlocked, unattended vault cannot
   * be re-keyed. Makes a new master key and re-wraps every slot under it, so an old passphrase
   * plus an old copy of the file no longer opens the current vault; a keychain slot needs the
   * keychain for that (`options.keychain`), or the change is refused.
   */
  async changePassphrase(passphrase: string, options: ChangePassphraseOptions = {}): Promise<void> {
    this.#state();
    const kdf = checkKdf({
      kdf: options.kdf ?? this.#passphraseKdf(),
      allowWeakKdf: options.allowWeakKdf,
    });
    await this.#proveCurrentPassphrase(options.current, 'change');
    const keychainSlot = this.#parsed.header.slots.some((s) => s.type === 'keychain');
    if (keychainSlot && !options.keychain) {
      throw new VaultUsageError(
        'keychain-required',
        "This vault's key is also in the system keychain, which must be renewed with the passphrase; nothing was changed. Try again once the system keychain is available.",
      );
    }
    await this.#rekey(async (masterKey) => {
      const slots: KeySlot[] = [];
      if (keychainSlot) slots.push(await provenKeychainSlot(masterKey, options.keychain!));
      slots.push(await makePassphraseSlot(masterKey, passphrase, kdf, this.#random));
      return slots;
    });
  }

  /**
   * (Re)binds the keychain slot to the keychain running now, e.g. after a backend change the
   * user confirmed. Needs the vault unlocked (with the passphrase).
   */
  async bindKeychain(keychain: Keychain): Promise<void> {
    const slot = await makeKeychainSlot(this.#state().masterKey, keychain);
    await this.#change('keychain', (entries) => ({ entries, result: undefined }), {
      slots: (onDisk) => [...onDisk.filter((s) => s.type !== slot.type), slot],
    });
  }

  /**
   * Back to the keychain alone. Needs the current passphrase (proven against its slot). A new
   * master key, wrapped in a fresh keychain slot that is proven by unwrapping it, replaces both
   * old slots in one save, so the passphrase (the other way in) is only dropped once the
   * keychain is known to give the key back. Refused with a weak or unavailable keychain.
   */
  async removePassphrase(keychain: Keychain, options: { current?: string } = {}): Promise<void> {
    this.#state();
    await this.#proveCurrentPassphrase(options.current, 'remove');
    await this.#rekey(async (masterKey) => [await provenKeychainSlot(masterKey, keychain)]);
  }

  async #proveCurrentPassphrase(current: string | undefined, verb: string): Promise<void> {
    const slot = this.#passphraseSlot();
    if (!slot) return;
    if (current === undefined) {
      throw new VaultUsageError(
        'passphrase-required',
        `Enter the current passphrase to ${verb} it; nothing was changed.`,
      );
    }
    const proven = await unwrapPassphraseSlot(slot, current, this.#parsed.header.keyCheck);
    proven.fill(0);
  }

  /** A new master key: `makeSlots` wraps it in every slot; one save re-encrypts the body. */
  async #rekey(makeSlots: (masterKey: Buffer) => Promise<KeySlot[]>): Promise<void> {
    const masterKey = Buffer.from(this.#random(MASTER_KEY_BYTES));
    try {
      const slots = await makeSlots(masterKey);
      await this.#change('keys', (entries) => ({ entries, result: undefined }), {
        slots: () => slots,
        rekey: masterKey,
      });
    } finally {
      masterKey.fill(0);
    }
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

  /**
   * Runs one change after the previous one finished (saves of this object never interleave),
   * holding the cross-process write lock from the re-read of the file to the backup: `apply`
   * gets the entries on disk *now* (another program may have saved since we read), so the
   * change lands on top of that version instead of over it. Once the file is written and the
   * lock released, the listeners hear of the save (and first of another program's save it
   * took in); a save that fails tells them nothing.
   */
  #change<T>(kind: SaveKind, apply: Change<T>, plan: ChangePlan = {}): Promise<T> {
    const run = this.#queue.then(async () => {
      this.#state();
      const target = await resolveVaultPath(this.path);
      const { result, external } = await withFileLock(
        target,
        (held) => this.#saveLocked(target, held, apply, plan),
        this.deps.lockWaitMs,
      );
      if (external !== undefined) await this.#saves.emit({ kind: 'external', revision: external });
      await this.#saves.emit({ kind, revision: this.revision });
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * One save under the lock: its result, and the revision of another program's save found on
   * disk (and taken in under this one), if there was one.
   */
  async #saveLocked<T>(
    target: string,
    held: Held,
    apply: Change<T>,
    plan: ChangePlan,
  ): Promise<{ result: T; external: number | undefined }> {
    const state = this.#state();
    // Copies: a lock() while this save awaits the disk zero-fills the state's key, and the
    // backups still have to be verified with it.
    const masterKey = Buffer.from(state.masterKey);
    const newKey = Buffer.from(plan.rekey ?? masterKey);
    try {
      // The file as last read or written here: another object on disk is another program's save.
      const known = this.#parsed;
      const onDisk = await this.#readOnDisk(target, masterKey, state);
      const base = onDisk ? onDisk.parsed.header : this.#parsed.header;
      const baseEntries = onDisk ? onDisk.entries : state.entries;
      // Secrets another program saved meanwhile are kept like its entries: a change names its own.
      const baseSecrets = onDisk ? onDisk.secrets : state.secrets;
      const changed = apply(baseEntries, baseSecrets);
      const { entries, result } = changed;
      const secrets = changed.secrets ?? baseSecrets;
      const slots = plan.slots ? plan.slots(base.slots) : base.slots;
      if (plan.before && onDisk) {
        this.#report(
          await writeVerifiedBackup(
            target,
            onDisk.bytes,
            onDisk.parsed.header.revision,
            (copy) => sameBody(copy, masterKey, onDisk.plaintext),
            { keep: this.#keep, reason: plan.before, now: this.deps.clock.now() },
          ),
        );
      }
      const plaintext = serializeBody({ entries, secrets });
      // Past the newest backup too: after a restore, new saves must sort after every old backup.
      const newestBackup = (await backupRevisions(target))[0];
      // Saves that only record use write no backup, so they never rotate the others out.
      const usageOnly =
        !plan.rekey &&
        isDeepStrictEqual(slots, base.slots) &&
        (isDeepStrictEqual(secrets, baseSecrets) || plan.bookkeeping === true) &&
        onlyUsageChanged(baseEntries, entries) &&
        newestBackup !== undefined;
      // A rolled-back file stays recognisably rolled back (its revision below the newest
      // backup's) through saves that only record use: copying a code is no decision about it.
      const stillRolledBack =
        usageOnly && this.rollback !== undefined && base.revision === this.rollback.vaultRevision;
      const header: Omit<VaultHeader, 'body'> & { body: Omit<VaultHeader['body'], 'length'> } = {
        revision: stillRolledBack ? base.revision : Math.max(base.revision, newestBackup ?? 0) + 1,
        savedAt: new Date(this.deps.clock.now()).toISOString(),
        keyCheck: keyCheck(newKey).toString('base64'),
        body: { cipher: 'aes-256-gcm', nonce: b64(this.#random(NONCE_BYTES)) },
        slots,
      };
      const bytes = encodeVault(header, newKey, plaintext);
      if (!(await held.stillOurs())) {
        throw new VaultUsageError(
          'changed-on-disk',
          'Another program took over the vault while this save was waiting; nothing was saved. Try again.',
        );
      }
      await writeFileAtomic(target, bytes);
      this.#parsed = decodeVault(bytes);
      this.#fileHash = sha256(bytes);
      if (!stillRolledBack) this.rollback = undefined;
      await clearRestoreMarker(target);
      state.entries = entries;
      state.secrets = secrets;
      // Saved as bindings version 2: nothing is left to migrate.
      this.bindingChanges = [];
      if (plan.rekey) {
        state.masterKey.fill(0);
        // Locked meanwhile: the new key is not kept in memory either.
        state.masterKey = this.#unlocked === state ? Buffer.from(newKey) : Buffer.alloc(0);
      }
      if (!usageOnly) this.lastBackup = await this.#backup(target, bytes, newKey, plaintext);
      await removeStaleTemps(target);
      return { result, external: onDisk && onDisk.parsed !== known ? base.revision : undefined };
    } finally {
      masterKey.fill(0);
      newKey.fill(0);
    }
  }

  get #keep(): number {
    return this.deps.backups ?? DEFAULT_BACKUP_COUNT;
  }

  /**
   * The file as another program may have left it. Unchanged since we read or wrote it: ours.
   * Missing or damaged (no longer reads as a vault): undefined, and the good version in memory
   * is saved over it. Saved by another program under another master key (it changed the
   * passphrase): refused, since we cannot read its changes.
   */
  async #readOnDisk(
    target: string,
    masterKey: Buffer,
    known: Unlocked,
  ): Promise<OnDisk | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readVaultFile(target);
    } catch {
      return undefined;
    }
    if (sha256(bytes) === this.#fileHash) {
      return {
        bytes,
        parsed: this.#parsed,
        plaintext: decryptBody(this.#parsed, masterKey),
        entries: known.entries,
        secrets: known.secrets,
      };
    }
    let parsed: ParsedVault;
    try {
      parsed = decodeVault(bytes);
    } catch {
      return undefined;
    }
    if (parsed.header.keyCheck !== keyCheck(masterKey).toString('base64')) {
      throw new VaultUsageError(
        'changed-on-disk',
        "Another program changed the vault's passphrase since it was opened here; nothing was saved. Lock TrayOTP and unlock it again with the new passphrase, then make the change again.",
      );
    }
    try {
      const plaintext = decryptBody(parsed, masterKey);
      return { bytes, parsed, plaintext, ...parseBody(plaintext) };
    } catch {
      return undefined;
    }
  }

  async #backup(
    target: string,
    bytes: Buffer,
    masterKey: Buffer,
    plaintext?: Buffer,
  ): Promise<BackupReport> {
    const expected = plaintext ?? decryptBody(decodeVault(bytes), masterKey);
    return this.#report(
      await writeVerifiedBackup(
        target,
        bytes,
        decodeVault(bytes).header.revision,
        (copy) => sameBody(copy, masterKey, expected),
        { keep: this.#keep, now: this.deps.clock.now() },
      ),
    );
  }

  /** Every backup failure reaches the listeners (the app's and the CLI's report). */
  #report(report: BackupReport): BackupReport {
    if (!report.ok) for (const listener of this.#backupListeners) listener(report);
    return report;
  }
}

/** `secrets` with each named one set (or, for undefined, removed). */
function withSecrets(
  secrets: VaultSecrets,
  named: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const next: Record<string, string> = { ...secrets };
  for (const [name, value] of Object.entries(named)) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  return next;
}

function checkSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new VaultUsageError('invalid-entry', `"${name.slice(0, 80)}" is not a secret's name.`);
  }
}

function findEntry(entries: readonly Entry[], id: string): Entry {
  const entry = entries.find((e) => e.id === id);
  if (!entry) {
    throw new VaultUsageError('entry-not-found', 'That account is no longer in the vault.');
  }
  return entry;
}

/** A backup counts only if it decrypts, with the key, to exactly the accounts it should hold. */
function sameBody(copy: Buffer, masterKey: Buffer, plaintext: Buffer): void {
  const body = decryptBody(decodeVault(copy), masterKey);
  if (!body.equals(plaintext)) throw new Error('the copy decrypts to different accounts');
}

/** A keychain slot for `masterKey`, unwrapped once to prove the keychain gives the key back. */
async function provenKeychainSlot(masterKey: Buffer, keychain: Keychain): Promise<KeySlot> {
  const slot = await makeKeychainSlot(masterKey, keychain);
  const unwrapped = await unwrapKeychainSlot(
    slot,
    keychain,
    keyCheck(masterKey).toString('base64'),
  );
  unwrapped.fill(0);
  return slot;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
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

// The vault as the app holds it: none, locked, unlocked or damaged. Opens, creates, unlocks and
// locks it, re-keys it, and restores backups; remembers what the window must be told about the
// file (damage, a rollback, a failed backup) until the person has dealt with it. The other
// services ask it for the unlocked vault and hear about lock and unlock through its hooks.
// Every change is one event (onChange): each save of the vault (its own, or another program's
// it took in while watching the file) and each change of the session itself (unlocked, locked…).
import { dirname } from 'node:path';
import type { AppState } from '../../../preload/contract';
import {
  listBackups,
  restoreBackup,
  Vault,
  VaultFormatError,
  VaultIntegrityError,
} from '../../vault';
import type { BackupReport, KdfChoice, Keychain, Rollback } from '../../vault';
import { isWeakKeychainBackend, watchVaultFile } from '../../vault';
import type { VaultFileWatch, VaultSaved } from '../../vault';
import { backupProblemMessage, backupProblemNotice } from './backup-notices';
import type { ClipboardGuard } from '../codes/clipboard-guard';
import type { Clock } from '../../time/clock';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import { AppError } from '../shared/user-errors';

export interface VaultSessionDeps {
  vaultPath: string;
  clock: Clock;
  /** The OS keychain; undefined where there is none (the CLI, some tests). */
  keychain: Keychain | undefined;
  /** KDF parameters for new passphrase slots (tests pass cheap ones). */
  kdf?: KdfChoice;
  clipboard: ClipboardGuard;
  notifier: Notifier;
  log: Logger;
  /** Unlock progress for the window. */
  progress: (progress: { fraction: number; stage: 'deriving-key' | 'done' }) => void;
  /** How the vault file is watched for other programs' saves while unlocked (default fs.watch). */
  watchFile?: VaultFileWatch;
}

/**
 * One change the window must be shown: a save of the vault (with its kind and revision), or a
 * change of the session that saves nothing.
 */
export type SessionChange =
  | ({ type: 'saved' } & VaultSaved)
  | { type: 'unlocked' | 'locked' | 'restored' | 'damaged' | 'rollback-dismissed' };

export type SessionListener = (change: SessionChange) => void | Promise<void>;

export type VaultStatus = Pick<
  AppState,
  'vault' | 'damage' | 'backupProblem' | 'rollback' | 'keychain' | 'passphraseRequired'
>;

export class VaultSession {
  #vault: Vault | undefined;
  /** Why the vault file failed its checks, until a backup is restored. */
  #damage: string | undefined;
  /**
   * The vault file was older than its newest backup when it was opened (Vault.rollback), until
   * the person restores that backup or keeps this version (then #rollbackSettled names it).
   */
  #rollback: Rollback | undefined;
  #rollbackSettled: string | undefined;
  /** The last failed backup, shown until a later one succeeds (see #currentBackupProblem). */
  #backupProblem: { vault: Vault; since: BackupReport | undefined; message: string } | undefined;
  readonly #onLock = new Set<() => void>();
  readonly #onUnlock = new Set<() => void>();
  readonly #onChange = new Set<SessionListener>();
  /** Stops watching the vault file (set while unlocked). */
  #stopWatch: (() => void) | undefined;
  /** A refresh running, and whether the file changed again meanwhile (one more then). */
  #refreshing: Promise<void> | undefined;
  #refreshAgain = false;

  constructor(private readonly deps: VaultSessionDeps) {}

  /**
   * Called once per change: every save of the vault, and every change of the session. The change
   * waits for the listener, so a caller that awaited a save finds its listeners done.
   */
  onChange(listener: SessionListener): () => void {
    this.#onChange.add(listener);
    return () => this.#onChange.delete(listener);
  }

  /** Takes in a save another program made to the vault file, if there is one (now). */
  async refresh(): Promise<void> {
    await this.current?.refresh();
  }

  /** Called when the vault locks (secrets the services hold go with it). */
  onLock(listener: () => void): void {
    this.#onLock.add(listener);
  }

  /** Called after an unlock (a scan asked for while locked resumes). */
  onUnlock(listener: () => void): void {
    this.#onUnlock.add(listener);
  }

  /** The unlocked vault, or the error the window shows when it is locked. */
  unlocked(): Vault {
    const vault = this.#vault;
    if (!vault?.isUnlocked) throw new AppError('locked', 'TrayOTP is locked; unlock it first.');
    return vault;
  }

  /** The unlocked vault, if it is. */
  get current(): Vault | undefined {
    return this.#vault?.isUnlocked ? this.#vault : undefined;
  }

  async status(): Promise<VaultStatus> {
    let vault: Vault | undefined;
    try {
      vault = await this.#opened();
    } catch (error) {
      if (!(error instanceof VaultIntegrityError || error instanceof VaultFormatError)) throw error;
      this.#damage = error.message;
    }
    const keychain = this.deps.keychain;
    const available = keychain ? await keychain.isAvailable() : false;
    const backend = keychain ? keychain.backend() : null;
    const weak = backend !== null && isWeakKeychainBackend(backend);
    const damage = this.#damage === undefined ? null : await this.#damageReport(this.#damage);
    return {
      vault: damage ? 'damaged' : !vault ? 'none' : vault.isUnlocked ? 'unlocked' : 'locked',
      damage,
      backupProblem: this.#currentBackupProblem(vault),
      rollback: vault?.isUnlocked ? await this.#rollbackReport() : null,
      keychain: { available, weak, backend },
      passphraseRequired: vault?.slots.keychain === undefined || !available || weak,
    };
  }

  async create(passphrase?: string): Promise<void> {
    if (await this.#opened()) {
      throw new AppError('vault-exists', 'A vault already exists; unlock it instead.');
    }
    const keychain = await this.#usableKeychain();
    if (!keychain && passphrase === undefined) {
      throw new AppError(
        'passphrase-required',
        'Your system keychain cannot protect the vault here; choose a passphrase.',
      );
    }
    const vault = await Vault.create(this.deps.vaultPath, {
      clock: this.deps.clock,
      // A passphrase replaces the keychain: the person chose to type it at every unlock.
      keychain: passphrase === undefined ? keychain : undefined,
      ...(passphrase !== undefined && { passphrase }),
      ...this.deps.kdf,
    });
    this.#adopt(vault);
    const created = vault.lastBackup;
    if (created && !created.ok) this.#noteBackupProblem(vault, created);
    this.#watch(vault);
    await this.#emit({ type: 'saved', kind: 'created', revision: vault.revision });
  }

  async unlock(passphrase?: string): Promise<void> {
    const vault = await this.#opened();
    if (!vault) throw new AppError('no-vault', 'There is no vault yet; create one first.');
    if (!vault.isUnlocked) {
      if (passphrase !== undefined) {
        // One Argon2id call does all its passes at once and reports nothing while it runs: the
        // window shows the stage, and the bar ends however the unlock did.
        this.deps.progress({ fraction: 0, stage: 'deriving-key' });
        await vault
          .unlock({ passphrase })
          .catch((error: unknown) => this.#noteDamage(error))
          .finally(() => this.deps.progress({ fraction: 1, stage: 'done' }));
      } else {
        const keychain = this.deps.keychain;
        if (!keychain) {
          throw new AppError('passphrase-required', 'Enter your passphrase to unlock the vault.');
        }
        await vault.unlock({ keychain }).catch((error: unknown) => this.#noteDamage(error));
      }
    }
    // Kept here: the vault's own note goes with its next save, even one that only records use.
    const found = vault.rollback;
    if (found && found.backupPath !== this.#rollbackSettled) this.#rollback = found;
    // The vault was read when it was opened: another program may have saved since (unwatched
    // while locked). Taken in now, as one 'external' event, before the window is shown it.
    await vault.refresh();
    this.#watch(vault);
    await this.#emit({ type: 'unlocked' });
    for (const listener of this.#onUnlock) listener();
  }

  async lock(): Promise<void> {
    this.#lockNow();
    await this.deps.clipboard.clearIfOurs();
    await this.#emit({ type: 'locked' });
  }

  async changePassphrase(current: string | undefined, next: string | null): Promise<void> {
    // The Vault asks for the current passphrase whenever it has one (checked against its slot),
    // so an unlocked, unattended machine cannot be re-keyed.
    const vault = this.unlocked();
    if (next === null) {
      // Dropping the passphrase leaves the keychain as the only protection: it must be a real
      // one, and the person must prove they know the passphrase being removed.
      const keychain = await this.#usableKeychain();
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
      await vault.changePassphrase(next, {
        ...this.deps.kdf,
        current,
        keychain: this.deps.keychain,
      });
    }
  }

  /**
   * Puts a backup in the vault's place (the file it replaces is kept beside it); then the vault
   * opens locked as usual. Never while unlocked, which would throw away newer changes — except
   * over a rolled-back file, which holds nothing newer than the backup it is older than.
   */
  async restoreBackup(revision: number): Promise<{ keptAs: string | null }> {
    const rollback = this.#rollback;
    const fromRollback = rollback?.backupRevision === revision ? rollback : undefined;
    if (this.#vault?.isUnlocked) {
      if (!fromRollback) {
        throw new AppError('vault-unlocked', 'Lock TrayOTP before restoring a backup.');
      }
      this.#lockNow();
      await this.deps.clipboard.clearIfOurs();
    }
    const path =
      fromRollback?.backupPath ??
      (await listBackups(this.deps.vaultPath)).find(
        (b) => b.revision === revision && b.problem === undefined,
      )?.path;
    if (!path) throw new AppError('no-backup', `There is no usable backup ${revision}.`);
    const { keptAs } = await restoreBackup(this.deps.vaultPath, path, this.deps.clock.now());
    if (fromRollback) this.#rollbackSettled = fromRollback.backupPath;
    this.#rollback = undefined;
    this.#vault = undefined;
    this.#damage = undefined;
    await this.#emit({ type: 'restored' });
    return { keptAs: keptAs ?? null };
  }

  /** "Keep this version": the rolled-back file stays, and the window stops offering the backup. */
  async dismissRollback(): Promise<void> {
    this.#rollbackSettled = this.#rollback?.backupPath ?? this.#rollbackSettled;
    this.#rollback = undefined;
    await this.#emit({ type: 'rollback-dismissed' });
  }

  /** On quit: clear a code we left on the clipboard, drop the keys. */
  async shutdown(): Promise<void> {
    await this.deps.clipboard.clearIfOurs();
    this.#lockNow();
  }

  async #opened(): Promise<Vault | undefined> {
    if (this.#vault) return this.#vault;
    if (!(await Vault.exists(this.deps.vaultPath))) return undefined;
    // A damaged file throws its typed error here; it is never replaced by a new vault.
    this.#adopt(await Vault.open(this.deps.vaultPath, { clock: this.deps.clock }));
    return this.#vault;
  }

  #adopt(vault: Vault): void {
    this.#vault = vault;
    vault.onBackupProblem((report) => {
      if (!report.ok) this.#noteBackupProblem(vault, report);
    });
    vault.onLock(() => {
      this.#stopWatch?.();
      this.#stopWatch = undefined;
      for (const listener of this.#onLock) listener();
    });
    vault.onSaved((saved) => this.#emit({ type: 'saved', ...saved }));
  }

  async #emit(change: SessionChange): Promise<void> {
    for (const listener of [...this.#onChange]) await listener(change);
  }

  /** While unlocked, another program's save of the file is taken in as soon as it lands. */
  #watch(vault: Vault): void {
    if (this.#stopWatch || !vault.isUnlocked) return;
    const watch = this.deps.watchFile ?? watchVaultFile;
    this.#stopWatch = watch(vault.path, () => this.#refreshSoon());
  }

  /** One refresh at a time; a change noticed during one makes one more after it. */
  #refreshSoon(): void {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = (async () => {
      do {
        this.#refreshAgain = false;
        await this.refresh();
      } while (this.#refreshAgain);
    })()
      .catch((error: unknown) =>
        this.deps.log.error('reading the vault another program saved', error),
      )
      .finally(() => {
        this.#refreshing = undefined;
      });
  }

  /** An unlock that found damage (body or key check) turns the window to the backups. */
  async #noteDamage(error: unknown): Promise<never> {
    if (error instanceof VaultIntegrityError || error instanceof VaultFormatError) {
      this.#damage = error.message;
      this.#vault = undefined;
      await this.#emit({ type: 'damaged' });
    }
    throw error;
  }

  async #damageReport(message: string): Promise<NonNullable<AppState['damage']>> {
    const backups = (await listBackups(this.deps.vaultPath))
      .filter((b) => b.problem === undefined && b.savedAt !== undefined)
      .map((b) => ({ revision: b.revision, savedAt: b.savedAt! }));
    return { message, backups };
  }

  /**
   * A backup that failed: a notification now (the window may be closed) and the state's banner
   * until a later backup succeeds (the vault's lastBackup is then a new, good report).
   */
  #noteBackupProblem(vault: Vault, report: BackupReport & { ok: false }): void {
    const folder = dirname(report.path);
    this.#backupProblem = {
      vault,
      since: vault.lastBackup,
      message: backupProblemMessage(folder, report.problem),
    };
    this.deps.notifier.notify(backupProblemNotice(folder));
    this.deps.log.error('a backup of the vault failed', report.problem);
  }

  #currentBackupProblem(vault: Vault | undefined): AppState['backupProblem'] {
    const problem = this.#backupProblem;
    if (!problem || problem.vault !== vault) return null;
    const last = vault.lastBackup;
    if (last !== problem.since && last?.ok) {
      this.#backupProblem = undefined;
      return null;
    }
    return { message: problem.message };
  }

  async #rollbackReport(): Promise<AppState['rollback']> {
    const rollback = this.#rollback;
    if (!rollback) return null;
    const backup = (await listBackups(this.deps.vaultPath)).find(
      (b) => b.path === rollback.backupPath,
    );
    return {
      vaultRevision: rollback.vaultRevision,
      backupRevision: rollback.backupRevision,
      backupSavedAt: backup?.savedAt ?? null,
    };
  }

  #lockNow(): void {
    if (this.#vault?.isUnlocked) this.#vault.lock();
  }

  async #usableKeychain(): Promise<Keychain | undefined> {
    const keychain = this.deps.keychain;
    if (!keychain || isWeakKeychainBackend(keychain.backend())) return undefined;
    return (await keychain.isAvailable()) ? keychain : undefined;
  }
}

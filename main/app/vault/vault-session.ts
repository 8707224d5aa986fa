// The vault as the app holds it: none, locked, unlocked or damaged. Opens, creates, unlocks and
// locks it, re-keys it, and restores backups; remembers what the window must be told about the
// file (damage, a rollback, a failed backup) until the person has dealt with it. The other
// services ask it for the unlocked vault and hear about lock and unlock through its hooks.
// Every change is one event (onChange): each save of the vault (its own, or another program's
// it took in while watching the file) and each change of the session itself (unlocked, locked…).
// What it reports about the file is worked out in vault-reports.ts; the file's watch in
// vault-file-watch.ts.
import type { AppState } from '../../../preload/contract';
import {
  listBackups,
  restoreBackup,
  Vault,
  VaultFormatError,
  VaultIntegrityError,
} from '../../vault';
import type { KdfChoice, Keychain, Rollback } from '../../vault';
import type { VaultFileWatch, VaultSaved } from '../../vault';
import { ExternalSaves } from './vault-file-watch';
import { changePassphrase, keychainStatus, usableKeychain } from './vault-keys';
import { BackupProblems, damageReport, rollbackReport } from './vault-reports';
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
  /** The last failed backup, shown until a later one succeeds. */
  readonly #backupProblems: BackupProblems;
  readonly #onLock = new Set<() => void>();
  readonly #onUnlock = new Set<() => void>();
  readonly #onChange = new Set<SessionListener>();
  /** Another program's saves, taken in while unlocked. */
  readonly #externalSaves: ExternalSaves;

  constructor(private readonly deps: VaultSessionDeps) {
    this.#backupProblems = new BackupProblems(deps);
    this.#externalSaves = new ExternalSaves({
      watchFile: deps.watchFile,
      refresh: () => this.refresh(),
      log: deps.log,
    });
  }

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
    const keychain = await keychainStatus(this.deps.keychain);
    const { vaultPath } = this.deps;
    const damage = this.#damage === undefined ? null : await damageReport(vaultPath, this.#damage);
    return {
      vault: damage ? 'damaged' : !vault ? 'none' : vault.isUnlocked ? 'unlocked' : 'locked',
      damage,
      backupProblem: this.#backupProblems.current(vault),
      rollback: vault?.isUnlocked ? await rollbackReport(vaultPath, this.#rollback) : null,
      keychain,
      passphraseRequired:
        vault?.slots.keychain === undefined || !keychain.available || keychain.weak,
    };
  }

  async create(passphrase?: string): Promise<void> {
    if (await this.#opened()) {
      throw new AppError('vault-exists', 'A vault already exists; unlock it instead.');
    }
    const keychain = await usableKeychain(this.deps.keychain);
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
    if (created && !created.ok) this.#backupProblems.note(vault, created);
    this.#externalSaves.watch(vault);
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
    this.#externalSaves.watch(vault);
    await this.#emit({ type: 'unlocked' });
    for (const listener of this.#onUnlock) listener();
  }

  async lock(): Promise<void> {
    this.#lockNow();
    await this.deps.clipboard.clearIfOurs();
    await this.#emit({ type: 'locked' });
  }

  /** A new passphrase, or none (null): vault-keys.ts says when either is allowed. */
  changePassphrase(current: string | undefined, next: string | null): Promise<void> {
    const { keychain, kdf } = this.deps;
    return changePassphrase(this.unlocked(), current, next, { keychain, kdf });
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
      if (!report.ok) this.#backupProblems.note(vault, report);
    });
    vault.onLock(() => {
      this.#externalSaves.stop();
      for (const listener of this.#onLock) listener();
    });
    vault.onSaved((saved) => this.#emit({ type: 'saved', ...saved }));
  }

  async #emit(change: SessionChange): Promise<void> {
    for (const listener of [...this.#onChange]) await listener(change);
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

  #lockNow(): void {
    if (this.#vault?.isUnlocked) this.#vault.lock();
  }
}

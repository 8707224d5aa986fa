// What the window is told about the vault file until the person has dealt with it: damage (with
// the backups that pass their checks, to restore one), a rollback (the file older than its newest
// backup), and a backup copy that could not be written (a notification now, a banner until a
// later backup succeeds).
import { dirname } from 'node:path';
import type { AppState } from '../../../preload/contract';
import { listBackups } from '../../vault';
import type { BackupReport, Rollback, Vault } from '../../vault';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import { backupProblemMessage, backupProblemNotice } from './backup-notices';

export async function damageReport(
  vaultPath: string,
  message: string,
): Promise<NonNullable<AppState['damage']>> {
  const backups = (await listBackups(vaultPath))
    .filter((b) => b.problem === undefined && b.savedAt !== undefined)
    .map((b) => ({ revision: b.revision, savedAt: b.savedAt! }));
  return { message, backups };
}

export async function rollbackReport(
  vaultPath: string,
  rollback: Rollback | undefined,
): Promise<AppState['rollback']> {
  if (!rollback) return null;
  const backup = (await listBackups(vaultPath)).find((b) => b.path === rollback.backupPath);
  return {
    vaultRevision: rollback.vaultRevision,
    backupRevision: rollback.backupRevision,
    backupSavedAt: backup?.savedAt ?? null,
  };
}

/** The last failed backup of a vault, shown until a later one succeeds. */
export class BackupProblems {
  #problem: { vault: Vault; since: BackupReport | undefined; message: string } | undefined;

  constructor(private readonly deps: { notifier: Notifier; log: Logger }) {}

  /**
   * A backup that failed: a notification now (the window may be closed) and the state's banner
   * until a later backup succeeds (the vault's lastBackup is then a new, good report).
   */
  note(vault: Vault, report: BackupReport & { ok: false }): void {
    const folder = dirname(report.path);
    this.#problem = {
      vault,
      since: vault.lastBackup,
      message: backupProblemMessage(folder, report.problem),
    };
    this.deps.notifier.notify(backupProblemNotice(folder));
    this.deps.log.error('a backup of the vault failed', report.problem);
  }

  /** The banner for `vault`, or null (another vault, or a backup succeeded since). */
  current(vault: Vault | undefined): AppState['backupProblem'] {
    const problem = this.#problem;
    if (!problem || problem.vault !== vault) return null;
    const last = vault.lastBackup;
    if (last !== problem.since && last?.ok) {
      this.#problem = undefined;
      return null;
    }
    return { message: problem.message };
  }
}

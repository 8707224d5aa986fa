// Backups of the last good versions (docs/vault.md § Backups). Every backup is read back and
// checked by the caller's `verify` (decrypt with the master key, compare) before it counts; one
// that fails is deleted and reported, so a bad copy is never offered for restore.
//
// Which backups are kept (`prune`): the newest `keep` (10) content changes, the newest of each
// of the last 7 days, and the newest 20 taken before an import, a deletion or a restore. Saves
// that only record use (markUsed, an HOTP counter) write no backup at all (vault.ts), so using
// codes can never push out the backup taken before a deletion. Backups are written and pruned
// only under the vault's write lock, so no writer deletes another's fresh backup.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultUsageError } from './errors';
import { decodeVault } from './format';
import { withFileLock } from './file-lock';
import { readVaultFile, removeStaleTemps, resolveVaultPath, writeFileAtomic } from './store';

export const DEFAULT_BACKUP_COUNT = 10;
/** Days for which the newest backup of each day is kept. */
export const DAILY_BACKUP_DAYS = 7;
/** Backups taken before an import, a deletion or a restore: kept apart from the rotation. */
export const BEFORE_BACKUP_COUNT = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
const BACKUP_NAME = /^(\d{12})(?:\.before-(import|delete|restore))?\.trayotp$/;
const RESTORED_MARKER = 'restored.json';

/** Why a backup of the version *before* a change was taken: such backups are kept longer. */
export type BackupReason = 'import' | 'delete' | 'restore';

export function backupFolder(vaultPath: string): string {
  return `${vaultPath}.backups`;
}

export type BackupReport =
  { ok: true; path: string } | { ok: false; path: string; problem: string };

export interface BackupOptions {
  /** Backups beyond the newest `keep` content changes are pruned (default 10). */
  keep?: number;
  /** Marks a backup of the version before an import, deletion or restore. */
  reason?: BackupReason;
  /** The clock's now, for the daily backups (default Date.now()). */
  now?: number;
}

function backupName(revision: number, reason?: BackupReason): string {
  return `${String(revision).padStart(12, '0')}${reason ? `.before-${reason}` : ''}.trayotp`;
}

/**
 * Writes `bytes` as the backup of `revision`, verifies it, then prunes. Never throws: every
 * failure is in the report. `keep` may be given as a number (older callers) or in options.
 */
export async function writeVerifiedBackup(
  vaultPath: string,
  bytes: Uint8Array,
  revision: number,
  verify: (copy: Buffer) => void,
  options: BackupOptions | number = {},
): Promise<BackupReport> {
  const {
    keep = DEFAULT_BACKUP_COUNT,
    reason,
    now = Date.now(),
  } = typeof options === 'number' ? { keep: options } : options;
  const folder = backupFolder(vaultPath);
  const path = join(folder, backupName(revision, reason));
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, bytes);
    verify(await readVaultFile(path));
  } catch (error) {
    await unlink(path).catch(() => undefined);
    return { ok: false, path, problem: (error as Error).message };
  }
  try {
    await pruneBackups(vaultPath, keep, now);
    await removeStaleTemps(path, true);
  } catch (error) {
    // The backup itself is good; a failed cleanup only leaves extra files. Still reported.
    return {
      ok: false,
      path,
      problem: `the backup was written, but old backups could not be pruned: ${(error as Error).message}`,
    };
  }
  return { ok: true, path };
}

interface BackupFile {
  name: string;
  revision: number;
  reason: BackupReason | undefined;
  /** From the backup's header; undefined when it does not check out. */
  savedAtMs: number | undefined;
}

async function backupFiles(vaultPath: string): Promise<BackupFile[]> {
  const names = await readdir(backupFolder(vaultPath)).catch(() => [] as string[]);
  const files: BackupFile[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(name);
    if (!match) continue;
    files.push({
      name,
      revision: Number(match[1]),
      reason: match[2] as BackupReason | undefined,
      savedAtMs: undefined,
    });
  }
  return files.sort((a, b) => b.revision - a.revision || (a.reason ? 1 : 0) - (b.reason ? 1 : 0));
}

/**
 * The names to keep (docs/vault.md § Backups): the newest `keep` plain backups, the newest of
 * each of the last 7 days, and the newest 20 "before" backups. Pure, for the tests' tables.
 */
export function backupsToKeep(
  files: readonly Pick<BackupFile, 'name' | 'revision' | 'reason' | 'savedAtMs'>[],
  keep: number,
  now: number,
): Set<string> {
  const byRevision = [...files].sort((a, b) => b.revision - a.revision);
  const plain = byRevision.filter((f) => f.reason === undefined);
  const before = byRevision.filter((f) => f.reason !== undefined);
  const kept = new Set<string>([
    ...plain.slice(0, keep).map((f) => f.name),
    ...before.slice(0, BEFORE_BACKUP_COUNT).map((f) => f.name),
  ]);
  const days = new Set<number>();
  for (const file of plain) {
    if (file.savedAtMs === undefined || file.savedAtMs > now) continue;
    if (now - file.savedAtMs >= DAILY_BACKUP_DAYS * DAY_MS) continue;
    const day = Math.floor(file.savedAtMs / DAY_MS);
    if (days.has(day)) continue;
    days.add(day);
    kept.add(file.name);
  }
  return kept;
}

async function pruneBackups(vaultPath: string, keep: number, now: number): Promise<void> {
  const folder = backupFolder(vaultPath);
  const files = await backupFiles(vaultPath);
  for (const file of files) {
    try {
      const { header } = decodeVault(await readVaultFile(join(folder, file.name)));
      file.savedAtMs = Date.parse(header.savedAt);
    } catch {
      // Unreadable: it only counts by its revision.
    }
  }
  const kept = backupsToKeep(files, keep, now);
  await Promise.all(
    files
      .filter((file) => !kept.has(file.name))
      .map((file) => unlink(join(folder, file.name)).catch(() => undefined)),
  );
}

/** Revisions of the backups on disk, newest first (by name; contents are checked on use). */
export async function backupRevisions(vaultPath: string): Promise<number[]> {
  return (await backupFiles(vaultPath)).map((file) => file.revision);
}

export interface BackupInfo {
  path: string;
  revision: number;
  /** Set for a backup of the version before an import, a deletion or a restore. */
  reason: BackupReason | undefined;
  /** From the backup's own header; undefined when the header does not check out. */
  savedAt: string | undefined;
  /** Undefined when every keyless check passes; otherwise why the backup is not usable. */
  problem: string | undefined;
}

/** Backups newest first, each checked as far as possible without a key. Read-only. */
export async function listBackups(vaultPath: string): Promise<BackupInfo[]> {
  const real = await resolveVaultPath(vaultPath);
  const infos: BackupInfo[] = [];
  for (const file of await backupFiles(real)) {
    const path = join(backupFolder(real), file.name);
    const base = { path, revision: file.revision, reason: file.reason };
    try {
      const { header } = decodeVault(await readVaultFile(path));
      infos.push({ ...base, savedAt: header.savedAt, problem: undefined });
    } catch (error) {
      infos.push({ ...base, savedAt: undefined, problem: (error as Error).message });
    }
  }
  return infos;
}

/** A vault older than its newest backup: put back by a sync tool, a disk image or an attacker. */
export interface Rollback {
  vaultRevision: number;
  backupRevision: number;
  /** Restore it with restoreBackup(vaultPath, backupPath, now). */
  backupPath: string;
}

/**
 * Whether the vault file (`bytes`, revision `revision`) is older than the newest backup that
 * passes the keyless checks; a file just put back by restoreBackup is not a rollback. Read-only.
 */
export async function detectRollback(
  vaultPath: string,
  revision: number,
  bytes: Uint8Array,
): Promise<Rollback | undefined> {
  const real = await resolveVaultPath(vaultPath);
  // Newest first; stop at the first backup that checks out (or at one not newer than the file).
  for (const file of await backupFiles(real)) {
    if (file.revision <= revision) return undefined;
    const backupPath = join(backupFolder(real), file.name);
    try {
      decodeVault(await readVaultFile(backupPath));
    } catch {
      continue;
    }
    if ((await readVaultMarker(real)) === sha256(bytes)) return undefined;
    return { vaultRevision: revision, backupRevision: file.revision, backupPath };
  }
  return undefined;
}

/** Called by every save (under the lock): the restored version is no longer the file. */
export async function clearRestoreMarker(target: string): Promise<void> {
  await unlink(join(backupFolder(target), RESTORED_MARKER)).catch(() => undefined);
}

async function readVaultMarker(vaultPath: string): Promise<string | undefined> {
  try {
    const real = await resolveVaultPath(vaultPath);
    const text = (await readVaultFile(join(backupFolder(real), RESTORED_MARKER))).toString('utf8');
    const value = JSON.parse(text) as { sha256?: unknown };
    return typeof value.sha256 === 'string' ? value.sha256 : undefined;
  } catch {
    return undefined;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Puts a backup in the vault's place, under the vault's write lock. The file it replaces is
 * kept first, as `<vault>.damaged-<time>`, and (when it still reads as a vault) as a "before
 * restore" backup, so even a restore loses nothing. Returns the kept name, if there was a file.
 */
export async function restoreBackup(
  vaultPath: string,
  backup: string,
  now: number,
  options: { lockWaitMs?: number } = {},
): Promise<{ keptAs: string | undefined }> {
  let bytes: Buffer;
  try {
    bytes = await readVaultFile(backup);
  } catch {
    throw new VaultUsageError('backup-not-found', `There is no backup at ${backup}.`);
  }
  decodeVault(bytes); // a backup that fails the keyless checks is never put in place
  const target = await resolveVaultPath(vaultPath);
  return withFileLock(
    target,
    async () => {
      const keptAs = `${vaultPath}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
      let kept = true;
      try {
        await copyFile(target, keptAs, constants.COPYFILE_EXCL);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        kept = false;
      }
      if (kept) await keepBeforeRestore(target, now);
      await writeFileAtomic(target, bytes);
      // Tells the next open that this older revision was put back on purpose, not rolled back.
      await mkdir(backupFolder(target), { recursive: true, mode: 0o700 });
      await writeFile(
        join(backupFolder(target), RESTORED_MARKER),
        JSON.stringify({ sha256: sha256(bytes), at: new Date(now).toISOString() }),
        { mode: 0o600 },
      );
      return { keptAs: kept ? keptAs : undefined };
    },
    options.lockWaitMs,
  );
}

/** The replaced vault as a "before restore" backup, checked without a key (there is none). */
async function keepBeforeRestore(target: string, now: number): Promise<void> {
  let current: Buffer;
  let revision: number;
  try {
    current = await readVaultFile(target);
    revision = decodeVault(current).header.revision;
  } catch {
    return; // damaged: the .damaged- copy is all that can be kept
  }
  const name = join(backupFolder(target), backupName(revision, 'restore'));
  const report = await writeVerifiedBackup(target, current, revision, decodeVault, {
    reason: 'restore',
    now,
  });
  if (!report.ok) throw new Error(`Could not keep ${name} before restoring: ${report.problem}`);
}

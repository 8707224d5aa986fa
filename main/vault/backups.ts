// Rotating backups of the last good versions (docs/vault.md § Writing). Every backup is read
// back and checked by the caller's `verify` (decrypt with the master key, compare) before it
// counts; one that fails is deleted and reported, so a bad copy is never offered for restore.
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultUsageError } from './errors';
import { decodeVault } from './format';
import { readVaultFile, removeStaleTemps, writeFileAtomic } from './store';

export const DEFAULT_BACKUP_COUNT = 10;
const BACKUP_NAME = /^(\d{12})\.trayotp$/;

export function backupFolder(vaultPath: string): string {
  return `${vaultPath}.backups`;
}

export type BackupReport =
  { ok: true; path: string } | { ok: false; path: string; problem: string };

/** Writes `bytes` as the backup of `revision`, verifies it, then keeps only the newest `keep`. */
export async function writeVerifiedBackup(
  vaultPath: string,
  bytes: Uint8Array,
  revision: number,
  verify: (copy: Buffer) => void,
  keep = DEFAULT_BACKUP_COUNT,
): Promise<BackupReport> {
  const folder = backupFolder(vaultPath);
  const path = join(folder, `${String(revision).padStart(12, '0')}.trayotp`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, bytes);
    verify(await readFile(path));
  } catch (error) {
    await unlink(path).catch(() => undefined);
    return { ok: false, path, problem: (error as Error).message };
  }
  const revisions = await backupRevisions(vaultPath);
  await Promise.all(
    revisions.slice(keep).map((old) => unlink(backupPath(vaultPath, old)).catch(() => undefined)),
  );
  await removeStaleTemps(path, true);
  return { ok: true, path };
}

/** Revisions of the backups on disk, newest first (by name; contents are checked on use). */
export async function backupRevisions(vaultPath: string): Promise<number[]> {
  const names = await readdir(backupFolder(vaultPath)).catch(() => [] as string[]);
  return names
    .map((name) => BACKUP_NAME.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
}

function backupPath(vaultPath: string, revision: number): string {
  return join(backupFolder(vaultPath), `${String(revision).padStart(12, '0')}.trayotp`);
}

export interface BackupInfo {
  path: string;
  revision: number;
  /** From the backup's own header; undefined when the header does not check out. */
  savedAt: string | undefined;
  /** Undefined when every keyless check passes; otherwise why the backup is not usable. */
  problem: string | undefined;
}

/** Backups newest first, each checked as far as possible without a key. Read-only. */
export async function listBackups(vaultPath: string): Promise<BackupInfo[]> {
  const infos: BackupInfo[] = [];
  for (const revision of await backupRevisions(vaultPath)) {
    const path = backupPath(vaultPath, revision);
    try {
      const { header } = decodeVault(await readVaultFile(path));
      infos.push({ path, revision, savedAt: header.savedAt, problem: undefined });
    } catch (error) {
      infos.push({ path, revision, savedAt: undefined, problem: (error as Error).message });
    }
  }
  return infos;
}

/**
 * Puts a backup in the vault's place. The file it replaces is kept first, as
 * `<vault>.damaged-<time>`, so even a restore loses nothing. Returns that name, if there was one.
 */
export async function restoreBackup(
  vaultPath: string,
  backup: string,
  now: number,
): Promise<{ keptAs: string | undefined }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(backup);
  } catch {
    throw new VaultUsageError('backup-not-found', `There is no backup at ${backup}.`);
  }
  decodeVault(bytes); // a backup that fails the keyless checks is never put in place
  const keptAs = `${vaultPath}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  let kept = true;
  try {
    await copyFile(vaultPath, keptAs, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    kept = false;
  }
  await writeFileAtomic(vaultPath, bytes);
  return { keptAs: kept ? keptAs : undefined };
}

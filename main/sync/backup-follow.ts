// Following a phone's backup folder read-only (docs/sync.md § Following a phone's backups): Aegis
// writes automatic encrypted backups (aegis-backup-*.json), Ente Auth daily ones, 2FAS exports by
// hand (backup-apps.ts); Syncthing carries them to the desktop. When a newer backup arrives, it is
// read with the app's importer and compared with the one read before: which accounts were added,
// changed or removed. Nothing in that folder is written: files are opened read-only, never
// through a symlink, and only regular files of at most MAX_BACKUP_BYTES are read.
import { constants } from 'node:fs';
import { open, opendir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Account } from '../otp/account';
import { aegisImporter } from '../importers/aegis';
import { readForeignFile } from '../import-worker/client';
import type { ImportedEntry, Importer } from '../importers/types';
import { AEGIS_BACKUP_NAME, backupAppOf } from './backup-apps';
import type { BackupApp } from './backup-apps';

export const MAX_BACKUP_BYTES = 16 * 1024 * 1024;
/**
 * Entries a followed folder may hold. Aegis keeps 1–100 backups (or all), Ente 5; a folder with
 * more is not a backup folder, and listing it on every change would be slow.
 */
export const MAX_FOLDER_ENTRIES = 5_000;

export type BackupFolderProblem = 'too-many-files' | 'too-large' | 'not-a-file' | 'unreadable';

/** What is wrong with the followed folder or a file in it, as a sentence a person can act on. */
export class BackupFolderError extends Error {
  override readonly name = 'BackupFolderError';
  constructor(
    readonly code: BackupFolderProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface BackupFile {
  name: string;
  path: string;
  mtimeMs: number;
  /** When this computer's file system last changed the file (its arrival here), where known. */
  ctimeMs?: number;
  size: number;
}

export interface BackupDiff {
  added: Account[];
  /** Same secret and type; other labels or parameters. */
  changed: { before: Account; after: Account }[];
  removed: Account[];
}

/**
 * The newest backup, or undefined. Backups are ranked by when they were written here, as far as
 * the file says: the earlier of its modification time (the phone's clock, carried by the sync
 * program) and its change time (set by this computer's file system when the file arrived, which
 * nothing in the folder can date ahead). So a file planted with a 2099 date ranks by when it was
 * planted, and the next real backup wins over it; an older backup touched since keeps its date.
 * The name breaks ties.
 */
export async function newestBackup(
  folder: string,
  pattern = AEGIS_BACKUP_NAME,
): Promise<BackupFile | undefined> {
  const classify = (name: string) => (pattern.test(name) ? 'match' : undefined);
  return (await newestMatching(folder, classify))?.file;
}

/** The newest backup any followed app wrote (backup-apps.ts), with the app, or undefined. */
export async function newestBackupOfAnyApp(
  folder: string,
): Promise<{ app: BackupApp; file: BackupFile } | undefined> {
  const found = await newestMatching(folder, backupAppOf);
  return found && { app: found.tag, file: found.file };
}

/** Whether `a` is a newer backup than `b` (see newestBackup). */
export function newerBackup(a: BackupFile, b: BackupFile): boolean {
  const rank = (f: BackupFile) => Math.min(f.mtimeMs, f.ctimeMs ?? f.mtimeMs);
  return rank(a) > rank(b) || (rank(a) === rank(b) && a.name > b.name);
}

/**
 * One pass over the folder: every entry whose name `classify` tags is opened (read-only, not
 * through a symlink, not blocking on a FIFO) and kept if it is a regular file. Opening, rather
 * than trusting the listing's file type, also covers file systems that report no type.
 */
async function newestMatching<T>(
  folder: string,
  classify: (name: string) => T | undefined,
): Promise<{ tag: T; file: BackupFile } | undefined> {
  let best: { tag: T; file: BackupFile } | undefined;
  let listed = 0;
  let dir;
  try {
    dir = await opendir(folder);
  } catch {
    throw new BackupFolderError(
      'unreadable',
      `TrayOTP cannot open the folder ${folder}; check that it is there and readable.`,
    );
  }
  for await (const entry of dir) {
    if (++listed > MAX_FOLDER_ENTRIES) {
      throw new BackupFolderError(
        'too-many-files',
        `The folder ${folder} holds more than ${MAX_FOLDER_ENTRIES.toLocaleString('en')} files; choose the folder the phone's app writes its backups to.`,
      );
    }
    const tag = classify(entry.name);
    if (tag === undefined || entry.isSymbolicLink() || entry.isDirectory()) continue;
    const path = join(folder, entry.name);
    const handle = await open(
      path,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    ).catch(() => undefined);
    if (!handle) continue;
    const info = await handle.stat().finally(() => handle.close());
    if (!info.isFile()) continue;
    const file = {
      name: entry.name,
      path,
      mtimeMs: info.mtimeMs,
      ctimeMs: info.ctimeMs,
      size: info.size,
    };
    if (!best || newerBackup(file, best.file)) best = { tag, file };
  }
  return best;
}

/** Reads one backup (at most MAX_BACKUP_BYTES) with the importer; errors are the importer's. */
export async function readBackup(
  file: BackupFile,
  password: string | undefined,
  importer: Importer = aegisImporter,
): Promise<ImportedEntry[]> {
  const handle = await open(
    file.path,
    constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
  );
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_BACKUP_BYTES) {
      throw new BackupFolderError(
        info.isFile() ? 'too-large' : 'not-a-file',
        `${file.name} is not a backup file of at most ${MAX_BACKUP_BYTES / 1024 / 1024} MiB; it was not read.`,
      );
    }
    const bytes = Buffer.alloc(info.size);
    let offset = 0;
    while (offset < info.size) {
      const { bytesRead } = await handle.read(bytes, offset, info.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    // Parsed in the reading worker (issue 24), never in the app's process.
    const result = await readForeignFile(
      { fileName: file.name, bytes: bytes.subarray(0, offset) },
      { format: importer.id, password },
    );
    return result.entries;
  } finally {
    await handle.close();
  }
}

/** Accounts are matched by type and secret (the labels are what may change). */
function identity(account: Account): string {
  return `${account.type}|${account.secret}`;
}

function sameAccount(a: Account, b: Account): boolean {
  return (
    a.issuer === b.issuer &&
    a.name === b.name &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    a.period === b.period &&
    a.counter === b.counter
  );
}

export function diffBackups(before: readonly Account[], after: readonly Account[]): BackupDiff {
  const beforeById = new Map(before.map((a) => [identity(a), a]));
  const afterIds = new Set(after.map(identity));
  const diff: BackupDiff = { added: [], changed: [], removed: [] };
  for (const account of after) {
    const previous = beforeById.get(identity(account));
    if (!previous) diff.added.push(account);
    else if (!sameAccount(previous, account))
      diff.changed.push({ before: previous, after: account });
  }
  for (const account of before) if (!afterIds.has(identity(account))) diff.removed.push(account);
  return diff;
}

export interface FollowResult {
  file: BackupFile;
  accounts: Account[];
  /** Against the backup read before; against `baseline` on the first read. */
  diff: BackupDiff;
}

/**
 * Follows one folder: `check()` reads the newest backup when it is not the one read last and
 * returns what changed. The password comes from the caller (the app keeps it in the vault).
 */
export class BackupFollower {
  #last: { file: BackupFile; accounts: Account[] } | undefined;

  constructor(
    private readonly folder: string,
    private readonly password: () => Promise<string | undefined> | string | undefined,
    /** What the first backup is compared with (the vault's accounts, for "what is new here"). */
    private readonly baseline: () => readonly Account[] = () => [],
    private readonly importer: Importer = aegisImporter,
  ) {}

  get lastFile(): BackupFile | undefined {
    return this.#last?.file;
  }

  async check(): Promise<FollowResult | undefined> {
    const file = await newestBackup(this.folder);
    if (!file) return undefined;
    const last = this.#last?.file;
    if (last && last.name === file.name && last.mtimeMs === file.mtimeMs && last.size === file.size)
      return undefined;
    const accounts = (await readBackup(file, await this.password(), this.importer)).map(
      (e) => e.account,
    );
    const diff = diffBackups(this.#last?.accounts ?? this.baseline(), accounts);
    this.#last = { file, accounts };
    return { file, accounts, diff };
  }
}

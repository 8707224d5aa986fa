// The followed folder's backups as following reads them: which app's backups a chosen folder
// holds, one backup opened with its password (bounded: a folder's writer cannot make TrayOTP hold
// more than MAX_FOLLOWED_ACCOUNTS), what identifies a file, and the merges a read leads to (the
// additions through the app's adding path, the ticked label changes in one save). Nothing here
// writes into the folder.
import type { Account } from '../../otp/account';
import { BACKUP_APPS } from '../../sync/backup-apps';
import type { BackupApp } from '../../sync/backup-apps';
import { isAbsolute } from 'node:path';
import { newestBackup, newestBackupOfAnyApp, readBackup } from '../../sync/backup-follow';
import type { BackupFile } from '../../sync/backup-follow';
import { baselineOf, followDifference, isEmptyDifference } from '../../sync/follow-diff';
import type { FollowDifference } from '../../sync/follow-diff';
import { entryAccount } from '../../vault';
import type { Vault } from '../../vault';
import type { FollowFolderChoice } from '../../../preload/views/follow';
import type { FolderPicker } from '../ports/folder-picker';
import type { Logger } from '../ports/logger';
import { AppError } from '../shared/user-errors';
import { sentence, userFacing } from './follow-errors';
import { appView } from './follow-status';
import { MAX_FOLLOWED_ACCOUNTS, sameFile } from './follow-state';
import type { FileStamp, FollowState } from './follow-state';

/** The newest backup read: its accounts, with their secrets (in memory, while unlocked only). */
export interface ReadBackup {
  file: BackupFile;
  accounts: Account[];
}

export const NO_BACKUP = 'There is no Aegis, 2FAS or Ente Auth backup in this folder.';

/** The folder picker, and which app's backups the chosen folder holds. */
export async function chooseFollowFolder(
  picker: FolderPicker | undefined,
  log: Logger,
): Promise<FollowFolderChoice | null> {
  if (!picker)
    throw new AppError('no-folder-picker', 'This build of TrayOTP cannot pick a folder.');
  const folder = await picker.pickFolder("Choose the folder of the phone's backups");
  if (!folder) return null;
  try {
    const found = await newestBackupOfAnyApp(folder);
    return {
      folder,
      app: found ? appView(found.app) : null,
      newest: found?.file.name ?? null,
      problem: found ? null : NO_BACKUP,
    };
  } catch (error) {
    return { folder, app: null, newest: null, problem: sentence(error, log) };
  }
}

/** The newest backup in a folder the person chose, and whose app's it is. */
export async function newestInChosenFolder(folder: string) {
  if (!isAbsolute(folder)) {
    throw new AppError('follow-folder', 'Choose the folder with the folder picker.');
  }
  const found = await userFacing(() => newestBackupOfAnyApp(folder));
  if (!found) throw new AppError('follow-no-backup', NO_BACKUP);
  return found;
}

/** The newest backup of the followed app in its folder. */
export async function newestFollowedFile(state: FollowState): Promise<BackupFile> {
  const app = BACKUP_APPS[state.app];
  const file = await userFacing(() => newestBackup(state.folder, app.pattern));
  if (!file) {
    throw new AppError(
      'follow-no-backup',
      `There is no ${app.label} backup in ${state.folder} now.`,
    );
  }
  return file;
}

/** Opens one backup with the password kept in the vault ('' for none). */
export async function readFollowedBackup(
  app: BackupApp,
  file: BackupFile,
  password: string,
): Promise<ReadBackup> {
  const entries = await userFacing(() =>
    readBackup(file, password === '' ? undefined : password, BACKUP_APPS[app].importer),
  );
  if (entries.length > MAX_FOLLOWED_ACCOUNTS) {
    throw new AppError(
      'follow-too-many',
      `${file.name} holds more accounts than TrayOTP follows (${MAX_FOLLOWED_ACCOUNTS.toLocaleString('en')}); import it instead.`,
    );
  }
  return { file, accounts: entries.map((e) => e.account) };
}

/** What the backup read offers against the one last merged and the vault. */
export function differenceOf(vault: Vault, state: FollowState, read: ReadBackup): FollowDifference {
  return followDifference(read.accounts, state.baseline?.accounts, vaultAccounts(vault));
}

export interface MergeDeps {
  now: () => number;
  /** The app's adding path: one save, accounts TrayOTP holds left out; returns how many landed. */
  addAccounts: (accounts: readonly Account[]) => Promise<number>;
}

/**
 * The state after a backup was read: the read recorded; with "add automatically", what is new
 * added; once nothing is left to offer, the backup is the baseline.
 */
export async function settledState(
  vault: Vault,
  state: FollowState,
  read: ReadBackup,
  deps: MergeDeps,
): Promise<FollowState> {
  const stamp = stampOf(read.file);
  const next: FollowState = {
    ...state,
    lastRead: sameFile(state.lastRead, stamp) ? state.lastRead : { ...stamp, readAt: deps.now() },
  };
  let difference = differenceOf(vault, state, read);
  if (next.autoAdd && difference.added.length > 0) {
    const added = await deps.addAccounts(difference.added);
    next.lastMerge = { at: deps.now(), added, updated: 0 };
    difference = differenceOf(vault, state, read);
  }
  if (isEmptyDifference(difference) && !sameFile(state.baseline, stamp)) {
    next.baseline = { ...stamp, accounts: baselineOf(read.accounts) };
  }
  return next;
}

/**
 * Merges what the person chose: the additions (one save through adding), the label changes
 * (one save); what was not chosen is declined, so the backup becomes the baseline.
 */
export async function mergedState(
  vault: Vault,
  state: FollowState,
  read: ReadBackup,
  chosen: Pick<FollowDifference, 'added' | 'changed'>,
  deps: MergeDeps,
): Promise<FollowState> {
  const added = chosen.added.length > 0 ? await deps.addAccounts(chosen.added) : 0;
  if (chosen.changed.length > 0) {
    const labels = new Map(chosen.changed.map((c) => [c.entryId, c.after]));
    const now = deps.now();
    await vault.replaceEntries(
      vault.entries.map((entry) => {
        const after = labels.get(entry.id);
        return after ? { ...entry, issuer: after.issuer, name: after.name, updatedAt: now } : entry;
      }),
    );
  }
  return {
    ...state,
    baseline: { ...stampOf(read.file), accounts: baselineOf(read.accounts) },
    lastMerge: { at: deps.now(), added, updated: chosen.changed.length },
  };
}

export function stampOf(file: BackupFile): FileStamp {
  return { name: file.name, mtimeMs: file.mtimeMs, size: file.size };
}

function vaultAccounts(vault: Vault) {
  return vault.entries.map((entry) => ({ id: entry.id, account: entryAccount(entry) }));
}

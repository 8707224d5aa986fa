// Sync's errors as sentences a person can act on. SyncUsageError and SyncFileError already carry
// one; a file-system failure on the sync folder is named by what the person can do about it.
// Anything else (a bug) is passed on unchanged, so the IPC layer logs it.
import { SyncFileError, SyncUsageError } from '../../sync';
import { AppError } from '../shared/user-errors';

const FS_ADVICE: Record<string, string> = {
  EACCES: 'TrayOTP may not write there; check the folder’s permissions.',
  EPERM: 'TrayOTP may not write there; check the folder’s permissions.',
  EROFS: 'the folder is on a read-only disk.',
  ENOSPC: 'the disk is full; free some space.',
  EDQUOT: 'your disk quota is used up; free some space.',
  ENOENT:
    'the folder is not there (a disk unplugged, or the folder moved): put it back, or leave sync.',
  ENOTDIR: 'part of the path is not a folder; choose the folder again.',
  EIO: 'the disk reported an error; check it and try again.',
};

export function syncUserError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof SyncUsageError || error instanceof SyncFileError) {
    return new AppError(error.code, error.message);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && FS_ADVICE[code]) {
    return new AppError('sync-folder', `TrayOTP could not use the sync folder: ${FS_ADVICE[code]}`);
  }
  return error;
}

/** `run`'s result, or its failure as sync's user error. */
export function withSyncUserError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw syncUserError(error);
  }
}

/** A round's failure for the status line (never a stack trace). */
export function syncErrorSentence(message: string | undefined): string | null {
  if (message === undefined) return null;
  const code = /\b(E[A-Z]+)\b/.exec(message)?.[1];
  if (code && FS_ADVICE[code]) return `TrayOTP could not use the sync folder: ${FS_ADVICE[code]}`;
  if (/locked/i.test(message)) return null;
  return `The last sync did not finish: ${message}`;
}

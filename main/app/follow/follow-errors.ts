// Following's failures as sentences for the window: the core's folder errors become the app's,
// an importer's (wrong password, damaged backup) stay as they are, anything else is logged and
// said in general words.
import { ImportError } from '../../importers/errors';
import { BackupFolderError } from '../../sync/backup-follow';
import type { Logger } from '../ports/logger';
import { AppError } from '../shared/user-errors';

/** Core errors about the folder as the app's errors (a sentence for the window). */
export async function userFacing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupFolderError) {
      throw new AppError(`follow-${error.code}`, error.message);
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError(
        'follow-gone',
        'The backup file went away while TrayOTP read it; check again.',
      );
    }
    throw error;
  }
}

export function sentence(error: unknown, log: Logger): string {
  if (error instanceof AppError || error instanceof ImportError) return error.message;
  log.error('following backups', error);
  return 'Something went wrong inside TrayOTP while reading the backup folder.';
}

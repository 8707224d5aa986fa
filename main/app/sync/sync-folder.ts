// Checking the folder the person chose before sync writes anything into it: an existing
// directory (not a symlink to one elsewhere: the real path is what is kept), owned by this user
// where the OS has owners, writable, and not TrayOTP's own data folder, inside it or around it
// (a sync engine would then carry the vault file whole, the very thing sync avoids).
import { isAbsolute, join, relative, sep } from 'node:path';
import { SYNC_DIR } from '../../sync/names';
import { DEVICE_ID } from '../../sync/hlc';
import type { Files } from '../ports/files';
import { AppError } from '../shared/user-errors';

export interface FolderCheckOptions {
  files: Files;
  /** TrayOTP's own folder (the vault's): refused, with anything inside or around it. */
  appDataDir: string;
  /** This process's user id (POSIX), or undefined where the OS has no owners (Windows). */
  uid: number | undefined;
}

const refuse = (message: string, code = 'sync-folder') => new AppError(code, message);

/** The folder's real path, when it can be used; otherwise an AppError that says why. */
export async function checkSyncFolder(
  folder: string,
  options: FolderCheckOptions,
): Promise<string> {
  const { files } = options;
  if (!isAbsolute(folder)) throw refuse('Choose the sync folder with Choose folder…');
  const info = await files.stat(folder);
  if (!info) throw refuse(`${folder} does not exist (any more); choose another folder.`);
  if (info.kind !== 'directory') throw refuse(`${folder} is not a folder; choose a folder.`);
  const real = await files.realpath(folder);
  if (options.uid !== undefined && info.owner !== options.uid && options.uid !== 0) {
    throw refuse(
      `${folder} belongs to another user; choose a folder of your own that your sync program keeps in step.`,
    );
  }
  if (!(await files.canWriteIn(real))) {
    throw refuse(`TrayOTP cannot write to ${folder}; choose a folder you can write to.`);
  }
  const appData = await files.realpath(options.appDataDir).catch(() => options.appDataDir);
  if (within(real, appData) || within(appData, real)) {
    throw refuse(
      `${folder} holds TrayOTP's own files (the vault); choose the folder your sync program keeps in step, outside TrayOTP's.`,
    );
  }
  // trayotp-sync/ must be a plain folder of ours if it is there already.
  const ours = await files.lstat(join(real, SYNC_DIR));
  if (ours && ours.kind !== 'directory') {
    throw refuse(`${join(folder, SYNC_DIR)} is not a folder; move it away and try again.`);
  }
  return real;
}

/** Refuses a folder where a group exists already: joining it takes an invitation. */
export async function checkNoGroupIn(files: Files, folder: string): Promise<void> {
  const others = await devicesIn(files, folder);
  if (others.length > 0) {
    throw refuse(
      `This folder already holds TrayOTP sync from ${others.length} device(s): join with an invitation from one of them (Settings → Sync → Invite a device), or choose an empty folder.`,
      'sync-group-exists',
    );
  }
}

/** Devices already writing in the folder (a group exists there). */
export async function devicesIn(files: Files, folder: string): Promise<string[]> {
  const names = await files.list(join(folder, SYNC_DIR));
  return names.filter((name) => DEVICE_ID.test(name)).slice(0, 64);
}

function within(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

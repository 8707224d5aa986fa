// What the person is told when a backup copy of the vault could not be written, in the window
// (a banner, from the app state) and as a notification (the window may be closed). No code or
// secret is in either: the problem is a file-system message about the backup folder.
import type { Notice } from '../ports/notifier';

export function backupProblemMessage(folder: string, problem: string): string {
  return (
    `Your last change is saved, but its backup copy could not be written to ${folder} ` +
    `(${problem}). Until a backup succeeds, a damaged vault file could not be restored; ` +
    'check that the folder exists, is writable and has space.'
  );
}

export function backupProblemNotice(folder: string): Notice {
  return {
    title: 'TrayOTP could not back up your accounts',
    body: `Your change is saved, but its backup copy in ${folder} failed. Open TrayOTP for details.`,
  };
}

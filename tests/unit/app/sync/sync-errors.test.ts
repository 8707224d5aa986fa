// Sync's errors as sentences (main/app/sync/sync-errors.ts): the core's typed errors keep their
// sentence; a file-system failure on the folder says what to do; a bug is passed on as it is.
import { describe, expect, it } from 'vitest';
import { syncErrorSentence, syncUserError } from '../../../../main/app/sync/sync-errors';
import { AppError } from '../../../../main/app/shared/user-errors';
import { SyncFileError, SyncUsageError } from '../../../../main/sync';

const fsError = (code: string) =>
  Object.assign(new Error(`${code}: something, open '/x/trayotp-sync/a/1.tsl'`), { code });

describe('syncUserError', () => {
  it.each([
    ['EACCES', /check the folder’s permissions/],
    ['EROFS', /read-only disk/],
    ['ENOSPC', /disk is full/],
    ['ENOENT', /put it back, or leave sync/],
  ])('%s on the folder: a sentence', (code, sentence) => {
    const error = syncUserError(fsError(code));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'sync-folder',
      message: expect.stringMatching(sentence) as string,
    });
    expect((error as Error).message).not.toContain('/x/trayotp-sync');
  });

  it("the core's errors keep their code and sentence; a bug stays a bug", () => {
    expect(
      syncUserError(new SyncUsageError('expired', 'This invitation has expired.')),
    ).toMatchObject({
      code: 'expired',
      message: 'This invitation has expired.',
    });
    expect(syncUserError(new SyncFileError('authentication', 'A file failed.'))).toBeInstanceOf(
      AppError,
    );
    const bug = new TypeError('x is undefined');
    expect(syncUserError(bug)).toBe(bug);
  });
});

describe('syncErrorSentence (a round that failed, for the status line)', () => {
  it.each([
    [undefined, null],
    [
      "EACCES: permission denied, open '/x'",
      'TrayOTP could not use the sync folder: TrayOTP may not write there; check the folder’s permissions.',
    ],
    ['TrayOTP is locked; unlock it first.', null],
    ['The vault is busy.', 'The last sync did not finish: The vault is busy.'],
  ])('%s', (message, sentence) => {
    expect(syncErrorSentence(message)).toBe(sentence);
  });
});

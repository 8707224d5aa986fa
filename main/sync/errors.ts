// Sync's own errors. A file another device wrote is outside input: whatever is wrong with it
// becomes a SyncFileError with a sentence a person can act on, never a crash of the merge.

export type SyncFileProblem =
  | 'too-large'
  | 'not-a-file'
  | 'unreadable'
  | 'truncated'
  | 'not-a-sync-file'
  | 'unsupported-version'
  | 'bad-header'
  | 'wrong-device'
  | 'unknown-key'
  | 'authentication'
  | 'bad-records';

export class SyncFileError extends Error {
  override readonly name = 'SyncFileError';
  constructor(
    readonly code: SyncFileProblem,
    message: string,
  ) {
    super(message);
  }
}

export type SyncUsageProblem =
  'no-folder' | 'bad-invitation' | 'invitation-not-found' | 'expired' | 'not-joined';

export class SyncUsageError extends Error {
  override readonly name = 'SyncUsageError';
  constructor(
    readonly code: SyncUsageProblem,
    message: string,
  ) {
    super(message);
  }
}

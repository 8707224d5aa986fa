// Why a clock check did not give an offset. `message` is a sentence the person can act on; `code`
// lets the window and tests tell the reasons apart. A failed check never changes the offset in use.

export type TimeCheckErrorCode =
  | 'bad-host'
  | 'not-found'
  | 'unreachable'
  | 'untrusted'
  | 'timeout'
  | 'too-large'
  | 'no-date'
  | 'bad-date'
  | 'bad-offset'
  | 'no-measurement'
  | 'internal';

export class TimeCheckError extends Error {
  override readonly name = 'TimeCheckError';
  constructor(
    readonly code: TimeCheckErrorCode,
    message: string,
  ) {
    super(message);
  }
}

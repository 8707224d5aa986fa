// Import failures a person can act on. "Wrong password" is never reported as "corrupt file":
// the code tells the UI which prompt to show.
export type ImportErrorCode =
  | 'password-required'
  | 'wrong-password'
  | 'unsupported'
  | 'damaged'
  | 'unknown-format'
  /** The file's key derivation settings would cost far more than the app that wrote it uses. */
  | 'too-costly'
  /** Past a size bound (file, archive entries, inflated bytes, links): the message names it. */
  | 'too-large'
  /** The person cancelled the import (ImportOptions.signal aborted); nothing was imported. */
  | 'cancelled';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

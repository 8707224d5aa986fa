// The directory's own errors. Each message is a sentence a person can act on; the refresher
// adds what happens next ("the copy from 3 November is still used").

/** The file is not the 2FA Directory's v3 TOTP list (not JSON, another shape, too large). */
export class DirectoryFormatError extends Error {
  override readonly name = 'DirectoryFormatError';
  constructor(
    readonly code: 'not-json' | 'not-utf8' | 'wrong-shape' | 'no-sites' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/** The download itself failed: no connection, no answer in time, an error status, cut off. */
export class DirectoryDownloadError extends Error {
  override readonly name = 'DirectoryDownloadError';
  constructor(
    readonly code: 'offline' | 'timeout' | 'http-status' | 'redirect' | 'too-large' | 'cut-off',
    message: string,
  ) {
    super(message);
  }
}

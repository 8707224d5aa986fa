// Typed errors of the QR pipeline. `message` is a sentence a person can act on; `code` lets the
// UI and tests tell reasons apart without matching text.
export type QrErrorCode =
  | 'bad-frame'
  | 'bad-region'
  | 'unreadable-image'
  /** More pixels than a screen or a photo has: a decompression bomb, refused from its header. */
  | 'image-too-large'
  | 'worker-failed';

export class QrError extends Error {
  override readonly name = 'QrError';
  constructor(
    readonly code: QrErrorCode,
    message: string,
  ) {
    super(message);
  }
}

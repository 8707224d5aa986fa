// Typed errors of the OTP layer. `message` is a sentence a person can act on; `code` lets the
// UI and tests tell reasons apart without matching text.

export type OtpErrorCode =
  | 'not-a-uri'
  | 'wrong-scheme'
  | 'unsupported-type'
  | 'missing-label'
  | 'missing-secret'
  | 'invalid-secret'
  | 'secret-too-long'
  | 'label-too-long'
  | 'uri-too-long'
  | 'conflicting-parameter'
  | 'unknown-algorithm'
  | 'invalid-digits'
  | 'invalid-period'
  | 'missing-counter'
  | 'invalid-counter'
  | 'invalid-migration';

export class OtpError extends Error {
  override readonly name = 'OtpError';
  constructor(
    readonly code: OtpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

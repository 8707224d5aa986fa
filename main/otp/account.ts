// The account model shared by the OTP engine, the vault, importers, exporters and the CLI.
// An Account is what a key URI describes: everything needed to compute its codes.

import { ALGORITHMS, OTP_TYPES } from '../../preload/views/otp-kinds';

// One list for the core and the window's schemas (preload/views/otp.ts).
export { ALGORITHMS, OTP_TYPES };
export type OtpType = (typeof OTP_TYPES)[number];
export type Algorithm = (typeof ALGORITHMS)[number];

export interface Account {
  type: OtpType;
  /** Who issued the secret ("GitHub"); may be empty. */
  issuer: string;
  /** The account at the issuer ("alice@example.com"); may be empty. */
  name: string;
  /** Base32 (RFC 4648), upper case, no padding, no spaces — as the issuer wrote it, normalised. */
  secret: string;
  algorithm: Algorithm;
  digits: number;
  /** TOTP/Steam time step in seconds (30 for HOTP too, where it is unused). */
  period: number;
  /** HOTP moving factor (0 for TOTP/Steam, where it is unused). */
  counter: number;
}

/** The limits every account is validated against, whatever it came from. */
export const LIMITS = {
  minDigits: 6,
  maxDigits: 10,
  steamDigits: 5,
  minPeriod: 1,
  maxPeriod: 86_400,
  maxCounter: Number.MAX_SAFE_INTEGER,
  /** Characters of base32 after normalisation; real secrets are 16–128. */
  maxSecretChars: 1024,
  /** Characters of a secret as given (spaces, dashes, padding included), checked first. */
  maxSecretInputChars: 4096,
  /** Below 80 bits (RFC 4226 asks for 128) a secret still works but is weak: a warning. */
  weakSecretBytes: 10,
  /** Characters of an issuer or account name. */
  maxLabelChars: 1024,
  /** Characters of an otpauth:// link: a QR code holds at most 4,296. */
  maxUriChars: 16_384,
  /** Characters of an otpauth-migration:// link: Google writes about 10 accounts per link. */
  maxMigrationUriChars: 65_536,
  /** Parts of one Google Authenticator export (batch_size); Google writes 10 accounts a part. */
  maxMigrationParts: 1000,
} as const;

export const DEFAULTS = {
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
} as const satisfies Partial<Account>;

/** Two accounts are the same account when they would produce the same codes. */
export function sameAccount(a: Account, b: Account): boolean {
  return (
    a.type === b.type &&
    a.issuer === b.issuer &&
    a.name === b.name &&
    a.secret === b.secret &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    (a.type === 'hotp' ? a.counter === b.counter : a.period === b.period)
  );
}

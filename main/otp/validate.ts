// One gate for every account, whatever it came from: a scanned or pasted URI, an importer, the
// add-account form or the CLI. What cannot produce working codes is rejected with an OtpError
// naming the field; what works but looks odd passes with a warning.
import { ALGORITHMS, DEFAULTS, LIMITS, OTP_TYPES } from './account';
import type { Account, Algorithm, OtpType } from './account';
import { encodeBase32, normalizeBase32 } from './base32';
import { displaySafe, quoteValue } from './display-text';
import { OtpError } from './errors';

/** Loosely typed account fields as foreign formats carry them (strings or numbers). */
export interface AccountInput {
  type?: string | undefined;
  issuer?: string | undefined;
  name?: string | undefined;
  /** Base32 text, or raw key bytes (Google's migration payload, some backups). */
  secret?: string | Uint8Array | undefined;
  algorithm?: string | undefined;
  digits?: number | string | undefined;
  period?: number | string | undefined;
  counter?: number | string | undefined;
}

export interface ValidatedAccount {
  account: Account;
  warnings: string[];
}

export function toAccount(input: AccountInput): ValidatedAccount {
  const warnings: string[] = [];
  const type = parseOtpType(input.type);
  const issuer = checkLabelPart('issuer', input.issuer ?? '', warnings);
  const name = checkLabelPart('account name', input.name ?? '', warnings);
  const secret = parseSecret(input.secret);
  const secretBytes = Math.floor((secret.length * 5) / 8);
  if (secretBytes < LIMITS.weakSecretBytes) {
    warnings.push(
      `The secret is only ${secretBytes * 8} bits long; it works, but RFC 4226 asks for at least 128.`,
    );
  }
  if (type === 'steam') {
    // Steam Guard fixes everything but the secret (and, in theory, the period).
    return {
      account: {
        type,
        issuer: issuer || 'Steam',
        name,
        secret,
        algorithm: 'SHA1',
        digits: LIMITS.steamDigits,
        period: input.period === undefined ? DEFAULTS.period : parsePeriod(input.period),
        counter: 0,
      },
      warnings,
    };
  }
  const account: Account = {
    type,
    issuer,
    name,
    secret,
    algorithm: parseAlgorithm(input.algorithm),
    digits: input.digits === undefined ? DEFAULTS.digits : parseDigits(input.digits),
    period: input.period === undefined ? DEFAULTS.period : parsePeriod(input.period),
    counter: 0,
  };
  if (type === 'hotp') {
    if (input.counter === undefined || input.counter === '') {
      throw new OtpError(
        'missing-counter',
        'An HOTP account needs its counter (&counter=… in the link); without it the codes would not match the site.',
      );
    }
    account.counter = parseCounter(input.counter);
  }
  return { account, warnings };
}

export function parseOtpType(value: string | undefined): OtpType {
  const type = (value ?? 'totp').slice(0, 64).trim().toLowerCase();
  if ((OTP_TYPES as readonly string[]).includes(type)) return type as OtpType;
  const known: Record<string, string> = {
    yaotp: 'Yandex.Key',
    motp: 'mOTP',
  };
  throw new OtpError(
    'unsupported-type',
    `Unsupported OTP type ${quoteValue(value)}${known[type] ? ` (${known[type]})` : ''}: TrayOTP supports totp, hotp and steam.`,
  );
}

function parseSecret(value: string | Uint8Array | undefined): string {
  if (value === undefined) throw new OtpError('missing-secret', 'The account has no secret.');
  if (typeof value === 'string') return normalizeBase32(value);
  if (value.length === 0) throw new OtpError('missing-secret', 'The secret is empty.');
  return normalizeBase32(encodeBase32(value));
}

function parseAlgorithm(value: string | undefined): Algorithm {
  if (value === undefined || value.trim() === '') return DEFAULTS.algorithm;
  const algorithm = value
    .slice(0, 64)
    .trim()
    .toUpperCase()
    .replace(/^HMAC[-_]?/, '')
    .replace('-', '');
  if ((ALGORITHMS as readonly string[]).includes(algorithm)) return algorithm as Algorithm;
  throw new OtpError(
    'unknown-algorithm',
    `Unknown algorithm ${quoteValue(value)}: TrayOTP supports SHA1, SHA256 and SHA512.`,
  );
}

function parseInteger(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  const text = value.slice(0, 64).trim();
  return /^\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

function parseDigits(value: number | string): number {
  const digits = parseInteger(value);
  if (digits === undefined || digits < LIMITS.minDigits || digits > LIMITS.maxDigits) {
    throw new OtpError(
      'invalid-digits',
      `Digits must be a whole number from ${LIMITS.minDigits} to ${LIMITS.maxDigits}, not ${quoteValue(value)}.`,
    );
  }
  return digits;
}

function parsePeriod(value: number | string): number {
  const period = parseInteger(value);
  if (period === undefined || period < LIMITS.minPeriod || period > LIMITS.maxPeriod) {
    throw new OtpError(
      'invalid-period',
      `The period must be a whole number of seconds from ${LIMITS.minPeriod} to ${LIMITS.maxPeriod}, not ${quoteValue(value)}.`,
    );
  }
  return period;
}

function parseCounter(value: number | string): number {
  const counter = parseInteger(value);
  if (counter === undefined || counter < 0) {
    throw new OtpError(
      'invalid-counter',
      `The HOTP counter must be a whole number from 0 to ${LIMITS.maxCounter}, not ${quoteValue(value)}.`,
    );
  }
  return counter;
}

/**
 * An issuer or account name: bounded before anything else, then cleaned of characters that act
 * instead of showing (a newline faking an extra row in a list, ESC sequences, bidi overrides),
 * with a warning that says so. See display-text.ts.
 */
function checkLabelPart(what: string, value: string, warnings: string[]): string {
  if (value.length > LIMITS.maxLabelChars * 4) throw labelTooLong(what, value.length);
  const cleaned = displaySafe(value);
  if (cleaned !== value) {
    warnings.push(
      `The ${what} held control or invisible formatting characters (line breaks, escape sequences, direction overrides); they were removed.`,
    );
  }
  const trimmed = cleaned.trim();
  if (trimmed.length > LIMITS.maxLabelChars) throw labelTooLong(what, trimmed.length);
  return trimmed;
}

function labelTooLong(what: string, length: number): OtpError {
  return new OtpError(
    'label-too-long',
    `The ${what} is ${length} characters long; at most ${LIMITS.maxLabelChars} are accepted.`,
  );
}

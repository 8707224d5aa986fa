// Base32 (RFC 4648) for OTP secrets. Decoding and encoding come from `otpauth`; this module adds
// the leniency real apps need (lower case, spaces, dashes, padding) and precise error messages.
import { Secret } from 'otpauth';
import { LIMITS } from './account';
import { quoteValue } from './display-text';
import { OtpError } from './errors';

const ALPHABET = /^[A-Z2-7]*$/;

/**
 * Normalises a secret as people and apps write it: upper case, no whitespace, dashes or padding.
 * Throws OtpError when what is left is not base32.
 */
export function normalizeBase32(input: string): string {
  // Bounded before any work: real secrets with spaces every four characters and padding are
  // well under twice the cleaned limit, and the cleaning below is then cheap.
  if (input.length > LIMITS.maxSecretInputChars) {
    throw new OtpError(
      'secret-too-long',
      `The secret is ${input.length} characters long; at most ${LIMITS.maxSecretChars} are accepted.`,
    );
  }
  const cleaned = withoutPadding(input.replace(/[\s-]/g, '').toUpperCase());
  if (cleaned.length === 0) throw new OtpError('missing-secret', 'The secret is empty.');
  if (cleaned.length > LIMITS.maxSecretChars) {
    throw new OtpError(
      'secret-too-long',
      `The secret is ${cleaned.length} characters long; at most ${LIMITS.maxSecretChars} are accepted.`,
    );
  }
  if (!ALPHABET.test(cleaned)) {
    const bad = [...cleaned].find((c) => !/[A-Z2-7]/.test(c));
    throw new OtpError(
      'invalid-secret',
      `The secret is not base32: ${quoteValue(bad)} is not one of A–Z, 2–7.`,
    );
  }
  if (Math.floor((cleaned.length * 5) / 8) === 0) {
    throw new OtpError('invalid-secret', 'The secret is too short to hold a key (one character).');
  }
  return cleaned;
}

/**
 * The text without its trailing '='. A loop, not /=+$/: that regex backtracks over every run of
 * '=' not at the end, quadratic in the run (300 KB of '=' took over a minute).
 */
function withoutPadding(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  return text.slice(0, end);
}

export function decodeBase32(input: string): Uint8Array {
  return Secret.fromBase32(normalizeBase32(input)).bytes;
}

export function encodeBase32(bytes: Uint8Array): string {
  return new Secret({ buffer: copyToArrayBuffer(bytes) }).base32;
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

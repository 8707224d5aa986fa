// HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes. Pure functions: the key, the counter
// and the time are parameters, so every result is reproducible in a test.
// node:crypto's HMAC is used rather than `otpauth`'s generator: with the key imported once as a
// KeyObject it measured several times faster (`npm run bench:otp`): importing a raw key is most
// of the cost of one HMAC, and otpauth imports it on every code.
import { createHmac, createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Account, Algorithm } from './account';
import { decodeBase32 } from './base32';

const HASH: Record<Algorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** A key as HMAC takes it: raw bytes, or (faster when reused) a KeyObject from otpKey. */
export type OtpKey = Uint8Array | KeyObject;

/** The account's key, imported once; reuse it for every code of that account. */
export function otpKey(secret: string): KeyObject {
  return createSecretKey(decodeBase32(secret));
}

/** RFC 4226 §5.3: HMAC of the 8-byte big-endian counter, dynamically truncated to 31 bits. */
export function hotpValue(key: OtpKey, counter: number, algorithm: Algorithm): number {
  const message = Buffer.alloc(8);
  // Write the counter as two 32-bit halves: it may exceed 2^32 but stays a safe integer.
  message.writeUInt32BE(Math.floor(counter / 0x1_0000_0000), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac(HASH[algorithm], key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return mac.readUInt32BE(offset) & 0x7fff_ffff;
}

export function hotp(key: OtpKey, counter: number, algorithm: Algorithm, digits: number): string {
  const value = hotpValue(key, counter, algorithm);
  // 10 digits exceed the 31-bit value, so the modulus is only applied where it cuts.
  const code = digits >= 10 ? value : value % 10 ** digits;
  return String(code).padStart(digits, '0');
}

/** The RFC 6238 time step T for a Unix time in seconds. */
export function timeStep(timeSeconds: number, period: number): number {
  return Math.floor(timeSeconds / period);
}

export function totp(
  key: OtpKey,
  timeSeconds: number,
  period: number,
  algorithm: Algorithm,
  digits: number,
): string {
  return hotp(key, timeStep(timeSeconds, period), algorithm, digits);
}

/** Steam Guard: the TOTP value written in Steam's 26-character alphabet, 5 characters. */
export function steam(key: OtpKey, timeSeconds: number, period = 30): string {
  let value = hotpValue(key, timeStep(timeSeconds, period), 'SHA1');
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/**
 * The code an account shows at a Unix time (seconds). HOTP uses the account's counter. Pass the
 * account's `otpKey` when computing many codes of it.
 */
export function codeFor(
  account: Account,
  timeSeconds: number,
  key: OtpKey = otpKey(account.secret),
): string {
  switch (account.type) {
    case 'hotp':
      return hotp(key, account.counter, account.algorithm, account.digits);
    case 'steam':
      return steam(key, timeSeconds, account.period);
    case 'totp':
      return totp(key, timeSeconds, account.period, account.algorithm, account.digits);
  }
}

/** Seconds until the current TOTP code expires (1..period). */
export function secondsLeft(timeSeconds: number, period: number): number {
  return period - (Math.floor(timeSeconds) % period);
}

// FreeOTP's token JSON (Gson of its Token class), shared by FreeOTP 1.x tokens.xml, FreeOTP+
// (a fork that kept the format) and FreeOTP 2 backups: {type: "TOTP"|"HOTP", algo, digits,
// period, counter, issuerExt, issuerInt, issuerAlt, label, labelAlt, secret?}.
import type { AccountInput } from '../otp';
import { isRecord } from './read-content';

export interface FreeOtpToken {
  /** What the user would recognise the token by, for a skipped entry's label. */
  label: string;
  account: AccountInput;
}

/**
 * How the stored HOTP counter relates to the otpauth `counter` (the next counter to use).
 * FreeOTP 1.x and FreeOTP+ store it one lower ("counter = uri counter - 1" when a link is
 * scanned) and write counter + 1 whenever they export a link, so the link's counter is
 * stored + 1. FreeOTP 2 stores the link's counter as it is.
 */
export type CounterConvention = 'stored-minus-one' | 'as-stored';

export function tokenToInput(
  token: Record<string, unknown>,
  secret: Uint8Array | undefined,
  convention: CounterConvention,
): FreeOtpToken {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
  const numeric = (value: unknown) =>
    typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : undefined;
  // The user's renames (issuerAlt/labelAlt) win, as they do in FreeOTP's own list.
  const issuer = text(token.issuerAlt) ?? text(token.issuerExt) ?? text(token.issuerInt) ?? '';
  const name = text(token.labelAlt) ?? text(token.label) ?? '';
  const rawType = typeof token.type === 'string' ? token.type.toLowerCase() : undefined;
  // FreeOTP has no Steam type: it shows Steam codes for a TOTP token whose issuer is "Steam".
  const type = rawType === 'totp' && issuer === 'Steam' ? 'steam' : rawType;
  let counter = numeric(token.counter);
  if (type === 'hotp' && convention === 'stored-minus-one' && counter !== undefined) {
    const stored = Number(counter);
    counter = Number.isSafeInteger(stored) ? stored + 1 : counter;
  }
  const label = [issuer, name].filter(Boolean).join(': ') || 'FreeOTP token';
  const account: AccountInput = {
    type,
    issuer,
    name,
    secret,
    // FreeOTP 2 writes null for "the default": SHA1, 6 digits, 30 s.
    algorithm: text(token.algo),
    digits: numeric(token.digits),
    period: type === 'hotp' ? undefined : numeric(token.period),
    counter: type === 'hotp' ? counter : undefined,
  };
  return { label, account };
}

export function parseToken(json: string): Record<string, unknown> | undefined {
  try {
    const token = JSON.parse(json) as unknown;
    return isRecord(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

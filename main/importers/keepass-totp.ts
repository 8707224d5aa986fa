// Where KeePass tools keep an entry's TOTP secret, read in KeePassXC's order (src/core/Entry.cpp
// updateTotp and src/core/Totp.cpp parseSettings, keepassxreboot/keepassxc):
//   1. "TOTP Seed" + "TOTP Settings" (KeeTrayTOTP, old KeePassXC): settings "step;digits", or
//      "step;S" for Steam Guard (KeePassXC then uses 30 s whatever the step says);
//   2. "otp": an otpauth:// link (KeePassXC ≥ 2.3), or KeeOtp's "key=…&step=…&size=…&otpHashMode=…";
//   3. KeePass 2.47's own fields: TimeOtp-Secret(-Base32/-Hex/-Base64), TimeOtp-Algorithm
//      ("HMAC-SHA-256"), TimeOtp-Length, TimeOtp-Period; HmacOtp-Secret… and HmacOtp-Counter
//      for HOTP.
// The entry's Title and UserName name the account: KeePassXC shows them, and the label inside its
// otp link is whatever the entry was called when TOTP was set up ("KeePassXC:none" when untitled).
import { OtpError, parseOtpUri } from '../otp';
import type { AccountInput } from '../otp';

/** An entry's string fields, already unprotected. */
export type EntryFields = ReadonlyMap<string, string>;

/** The entry's TOTP settings as loose fields for toAccount, or undefined when it has none. */
export function totpInput(fields: EntryFields): AccountInput | undefined {
  const issuer = fields.get('Title')?.trim() ?? '';
  const name = fields.get('UserName')?.trim() ?? '';
  const seed = fields.get('TOTP Seed');
  if (fields.has('TOTP Settings') || seed) {
    return legacy(seed, fields.get('TOTP Settings') ?? '', issuer, name);
  }
  const otp = fields.get('otp')?.trim();
  if (otp) {
    return otp.toLowerCase().startsWith('otpauth://')
      ? fromLink(otp, issuer, name)
      : keeOtp(otp, issuer, name);
  }
  return keePass2(fields, issuer, name);
}

function legacy(seed: string | undefined, settings: string, issuer: string, name: string) {
  const [step, digits] = settings.split(';').map((part) => part.trim());
  const base: AccountInput = { issuer, name, secret: seed };
  if (digits === undefined) return base; // KeePassXC's defaults: 30 s, 6 digits
  if (digits === 'S') return { ...base, type: 'steam' };
  return { ...base, type: 'totp', period: step, digits };
}

/** An otpauth link: its parameters, under the entry's names (the link's only where those are empty). */
function fromLink(uri: string, title: string, userName: string): AccountInput {
  const { account } = parseOtpUri(uri);
  const linkName = account.name === 'none' ? '' : account.name;
  return {
    type: account.type,
    issuer: title || account.issuer,
    name: userName || linkName,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.type === 'hotp' ? account.counter : undefined,
  };
}

/** KeeOtp's query form (KeePassXC writes and reads it too). */
function keeOtp(value: string, issuer: string, name: string): AccountInput {
  const params = new URLSearchParams(value);
  if (!params.has('key')) {
    throw new OtpError(
      'not-a-uri',
      'The otp field is neither an otpauth:// link nor a KeeOtp key=… setting.',
    );
  }
  const hotp = params.get('type')?.toLowerCase() === 'hotp';
  return {
    type: hotp ? 'hotp' : 'totp',
    issuer,
    name,
    secret: params.get('key') ?? undefined,
    algorithm: params.get('otpHashMode') ?? undefined,
    digits: params.get('size') ?? undefined,
    period: params.get('step') ?? undefined,
    counter: hotp ? (params.get('counter') ?? undefined) : undefined,
  };
}

function keePass2(fields: EntryFields, issuer: string, name: string): AccountInput | undefined {
  const time = secretField(fields, 'TimeOtp-Secret');
  if (time !== undefined) {
    return {
      type: 'totp',
      issuer,
      name,
      secret: time,
      algorithm: fields.get('TimeOtp-Algorithm'),
      digits: fields.get('TimeOtp-Length'),
      period: fields.get('TimeOtp-Period'),
    };
  }
  const hmac = secretField(fields, 'HmacOtp-Secret');
  if (hmac === undefined) return undefined;
  return {
    type: 'hotp',
    issuer,
    name,
    secret: hmac,
    counter: fields.get('HmacOtp-Counter') ?? '0',
  };
}

/** KeePass 2's secret in whichever encoding the entry has it (Base32 as text, others as bytes). */
function secretField(fields: EntryFields, prefix: string): string | Uint8Array | undefined {
  const base32 = fields.get(`${prefix}-Base32`);
  if (base32 !== undefined) return base32;
  const hex = fields.get(`${prefix}-Hex`)?.replace(/\s/g, '');
  if (hex !== undefined) {
    if (!/^([0-9a-fA-F]{2})*$/.test(hex)) {
      throw new OtpError('invalid-secret', `The ${prefix}-Hex field is not hexadecimal.`);
    }
    return Buffer.from(hex, 'hex');
  }
  const base64 = fields.get(`${prefix}-Base64`)?.replace(/\s/g, '');
  if (base64 !== undefined) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
      throw new OtpError('invalid-secret', `The ${prefix}-Base64 field is not base64.`);
    }
    return Buffer.from(base64, 'base64');
  }
  const utf8 = fields.get(prefix);
  return utf8 === undefined ? undefined : Buffer.from(utf8, 'utf8');
}

// Key URI format (otpauth://TYPE/LABEL?PARAMETERS), as Google's Key-Uri-Format describes it and
// as real apps write it. Parsing is lenient where the meaning is clear (case, padding, spaces,
// '+' for space, issuer only in the label or only in the parameter) and strict where a code
// could come out wrong (missing secret, HOTP without counter, unknown algorithm, bad numbers).
import type { Account } from './account';
import { DEFAULTS, LIMITS } from './account';
import { displaySafe, quoteValue } from './display-text';
import { OtpError } from './errors';
import { parseOtpType, toAccount } from './validate';
import type { AccountInput, ValidatedAccount } from './validate';

const SCHEME = 'otpauth://';

export function parseOtpUri(text: string): ValidatedAccount {
  const uri = text.trim();
  if (uri.length > LIMITS.maxUriChars) {
    throw new OtpError(
      'uri-too-long',
      `The link is ${uri.length} characters long; an otpauth link is never longer than ${LIMITS.maxUriChars}.`,
    );
  }
  checkScheme(uri);
  // The fragment is dropped with indexOf, not /#.*$/: that regex backtracks over every '#'
  // before a line break, quadratic in the link's length.
  const hash = uri.indexOf('#');
  const rest = uri.slice(SCHEME.length, hash === -1 ? uri.length : hash);
  const typeEnd = rest.search(/[/?]/);
  const type = typeEnd === -1 ? rest : rest.slice(0, typeEnd);
  const afterType = typeEnd === -1 ? '' : rest.slice(typeEnd);
  if (!type) {
    throw new OtpError(
      'unsupported-type',
      'The link has no type: expected otpauth://totp/… or otpauth://hotp/….',
    );
  }
  parseOtpType(type);
  const queryStart = afterType.indexOf('?');
  const rawLabel = (queryStart === -1 ? afterType : afterType.slice(0, queryStart)).replace(
    /^\//,
    '',
  );
  const warnings: string[] = [];
  const params = parseQuery(queryStart === -1 ? '' : afterType.slice(queryStart + 1), warnings);
  const label = decodePart(rawLabel, 'label');

  const { issuer, name } = splitLabel(label, params.get('issuer'), warnings);
  if (!displaySafe(issuer).trim() && !displaySafe(name).trim()) {
    throw new OtpError(
      'missing-label',
      'The link names no account: its label is empty and it has no issuer parameter.',
    );
  }

  let otpType = type.toLowerCase();
  const encoder = params.get('encoder')?.toLowerCase();
  if (otpType === 'totp' && (encoder === 'steam' || params.has('steam'))) otpType = 'steam';
  if (
    otpType === 'totp' &&
    (issuer || name).toLowerCase() === 'steam' &&
    (!params.has('digits') || params.get('digits') === '5')
  ) {
    // Steam Guard exports (SDA, steamguard-cli) write plain totp links with issuer Steam; Steam
    // never issues standard TOTP, so 6-digit codes from such a link would never work.
    otpType = 'steam';
    warnings.push('Treated as a Steam Guard account because its issuer is Steam.');
  }

  const input: AccountInput = {
    type: otpType,
    issuer,
    name,
    secret: params.get('secret'),
    algorithm: params.get('algorithm'),
    digits: params.get('digits'),
    period: params.get('period'),
    counter: params.get('counter'),
  };
  const result = toAccount(input);
  return { account: result.account, warnings: [...warnings, ...result.warnings] };
}

export function formatOtpUri(account: Account): string {
  const issuer = encodeURIComponent(account.issuer);
  const name = encodeURIComponent(account.name);
  // With no issuer, a name containing ':' is written as ':name' so it is not read back as
  // "issuer:name" (an empty label issuer is read as no issuer).
  const label = account.issuer
    ? `${issuer}:${name}`
    : account.name.includes(':')
      ? `:${name}`
      : name;
  // Defaults are left out: shorter links make QR codes with bigger modules, easier to scan.
  const params = [`secret=${account.secret}`];
  if (account.issuer) params.push(`issuer=${issuer}`);
  if (account.type === 'hotp') params.push(`counter=${account.counter}`);
  if (account.type !== 'steam') {
    // A TOTP account named Steam with default digits would read back as Steam Guard (see
    // parseOtpUri): its digits are written so it stays TOTP. Found by the round-trip fuzzer.
    const readAsSteam =
      account.type === 'totp' && (account.issuer || account.name).toLowerCase() === 'steam';
    if (account.digits !== DEFAULTS.digits || readAsSteam) {
      params.push(`digits=${account.digits}`);
    }
    if (account.algorithm !== DEFAULTS.algorithm) params.push(`algorithm=${account.algorithm}`);
  }
  if (account.type !== 'hotp' && account.period !== DEFAULTS.period) {
    params.push(`period=${account.period}`);
  }
  // Steam is written as Aegis writes it (otpauth://steam/...): an app that does not know Steam
  // Guard then rejects the link instead of showing numeric codes that never work.
  return `${SCHEME}${account.type}/${label}?${params.join('&')}`;
}

function checkScheme(uri: string): void {
  const lower = uri.toLowerCase();
  if (lower.startsWith(SCHEME)) return;
  if (lower.startsWith('otpauth-migration://')) {
    throw new OtpError(
      'wrong-scheme',
      'This is a Google Authenticator export link (otpauth-migration://); import it as a migration instead.',
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
  if (scheme) {
    throw new OtpError(
      'wrong-scheme',
      `This is a ${scheme.slice(0, 40)}: link, not an otpauth:// key URI.`,
    );
  }
  throw new OtpError('not-a-uri', 'This is not an otpauth:// link.');
}

/**
 * Query parameters: names case-insensitive, '+' is a space. A name given twice with different
 * values is refused: apps disagree on which one wins (first or last), so either choice would
 * give some link codes that never match. The same value twice is harmless: a warning.
 */
function parseQuery(query: string, warnings: string[]): Map<string, string> {
  const params = new Map<string, string>();
  const repeated = new Set<string>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodePart(eq === -1 ? pair : pair.slice(0, eq), 'parameter').toLowerCase();
    const value = eq === -1 ? '' : decodePart(pair.slice(eq + 1), `${key} parameter`);
    const earlier = params.get(key);
    if (earlier === undefined) {
      params.set(key, value);
    } else if (earlier !== value) {
      throw new OtpError(
        'conflicting-parameter',
        `The link gives ${quoteValue(key)} twice with different values (${quoteValue(earlier)} and ${quoteValue(value)}); apps disagree on which one counts, so it is not imported. Fix the link or export it again.`,
      );
    } else if (!repeated.has(key)) {
      repeated.add(key);
      warnings.push(`The link gives ${quoteValue(key)} more than once (with the same value).`);
    }
  }
  return params;
}

function decodePart(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new OtpError('not-a-uri', `The link's ${what} has a broken %-escape.`);
  }
}

/**
 * "Issuer:name" or "name" labels. The issuer parameter wins over the label's prefix (it is the
 * one Google's spec calls authoritative); a disagreement is reported, not silently dropped.
 */
function splitLabel(
  label: string,
  issuerParam: string | undefined,
  warnings: string[],
): { issuer: string; name: string } {
  const paramIssuer = issuerParam?.trim() ?? '';
  if (paramIssuer && label.startsWith(`${paramIssuer}:`)) {
    return { issuer: paramIssuer, name: label.slice(paramIssuer.length + 1).trim() };
  }
  const colon = label.indexOf(':');
  const labelIssuer = colon === -1 ? '' : label.slice(0, colon).trim();
  const name = (colon === -1 ? label : label.slice(colon + 1)).trim();
  if (paramIssuer) {
    if (labelIssuer && labelIssuer !== paramIssuer) {
      warnings.push(
        `The label says the issuer is ${quoteValue(labelIssuer, 100)} but the issuer parameter says ${quoteValue(paramIssuer, 100)}; keeping ${quoteValue(paramIssuer, 100)}.`,
      );
    }
    return { issuer: paramIssuer, name };
  }
  return { issuer: labelIssuer, name };
}

// TOTP Authenticator (com.authenticator.authservice2, by BinaryBoot).
// Backup file (.bin / .txt): base64 of AES-256-CBC(key = SHA-256(password), IV = 16 zero bytes,
// PKCS#7). The plaintext is a JSON object whose first KEY is a JSON array (as a string) of
// accounts — an odd shape, but the app's. Users who set no password get the app's built-in one,
// "TotpAuthenticator", which is tried when no password (or a wrong one) is given.
// Internal file: shared_prefs TOTP_Authenticator_Preferences.xml, STATIC_TOTP_CODES_LIST.
// Each account: {issuer, name, key, base: 16|32|64 (how `key` is written), digits, period}, with
// digits and period as strings. The app stores no algorithm: SHA1.
import { createHash } from 'node:crypto';
import { sharedPrefsOf } from './android-prefs';
import { aesCbcDecrypt } from './crypto/aead';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { base64Of, isRecord } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const PREF_KEY = 'STATIC_TOTP_CODES_LIST';
export const TOTP_AUTHENTICATOR_DEFAULT_PASSWORD = 'TotpAuthenticator';

function internalList(input: ImportInput): string | undefined {
  return sharedPrefsOf(input.bytes)?.get(PREF_KEY);
}

/** The ciphertext when the file looks like a backup: base64 of whole AES blocks. */
function backupCiphertext(input: ImportInput): Buffer | undefined {
  const bytes = base64Of(input.bytes);
  return bytes && bytes.length >= 32 && bytes.length % 16 === 0 ? bytes : undefined;
}

export const totpAuthenticatorImporter: Importer = {
  id: 'totp-authenticator',
  label: 'TOTP Authenticator',
  detect(input: ImportInput): Detection {
    if (internalList(input) !== undefined) return { confidence: 2, encrypted: false };
    // Base64 of whole AES blocks is all a backup shows from outside: a weak sign.
    if (backupCiphertext(input)) return { confidence: 1, encrypted: true };
    return { confidence: 0, encrypted: false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const list = internalList(input) ?? decryptBackup(input, password);
    let accounts: unknown;
    try {
      accounts = JSON.parse(list) as unknown;
    } catch {
      accounts = undefined;
    }
    if (!Array.isArray(accounts)) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" holds no TOTP Authenticator account list.`,
      );
    }
    const collector = new EntryCollector();
    for (const item of accounts) addEntry(collector, item);
    return { format: 'totp-authenticator', entries: collector.entries, skipped: collector.skipped };
  },
};

function decryptBackup(input: ImportInput, password: string | undefined): string {
  const ciphertext = backupCiphertext(input);
  if (!ciphertext) {
    throw new ImportError('damaged', `"${input.fileName}" is not a TOTP Authenticator backup.`);
  }
  const candidates = [password, TOTP_AUTHENTICATOR_DEFAULT_PASSWORD].filter(
    (candidate): candidate is string => candidate !== undefined && candidate !== '',
  );
  for (const candidate of new Set(candidates)) {
    const list = tryDecrypt(ciphertext, candidate);
    if (list !== undefined) return list;
  }
  if (!password) {
    throw new ImportError(
      'password-required',
      'This TOTP Authenticator backup has its own password (the app default did not open it): enter it.',
    );
  }
  throw new ImportError(
    'wrong-password',
    'The password does not open this TOTP Authenticator backup.',
  );
}

/** The account list inside, or undefined when the password is wrong. */
function tryDecrypt(ciphertext: Buffer, password: string): string | undefined {
  const key = createHash('sha256').update(password, 'utf8').digest();
  const plain = aesCbcDecrypt(key, Buffer.alloc(16), ciphertext)?.toString('utf8');
  if (plain === undefined) return undefined;
  // No integrity check (CBC): a wrong key with lucky padding is caught by the JSON shape.
  try {
    const outer = JSON.parse(plain) as unknown;
    const first = isRecord(outer) ? Object.keys(outer)[0] : undefined;
    return first;
  } catch {
    return undefined;
  }
}

function addEntry(collector: EntryCollector, item: unknown): void {
  // The internal list may hold each account as a JSON string rather than an object.
  let entry: unknown = item;
  if (typeof item === 'string') {
    try {
      entry = JSON.parse(item) as unknown;
    } catch {
      entry = undefined;
    }
  }
  const fields = isRecord(entry) ? entry : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const issuer = text(fields.issuer);
  const name = text(fields.name);
  const label = [issuer, name].filter(Boolean).join(': ') || 'TOTP Authenticator account';
  const key = text(fields.key) ?? '';
  const base = Number(fields.base);
  let secret: string | Uint8Array;
  if (base === 16 && /^([0-9a-fA-F]{2})+$/.test(key)) secret = Buffer.from(key, 'hex');
  else if (base === 32) secret = key;
  else if (base === 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(key)) secret = Buffer.from(key, 'base64');
  else {
    collector.skip(label, `Its key is not valid base-${String(fields.base)} text.`);
    return;
  }
  // The app keeps digits and period per account (as strings); they are what its codes use.
  const numeric = (value: unknown) =>
    (typeof value === 'string' && value.trim() !== '') || typeof value === 'number'
      ? value
      : undefined;
  collector.add({
    issuer,
    name,
    secret,
    algorithm: 'SHA1',
    digits: numeric(fields.digits),
    period: numeric(fields.period),
  });
}

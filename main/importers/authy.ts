// Authy (Android) keeps its authenticator accounts in shared_prefs
// com.authy.storage.tokens.authenticator.xml: one <string> holding a JSON array of accounts.
// Each has `decryptedSecret` (base32), or, when the user set a backup password,
// `encryptedSecret` (base64) and `salt`: key = PBKDF2-HMAC-SHA1(password, salt as UTF-8 text,
// 1000 iterations, 256 bits); AES-256-CBC with a zero IV and PKCS#7; the plaintext is the base32
// secret. Authy stores digits but no algorithm or period: its codes are SHA1 every 30 s.
import { sharedPrefsOf } from './android-prefs';
import { aesCbcDecrypt } from './crypto/aead';
import { pbkdf2Key } from './crypto/kdf';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { isRecord } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const TOKENS_KEY = 'com.authy.storage.tokens.authenticator.key';

type AuthyEntry = Record<string, unknown>;

function authyEntries(input: ImportInput): AuthyEntry[] | undefined {
  const value = sharedPrefsOf(input.bytes)?.get(TOKENS_KEY);
  if (value === undefined) return undefined;
  try {
    const json = JSON.parse(value) as unknown;
    return Array.isArray(json) ? json.map((entry) => (isRecord(entry) ? entry : {})) : undefined;
  } catch {
    return undefined;
  }
}

const isEncrypted = (entry: AuthyEntry) => typeof entry.encryptedSecret === 'string';

export const authyImporter: Importer = {
  id: 'authy',
  label: 'Authy',
  detect(input: ImportInput): Detection {
    const entries = authyEntries(input);
    if (!entries) return { confidence: 0, encrypted: false };
    return { confidence: 2, encrypted: entries.some(isEncrypted) };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const entries = authyEntries(input);
    if (!entries) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" holds no Authy accounts (${TOKENS_KEY} is missing or not JSON).`,
      );
    }
    const encrypted = entries.filter(isEncrypted);
    if (encrypted.length > 0 && !password) {
      throw new ImportError(
        'password-required',
        'These Authy accounts are encrypted with your Authy backup password: enter it.',
      );
    }
    const collector = new EntryCollector();
    let opened = 0;
    for (const entry of entries) {
      const { issuer, name } = labelOf(entry);
      let secret = typeof entry.decryptedSecret === 'string' ? entry.decryptedSecret : undefined;
      if (isEncrypted(entry)) {
        secret = await decryptSecret(entry, password ?? '');
        if (secret === undefined) {
          collector.skip(
            [issuer, name].filter(Boolean).join(': ') || 'Authy account',
            'The backup password does not decrypt this account.',
          );
          continue;
        }
        opened += 1;
      }
      const digits = typeof entry.digits === 'number' ? entry.digits : undefined;
      collector.add({ issuer, name, secret, digits, algorithm: 'SHA1', period: 30 });
    }
    // Not one account opened: the password is wrong, not the file (each has its own salt).
    if (encrypted.length > 0 && opened === 0) {
      throw new ImportError('wrong-password', 'The Authy backup password is not right.');
    }
    return { format: 'authy', entries: collector.entries, skipped: collector.skipped };
  },
};

/**
 * Issuer and name as Authy showed them: the issuer the site gave (originalIssuer, else the part
 * of originalName before ':'), the name the user sees with the issuer prefix taken off.
 */
function labelOf(entry: AuthyEntry): { issuer: string; name: string } {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const originalName = text(entry.originalName);
  const shown = text(entry.name);
  let issuer = text(entry.originalIssuer);
  if (!issuer && originalName.includes(':'))
    issuer = originalName.slice(0, originalName.indexOf(':'));
  if (!issuer && shown.includes(' - ')) issuer = shown.slice(0, shown.indexOf(' - '));
  let name = shown || originalName;
  for (const separator of [': ', ':', ' - ']) {
    if (issuer && name.startsWith(issuer + separator)) {
      name = name.slice(issuer.length + separator.length);
      break;
    }
  }
  return { issuer, name: name.trim() };
}

/** The base32 secret, or undefined when the password does not decrypt it. */
async function decryptSecret(entry: AuthyEntry, password: string): Promise<string | undefined> {
  const salt = typeof entry.salt === 'string' ? entry.salt : '';
  const ciphertext = Buffer.from(String(entry.encryptedSecret), 'base64');
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) return undefined;
  const key = await pbkdf2Key(password, Buffer.from(salt, 'utf8'), 1000, 32, 'sha1');
  const plain = aesCbcDecrypt(key, Buffer.alloc(16), ciphertext)?.toString('latin1');
  // CBC has no integrity check: a wrong key that happens to leave valid padding shows up as
  // text that is not base32.
  return plain !== undefined && /^[A-Za-z2-7= ]+$/.test(plain) ? plain : undefined;
}

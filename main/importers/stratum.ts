// Stratum (formerly Authenticator Pro) backups. Plain: JSON {Authenticators: [{Type, Issuer,
// Username, Secret, Pin, Algorithm, Digits, Period, Counter}], Categories, …}. Encrypted, told
// apart by a 16-byte header:
//  - "AUTHENTICATORPRO" (current): salt(16) ‖ iv(12) ‖ AES-256-GCM ciphertext ‖ tag(16),
//    key = Argon2id(t = 3, m = 64 MiB, p = 4, 32 bytes) — memory-hard;
//  - "AuthenticatorPro" (legacy): salt(20) ‖ iv(16) ‖ AES-256-CBC/PKCS#7,
//    key = PBKDF2-HMAC-SHA1(64 000 iterations, 32 bytes).
// Also the app's own database (databases/authenticator.db3, SQLite, table authenticator with the
// same fields), which a rooted phone's backup holds.
import { aesCbcDecrypt, aesGcmDecryptJoined } from './crypto/aead';
import { argon2idKey, pbkdf2Key } from './crypto/kdf';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { isRecord, jsonOf } from './read-content';
import { readImportTable, schemaMatches } from './sqlite-reader';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const CURRENT_HEADER = 'AUTHENTICATORPRO';
const LEGACY_HEADER = 'AuthenticatorPro';

const TYPES: Record<number, string> = { 1: 'hotp', 2: 'totp', 3: 'motp', 4: 'steam', 5: 'yaotp' };
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

function headerOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 16)).toString('latin1');
}

const DATABASE_SCHEMA = /CREATE TABLE\s+["'`[]?authenticator["'`\]]?\s*\([^;]{0,2000}?\bsecret\b/i;

function isPlainBackup(json: unknown): json is { Authenticators: unknown[] } {
  return isRecord(json) && Array.isArray(json.Authenticators);
}

export const stratumImporter: Importer = {
  id: 'stratum',
  label: 'Stratum (Authenticator Pro)',
  detect(input: ImportInput): Detection {
    const header = headerOf(input.bytes);
    if (header === CURRENT_HEADER || header === LEGACY_HEADER) {
      return { confidence: 2, encrypted: true };
    }
    if (schemaMatches(input.bytes, DATABASE_SCHEMA)) return { confidence: 2, encrypted: false };
    return { confidence: isPlainBackup(jsonOf(input.bytes)) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    if (schemaMatches(input.bytes, DATABASE_SCHEMA)) return readDatabase(input);
    const header = headerOf(input.bytes);
    const encrypted = header === CURRENT_HEADER || header === LEGACY_HEADER;
    let json: unknown;
    if (encrypted) {
      if (!password) {
        throw new ImportError(
          'password-required',
          'This Stratum backup is encrypted: enter its password.',
        );
      }
      const body = Buffer.from(input.bytes.subarray(16));
      const plain =
        header === CURRENT_HEADER
          ? await decryptCurrent(body, password)
          : await decryptLegacy(body, password);
      json = jsonOf(plain);
      if (json === undefined) throw wrongPassword();
    } else {
      json = jsonOf(input.bytes);
    }
    if (!isPlainBackup(json)) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not a Stratum backup: it has no Authenticators list.`,
      );
    }
    const collector = new EntryCollector();
    for (const item of json.Authenticators) addEntry(collector, item);
    return { format: 'stratum', entries: collector.entries, skipped: collector.skipped };
  },
};

async function readDatabase(input: ImportInput): Promise<ImportResult> {
  const rows = await readImportTable(input, 'authenticator');
  if (!rows) {
    throw new ImportError('damaged', `"${input.fileName}" has no Stratum authenticator table.`);
  }
  const collector = new EntryCollector();
  for (const row of rows) {
    // Column names are the app's property names; their case has varied between versions.
    const fields = Object.fromEntries(Object.entries(row).map(([k, v]) => [capitalise(k), v]));
    addEntry(collector, fields);
  }
  return { format: 'stratum', entries: collector.entries, skipped: collector.skipped };
}

function capitalise(column: string): string {
  return column.charAt(0).toUpperCase() + column.slice(1).toLowerCase();
}

function addEntry(collector: EntryCollector, item: unknown): void {
  const entry = isRecord(item) ? item : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const numeric = (value: unknown) =>
    typeof value === 'number' || typeof value === 'string' ? value : undefined;
  const typeCode = typeof entry.Type === 'number' ? entry.Type : -1;
  const algorithm = typeof entry.Algorithm === 'number' ? ALGORITHMS[entry.Algorithm] : undefined;
  collector.add({
    type: TYPES[typeCode] ?? `type ${String(entry.Type)}`,
    issuer: text(entry.Issuer),
    name: text(entry.Username),
    secret: text(entry.Secret),
    algorithm:
      algorithm ?? (entry.Algorithm === undefined ? undefined : `code ${String(entry.Algorithm)}`),
    digits: numeric(entry.Digits),
    period: numeric(entry.Period),
    counter: numeric(entry.Counter),
  });
}

function wrongPassword(): ImportError {
  return new ImportError(
    'wrong-password',
    'The password does not open this Stratum backup (or the file was altered).',
  );
}

async function decryptCurrent(body: Buffer, password: string): Promise<Buffer> {
  if (body.length < 16 + 12 + 16) {
    throw new ImportError('damaged', 'The Stratum backup is cut short.');
  }
  const key = await argon2idKey(
    password,
    body.subarray(0, 16),
    { iterations: 3, memoryKiB: 64 * 1024, parallelism: 4 },
    32,
  );
  const plain = aesGcmDecryptJoined(key, body.subarray(16, 28), body.subarray(28));
  if (!plain) throw wrongPassword();
  return plain;
}

async function decryptLegacy(body: Buffer, password: string): Promise<Buffer> {
  if (body.length < 20 + 16 + 16 || (body.length - 36) % 16 !== 0) {
    throw new ImportError('damaged', 'The legacy Stratum backup is cut short.');
  }
  const key = await pbkdf2Key(password, body.subarray(0, 20), 64_000, 32, 'sha1');
  // CBC has no integrity check: bad padding is what a wrong key almost always gives (and the
  // JSON check after it catches the rest).
  const plain = aesCbcDecrypt(key, body.subarray(20, 36), body.subarray(36));
  if (!plain) throw wrongPassword();
  return plain;
}

// andOTP backups. Plain: a JSON array of {secret, issuer, label, digits, type, algorithm, period,
// counter, tags}. Encrypted, new format: [4-byte BE PBKDF2 iterations][12-byte salt][12-byte
// nonce][ciphertext][16-byte tag], key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bit),
// AES-256-GCM. Old format: [12-byte nonce][ciphertext][tag], key = SHA-256(password).
// Neither encrypted format has a header, so they are recognised by elimination: binary data with
// no known header that looks random (Aegis's andOTP importer asks the user instead).
import { createHash } from 'node:crypto';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { aesGcmDecryptJoined } from './crypto/aead';
import { pbkdf2Key } from './crypto/kdf';
import { isObject, num, parseJson, str } from './json';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const FORMAT = 'andotp';
const NONCE = 12;
const TAG = 16;
const SALT = 12;
const MIN_ITERATIONS = 1_000;
/** andOTP picks 140 000–160 000; far above (the PBKDF2 bound of Bitwarden, 2 million) would only stall the import. */
const MAX_ITERATIONS = 2_000_000;

export const andotpImporter: Importer = {
  id: FORMAT,
  label: 'andOTP',
  detect(input: ImportInput): Detection {
    const entries = parseJson(input.bytes);
    if (isAndotpList(entries)) return { confidence: 2, encrypted: false };
    if (hasIterationsHeader(input.bytes) || looksEncrypted(input.bytes)) {
      return { confidence: 1, encrypted: true };
    }
    return { confidence: 0, encrypted: false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const plain = parseJson(input.bytes);
    if (isAndotpList(plain)) return readEntries(plain);
    if (input.bytes.length < NONCE + TAG + 2) {
      throw new ImportError('damaged', `"${input.fileName}" is too short to be an andOTP backup.`);
    }
    if (password === undefined) {
      throw new ImportError(
        'password-required',
        'This looks like an encrypted andOTP backup; enter its password.',
      );
    }
    const decrypted =
      (await decryptNew(input.bytes, password)) ?? decryptOld(input.bytes, password);
    if (!decrypted) {
      throw new ImportError(
        'wrong-password',
        'Wrong password for this andOTP backup (or the file is not an andOTP backup).',
      );
    }
    const entries = parseJson(decrypted);
    if (!Array.isArray(entries)) {
      throw new ImportError(
        'damaged',
        'The andOTP backup decrypted, but holds no list of entries.',
      );
    }
    return readEntries(entries);
  },
};

function isAndotpList(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (entry) => isObject(entry) && 'secret' in entry && 'type' in entry && 'label' in entry,
    )
  );
}

function hasIterationsHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 4 + SALT + NONCE + TAG + 2 || isText(bytes)) return false;
  const iterations = Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0);
  return iterations >= MIN_ITERATIONS && iterations <= MAX_ITERATIONS;
}

/** Whether the bytes are UTF-8 text (then they are not andOTP ciphertext). */
function isText(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096));
    return !bytes.subarray(0, 4096).includes(0);
  } catch {
    return false;
  }
}

async function decryptNew(bytes: Uint8Array, password: string): Promise<Buffer | undefined> {
  const data = Buffer.from(bytes);
  if (data.length < 4 + SALT + NONCE + TAG) return undefined;
  const iterations = data.readUInt32BE(0);
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return undefined;
  const salt = data.subarray(4, 4 + SALT);
  const nonce = data.subarray(4 + SALT, 4 + SALT + NONCE);
  const key = await pbkdf2Key(password, salt, iterations, 32, 'sha1');
  return aesGcmDecryptJoined(key, nonce, data.subarray(4 + SALT + NONCE));
}

function decryptOld(bytes: Uint8Array, password: string): Buffer | undefined {
  const data = Buffer.from(bytes);
  const key = createHash('sha256').update(password, 'utf8').digest();
  return aesGcmDecryptJoined(key, data.subarray(0, NONCE), data.subarray(NONCE));
}

/**
 * Binary, not text, and about as random as ciphertext: the byte entropy is close to the most
 * the length allows. Files with a known header are claimed with more confidence by their own
 * importers, so this is the last resort of detection.
 */
function looksEncrypted(bytes: Uint8Array): boolean {
  if (bytes.length < 64) return false;
  const sample = bytes.subarray(0, 4096);
  const counts = new Array<number>(256).fill(0);
  for (const byte of sample) counts[byte]!++;
  let entropy = 0;
  for (const count of counts) {
    if (count > 0) entropy -= (count / sample.length) * Math.log2(count / sample.length);
  }
  return entropy >= 0.9 * Math.min(8, Math.log2(sample.length));
}

function readEntries(entries: unknown[]): ImportResult {
  const collector = new EntryCollector();
  entries.forEach((raw, index) => {
    if (!isObject(raw)) {
      collector.skip(`entry ${index + 1}`, 'The entry is not an object.');
      return;
    }
    const tags = Array.isArray(raw.tags)
      ? raw.tags.filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '')
      : [];
    const { issuer, name } = labelParts(raw);
    collector.add(
      {
        type: str(raw.type),
        issuer,
        name,
        secret: str(raw.secret),
        algorithm: str(raw.algorithm),
        digits: num(raw.digits),
        period: num(raw.period),
        counter: num(raw.counter),
      },
      tags.length > 0 ? { groups: tags } : {},
    );
  });
  return { format: FORMAT, entries: collector.entries, skipped: collector.skipped };
}

/**
 * Old andOTP backups have no issuer field: the label is "Issuer - Issuer:name" (the app joined
 * the issuer to the whole label of the scanned URI). Split it as Aegis does at " - ", and drop
 * the duplicated "Issuer:" as for Google's exports, so the name is the account's name.
 */
function labelParts(entry: Record<string, unknown>): { issuer?: string; name?: string } {
  const label = str(entry.label);
  if ('issuer' in entry || label === undefined) return { issuer: str(entry.issuer), name: label };
  const dash = label.indexOf(' - ');
  if (dash === -1) return { name: label };
  const issuer = label.slice(0, dash).trim();
  const name = label.slice(dash + 3).trim();
  return {
    issuer,
    name: issuer && name.startsWith(`${issuer}:`) ? name.slice(issuer.length + 1) : name,
  };
}

// Proton Authenticator export: {version: 1, entries: [{id, content: {uri, entry_type, name},
// note}]}, each entry an otpauth:// link (TOTP) or steam://SECRET (Steam). The name the user
// gave the entry is content.name; the issuer comes from the link.
// Encrypted export (from Proton's public source, proton-authenticator's export code; no sample
// file exists to check it against): {version: 1, salt: base64 16 bytes, content: base64
// (12-byte nonce ‖ AES-256-GCM ciphertext ‖ tag)}, key = Argon2id(m = 19 MiB, t = 2, p = 1).
import { aesGcmDecryptJoined } from './crypto/aead';
import { argon2idKey } from './crypto/kdf';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { isRecord, jsonOf } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

/** Additional data of Proton's password export; older builds may have used none. */
const EXPORT_AADS = [Buffer.from('proton.authenticator.export.v1'), Buffer.alloc(0)];

function isPlainExport(json: unknown): json is { entries: unknown[] } {
  return (
    isRecord(json) &&
    Array.isArray(json.entries) &&
    json.entries.every((entry) => isRecord(entry) && isRecord(entry.content))
  );
}

function isEncryptedExport(json: unknown): json is { salt: string; content: string } {
  return (
    isRecord(json) &&
    typeof json.version === 'number' &&
    typeof json.salt === 'string' &&
    typeof json.content === 'string' &&
    Object.keys(json).length === 3
  );
}

export const protonImporter: Importer = {
  id: 'proton',
  label: 'Proton Authenticator',
  detect(input: ImportInput): Detection {
    const json = jsonOf(input.bytes);
    if (isPlainExport(json)) return { confidence: 2, encrypted: false };
    // {version, salt, content} alone is a weak sign: other apps could write the same keys.
    if (isEncryptedExport(json)) return { confidence: 1, encrypted: true };
    return { confidence: 0, encrypted: false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    let json = jsonOf(input.bytes);
    if (isEncryptedExport(json)) json = await decryptExport(json, password);
    if (!isPlainExport(json)) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not a Proton Authenticator export: it has no entries list.`,
      );
    }
    const collector = new EntryCollector();
    json.entries.forEach((entry, index) => addEntry(collector, entry, index));
    return { format: 'proton', entries: collector.entries, skipped: collector.skipped };
  },
};

function addEntry(collector: EntryCollector, entry: unknown, index: number): void {
  const content = isRecord(entry) && isRecord(entry.content) ? entry.content : {};
  const name = typeof content.name === 'string' ? content.name : undefined;
  const uri = typeof content.uri === 'string' ? content.uri.trim() : '';
  const note =
    isRecord(entry) && typeof entry.note === 'string' && entry.note ? entry.note : undefined;
  const label = name || `entry ${index + 1}`;
  const steam = /^steam:\/\/(.+)$/i.exec(uri);
  if (steam) {
    collector.add({ type: 'steam', issuer: 'Steam', name, secret: steam[1] }, { note });
    return;
  }
  if (!uri.toLowerCase().startsWith('otpauth://')) {
    collector.skip(label, `Its link is neither otpauth:// nor steam://: "${uri.slice(0, 40)}".`);
    return;
  }
  const before = collector.entries.length;
  collector.addUri(uri, { note }, label);
  const added = collector.entries[before];
  // The entry's own name is what the user saw in Proton; the link's label may be older.
  if (added && name !== undefined && name.trim()) added.account.name = name.trim();
}

async function decryptExport(
  json: { version?: unknown; salt: string; content: string },
  password: string | undefined,
): Promise<unknown> {
  if (json.version !== 1) {
    throw new ImportError(
      'unsupported',
      `This Proton Authenticator export is version ${String(json.version)}; TrayOTP reads version 1.`,
    );
  }
  if (!password) {
    throw new ImportError(
      'password-required',
      'This Proton Authenticator export is encrypted: enter its password.',
    );
  }
  const salt = Buffer.from(json.salt, 'base64');
  const content = Buffer.from(json.content, 'base64');
  if (salt.length !== 16 || content.length < 12 + 16) {
    throw new ImportError('damaged', 'The encrypted Proton Authenticator export is cut short.');
  }
  const key = await argon2idKey(
    password,
    salt,
    { iterations: 2, memoryKiB: 19 * 1024, parallelism: 1 },
    32,
  );
  for (const aad of EXPORT_AADS) {
    const plain = aesGcmDecryptJoined(key, content.subarray(0, 12), content.subarray(12), aad);
    if (plain) return jsonOf(plain);
  }
  throw new ImportError(
    'wrong-password',
    'The password does not open this Proton Authenticator export (or the file was altered).',
  );
}

// Aegis-compatible exports, as Aegis itself writes them (beemdevelopment/Aegis docs/vault.md):
// {version:1, header:{slots, params}, db}. db is version 3 (entries + groups by uuid). Encrypted:
// a random 256-bit master key encrypts db with AES-256-GCM; one password slot wraps the master key
// with AES-256-GCM under scrypt(UTF-8 password, 32-byte salt, N=2^15, r=8, p=1), exactly the
// parameters Aegis uses, so the file opens in Aegis on a phone.
import { createCipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { scryptKey } from '../crypto/kdf';
import type { ExportEntry, RandomBytes } from './types';

export const AEGIS_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

export interface AegisExportOptions {
  random?: RandomBytes;
}

export function exportAegisPlain(entries: ExportEntry[], options: AegisExportOptions = {}): string {
  const random = options.random ?? nodeRandomBytes;
  const file = { version: 1, header: { slots: null, params: null }, db: aegisDb(entries, random) };
  return `${JSON.stringify(file, null, 4)}\n`;
}

export async function exportAegisEncrypted(
  entries: ExportEntry[],
  password: string,
  options: AegisExportOptions = {},
): Promise<string> {
  if (password.length === 0) throw new Error('An encrypted export needs a password.');
  const random = options.random ?? nodeRandomBytes;
  const masterKey = Buffer.from(random(32));
  const salt = Buffer.from(random(32));
  const derived = await scryptKey(password, salt, AEGIS_SCRYPT, 32);
  const slotKey = gcm(derived, Buffer.from(random(12)), masterKey);
  const db = gcm(
    masterKey,
    Buffer.from(random(12)),
    Buffer.from(JSON.stringify(aegisDb(entries, random))),
  );
  const file = {
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: uuid(random),
          key: slotKey.data.toString('hex'),
          key_params: { nonce: slotKey.nonce.toString('hex'), tag: slotKey.tag.toString('hex') },
          n: AEGIS_SCRYPT.N,
          r: AEGIS_SCRYPT.r,
          p: AEGIS_SCRYPT.p,
          salt: salt.toString('hex'),
          // Aegis marks slots whose key came from the UTF-8 password bytes (all it writes today).
          repaired: true,
          is_backup: false,
        },
      ],
      params: { nonce: db.nonce.toString('hex'), tag: db.tag.toString('hex') },
    },
    db: db.data.toString('base64'),
  };
  return `${JSON.stringify(file, null, 4)}\n`;
}

function gcm(key: Buffer, nonce: Buffer, plain: Buffer) {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { data, nonce, tag: cipher.getAuthTag() };
}

function aegisDb(entries: ExportEntry[], random: RandomBytes) {
  const groupIds = new Map<string, string>();
  for (const name of entries.flatMap((entry) => entry.groups ?? [])) {
    if (!groupIds.has(name)) groupIds.set(name, uuid(random));
  }
  return {
    version: 3,
    entries: entries.map(({ account, groups, note }) => ({
      type: account.type,
      uuid: uuid(random),
      name: account.name,
      issuer: account.issuer,
      note: note ?? '',
      favorite: false,
      icon: null,
      info: {
        secret: account.secret,
        algo: account.algorithm,
        digits: account.digits,
        ...(account.type === 'hotp' ? { counter: account.counter } : { period: account.period }),
      },
      groups: (groups ?? []).map((name) => groupIds.get(name)!),
    })),
    groups: [...groupIds].map(([name, id]) => ({ uuid: id, name })),
    icons_optimized: true,
  };
}

/** A random (version 4) UUID from the given randomness. */
function uuid(random: RandomBytes): string {
  const bytes = Buffer.from(random(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

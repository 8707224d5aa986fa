// 2FAS Auth backups (.2fas, JSON), schemaVersion 1–4. Plain: `services` holds the entries.
// Encrypted: `servicesEncrypted` is "base64(ciphertext+GCM tag):base64(salt):base64(iv)" with
// key = PBKDF2-HMAC-SHA256(password, salt, 10 000, 256 bit), AES-256-GCM; `reference` is a known
// constant encrypted the same way, so a wrong password is recognised before touching entries.
// Schema 1 stores no parameters (TOTP/SHA1/6/30); schema 2 has no token type (always TOTP).
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { aesGcmDecryptJoined } from './crypto/aead';
import { pbkdf2Key } from './crypto/kdf';
import { isObject, num, parseJson, str } from './json';
import type { JsonObject } from './json';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const FORMAT = '2fas';
const ITERATIONS = 10_000;

export const twofasImporter: Importer = {
  id: FORMAT,
  label: '2FAS Auth',
  detect(input: ImportInput): Detection {
    const file = twofasShape(parseJson(input.bytes));
    if (!file) return { confidence: 0, encrypted: false };
    return { confidence: 2, encrypted: typeof file.servicesEncrypted === 'string' };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const file = twofasShape(parseJson(input.bytes));
    if (!file) throw new ImportError('damaged', `"${input.fileName}" is not a 2FAS backup.`);
    const version = typeof file.schemaVersion === 'number' ? file.schemaVersion : 0;
    if (version > 4) {
      throw new ImportError(
        'unsupported',
        `This 2FAS backup uses schema version ${version}; TrayOTP reads versions 1 to 4.`,
      );
    }
    const services =
      typeof file.servicesEncrypted === 'string'
        ? await decryptServices(file, password)
        : file.services;
    if (!Array.isArray(services)) throw damaged('it has no list of services');
    return readServices(services, version, groupNames(file));
  },
};

function twofasShape(value: unknown): JsonObject | undefined {
  if (!isObject(value) || typeof value.schemaVersion !== 'number') return undefined;
  if (!Array.isArray(value.services) && typeof value.servicesEncrypted !== 'string') {
    return undefined;
  }
  return value;
}

async function decryptServices(file: JsonObject, password: string | undefined): Promise<unknown> {
  if (password === undefined) {
    throw new ImportError(
      'password-required',
      'This 2FAS backup is encrypted; enter its password.',
    );
  }
  const sealed = splitSealed(file.servicesEncrypted);
  if (!sealed) throw damaged('its encrypted services are not ciphertext:salt:iv');
  const key = await pbkdf2Key(password, sealed.salt, ITERATIONS, 32, 'sha256');
  const reference = splitSealed(file.reference);
  // Since schema 4 (and in some schema 2/3 files) the reference checks the password first.
  if (
    reference &&
    !aesGcmDecryptJoined(await keyFor(reference.salt), reference.iv, reference.data)
  ) {
    throw wrongPassword();
  }
  const plain = aesGcmDecryptJoined(key, sealed.iv, sealed.data);
  if (!plain) throw wrongPassword();
  const services = parseJson(plain);
  if (!Array.isArray(services)) throw damaged('the decrypted services are not a list');
  return services;

  function keyFor(salt: Buffer): Promise<Buffer> {
    return salt.equals(sealed!.salt)
      ? Promise.resolve(key)
      : pbkdf2Key(password!, salt, ITERATIONS, 32, 'sha256');
  }
}

function splitSealed(value: unknown): { data: Buffer; salt: Buffer; iv: Buffer } | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split(':');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9+/]+={0,2}$/.test(part))) {
    return undefined;
  }
  const [data, salt, iv] = parts.map((part) => Buffer.from(part, 'base64')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  return { data, salt, iv };
}

function groupNames(file: JsonObject): Map<string, string> {
  const names = new Map<string, string>();
  if (Array.isArray(file.groups)) {
    for (const group of file.groups.filter(isObject)) {
      const id = str(group.id);
      const name = str(group.name)?.trim();
      if (id && name) names.set(id, name);
    }
  }
  return names;
}

function readServices(services: unknown[], version: number, groups: Map<string, string>) {
  const collector = new EntryCollector();
  services.forEach((raw, index) => {
    if (!isObject(raw)) {
      collector.skip(`entry ${index + 1}`, 'The entry is not an object.');
      return;
    }
    const otp = isObject(raw.otp) ? raw.otp : {};
    const group = groups.get(str(raw.groupId) ?? '');
    const typed = version >= 3 && otp.tokenType !== undefined;
    collector.add(
      {
        type: typed ? str(otp.tokenType) : 'totp',
        issuer: str(raw.name) ?? str(otp.issuer),
        name: str(otp.account) ?? str(otp.label),
        secret: str(raw.secret),
        algorithm: version >= 2 ? str(otp.algorithm) : undefined,
        digits: version >= 2 ? num(otp.digits) : undefined,
        period: version >= 2 ? num(otp.period) : undefined,
        counter: num(otp.counter),
      },
      group ? { groups: [group] } : {},
    );
  });
  const result: ImportResult = {
    format: FORMAT,
    entries: collector.entries,
    skipped: collector.skipped,
  };
  return result;
}

function wrongPassword(): ImportError {
  return new ImportError('wrong-password', 'Wrong password for this 2FAS backup.');
}

function damaged(why: string): ImportError {
  return new ImportError('damaged', `This 2FAS backup is damaged: ${why}.`);
}

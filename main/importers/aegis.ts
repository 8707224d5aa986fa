// Aegis vault exports (docs/vault.md of beemdevelopment/Aegis): {version:1, header:{slots,
// params}, db}. Plain: db is the object. Encrypted: db is base64 AES-256-GCM under a master key;
// each password slot (type 1) wraps that key with AES-256-GCM under scrypt(password, salt, N, r,
// p). db versions: 1 (no groups), 2 (a `group` name per entry), 3 (`groups` uuids → db.groups).
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { aesGcmDecrypt } from './crypto/aead';
import { scryptKey } from './crypto/kdf';
import { AEGIS_SCRYPT, checkAegisScrypt, tooCostly } from './crypto/kdf-limits';
import { ImportSteps } from './crypto/steps';
import { isObject, num, parseJson, str } from './json';
import type { JsonObject } from './json';
import type { Detection, ImportInput, ImportOptions, ImportResult, Importer } from './types';

const FORMAT = 'aegis';
const PASSWORD_SLOT = 1;

export const aegisImporter: Importer = {
  id: FORMAT,
  label: 'Aegis',
  detect(input: ImportInput): Detection {
    const file = aegisShape(parseJson(input.bytes));
    if (!file) return { confidence: 0, encrypted: false };
    return { confidence: 2, encrypted: typeof file.db === 'string' };
  },
  async read(
    input: ImportInput,
    password?: string,
    options?: ImportOptions,
  ): Promise<ImportResult> {
    const file = aegisShape(parseJson(input.bytes));
    if (!file)
      throw new ImportError('damaged', `"${input.fileName}" is not an Aegis vault export.`);
    if (typeof file.db !== 'string') return readDb(file.db);
    const { db, steps } = await decryptDb(file, password, options);
    const result = await steps.step('reading-entries', () => readDb(db));
    steps.finish();
    return result;
  },
};

interface AegisFile {
  version: number;
  header: JsonObject;
  db: JsonObject | string;
}

function aegisShape(value: unknown): AegisFile | undefined {
  if (!isObject(value) || typeof value.version !== 'number' || !isObject(value.header)) {
    return undefined;
  }
  if (!('slots' in value.header) || !('params' in value.header)) return undefined;
  if (typeof value.db !== 'string' && !isObject(value.db)) return undefined;
  return { version: value.version, header: value.header, db: value.db };
}

interface PasswordSlot {
  salt: Buffer;
  wrapped: Buffer;
  nonce: Buffer;
  tag: Buffer;
  N: number;
  r: number;
  p: number;
  repaired: boolean;
}

/** Slots that share a salt and scrypt settings share their derived keys: derive them once. */
interface Derivation {
  salt: Buffer;
  params: { N: number; r: number; p: number };
  slots: PasswordSlot[];
  /** The password bytes to try, each once: UTF-8, then Java's old bytes for unrepaired slots. */
  forms: (string | Buffer)[];
}

async function decryptDb(
  file: AegisFile,
  password: string | undefined,
  options: ImportOptions | undefined,
): Promise<{ db: JsonObject; steps: ImportSteps }> {
  const slots = Array.isArray(file.header.slots) ? file.header.slots.filter(isObject) : [];
  const rawPasswordSlots = slots.filter((slot) => slot.type === PASSWORD_SLOT);
  if (rawPasswordSlots.length === 0) {
    throw new ImportError(
      'unsupported',
      'This Aegis vault can only be unlocked by a key kept on the phone (biometric or raw slot); export it from Aegis with a password.',
    );
  }
  if (password === undefined) {
    throw new ImportError(
      'password-required',
      'This Aegis export is encrypted; enter its password.',
    );
  }
  const params = isObject(file.header.params) ? file.header.params : {};
  const db = base64(file.db as string);
  const nonce = hex(params.nonce);
  const tag = hex(params.tag);
  if (!db || !nonce || !tag) throw damaged('its encrypted data or their nonce and tag are missing');

  // Every derivation is planned and its cost checked before the first one runs.
  const derivations = plan(rawPasswordSlots.map(passwordSlot), password);
  if (derivations.length > AEGIS_SCRYPT.maxPasswordSlots) {
    throw tooCostly(
      'Aegis',
      `${derivations.length} password slots, each its own scrypt key`,
      `more than ${AEGIS_SCRYPT.maxPasswordSlots} (Aegis keeps one password slot)`,
    );
  }
  checkAegisScrypt(derivations.flatMap((d) => d.forms.map(() => d.params)));

  const runs = derivations.reduce((sum, d) => sum + d.forms.length, 0);
  const steps = new ImportSteps(options, runs + 2);
  let left = runs;
  for (const derivation of derivations) {
    for (const form of derivation.forms) {
      left--;
      const derived = await steps.step('deriving-key', () =>
        scryptKey(form, derivation.salt, derivation.params, 32),
      );
      for (const slot of derivation.slots) {
        if (typeof form !== 'string' && slot.repaired) continue;
        const masterKey = aesGcmDecrypt(derived, slot.nonce, slot.wrapped, slot.tag);
        if (!masterKey) continue;
        steps.skip(left);
        const value = await steps.step('decrypting', () => {
          const plain = aesGcmDecrypt(masterKey, nonce, db, tag);
          if (!plain) throw damaged('the password opened a key slot but the data does not decrypt');
          return parseJson(plain);
        });
        if (!isObject(value)) throw damaged('the decrypted data is not a vault');
        return { db: value, steps };
      }
    }
  }
  throw new ImportError('wrong-password', 'Wrong password for this Aegis export.');
}

function passwordSlot(slot: JsonObject): PasswordSlot {
  const keyParams = isObject(slot.key_params) ? slot.key_params : {};
  const salt = hex(slot.salt);
  const wrapped = hex(slot.key);
  const nonce = hex(keyParams.nonce);
  const tag = hex(keyParams.tag);
  const { n, r, p } = slot;
  if (!salt || !wrapped || !nonce || !tag || !isCost(n) || !isCost(r) || !isCost(p)) {
    throw damaged('a password slot is incomplete');
  }
  if (n < 2 || (n & (n - 1)) !== 0) {
    throw damaged(`a password slot's scrypt N (${n}) is not a power of two`);
  }
  return { salt, wrapped, nonce, tag, N: n, r, p, repaired: slot.repaired === true };
}

function plan(slots: PasswordSlot[], password: string): Derivation[] {
  const byKey = new Map<string, Derivation>();
  for (const slot of slots) {
    const id = `${slot.salt.toString('hex')}/${slot.N}/${slot.r}/${slot.p}`;
    const derivation = byKey.get(id) ?? {
      salt: slot.salt,
      params: { N: slot.N, r: slot.r, p: slot.p },
      slots: [],
      forms: [password],
    };
    derivation.slots.push(slot);
    byKey.set(id, derivation);
  }
  const utf8 = Buffer.from(password, 'utf8');
  const legacy = legacyPasswordBytes(password);
  for (const derivation of byKey.values()) {
    // Slots Aegis wrote before it was "repaired" derived the key from Java's buggy password
    // bytes; where those equal the UTF-8 bytes, the first derivation already tried them.
    if (derivation.slots.some((slot) => !slot.repaired) && !legacy.equals(utf8)) {
      derivation.forms.push(legacy);
    }
  }
  return [...byKey.values()];
}

/**
 * The password bytes old Aegis versions used: the backing array of Java's
 * `UTF_8.encode(CharBuffer.wrap(chars))`, which is sized floor(chars × 1.1) (doubled plus one
 * while too small) and so may end in zero bytes. Aegis's PasswordSlot still tries them for
 * slots not marked "repaired" (beemdevelopment/Aegis CryptoUtils.toBytesOld).
 */
export function legacyPasswordBytes(password: string): Buffer {
  const utf8 = Buffer.from(password, 'utf8');
  let capacity = Math.trunc(Math.fround(password.length * Math.fround(1.1)));
  while (capacity < utf8.length) capacity = 2 * capacity + 1;
  return Buffer.concat([utf8, Buffer.alloc(capacity - utf8.length)]);
}

function isCost(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function readDb(db: JsonObject): ImportResult {
  const version = db.version;
  if (typeof version !== 'number' || version < 1) throw damaged('its db has no version');
  if (version > 3) {
    throw new ImportError(
      'unsupported',
      `This Aegis export uses db version ${version}; TrayOTP reads versions 1 to 3. Update TrayOTP or export from an older Aegis.`,
    );
  }
  if (!Array.isArray(db.entries)) throw damaged('its db has no entries list');
  const groupNames = new Map<string, string>();
  if (Array.isArray(db.groups)) {
    for (const group of db.groups.filter(isObject)) {
      const uuid = str(group.uuid);
      const name = str(group.name);
      if (uuid && name) groupNames.set(uuid, name);
    }
  }

  const collector = new EntryCollector();
  db.entries.forEach((raw, index) => {
    if (!isObject(raw)) {
      collector.skip(`entry ${index + 1}`, 'The entry is not an object.');
      return;
    }
    const info = isObject(raw.info) ? raw.info : {};
    const groups = entryGroups(raw, groupNames);
    const note = str(raw.note)?.trim();
    collector.add(
      {
        type: str(raw.type),
        issuer: str(raw.issuer),
        name: str(raw.name),
        secret: str(info.secret),
        algorithm: str(info.algo),
        digits: num(info.digits),
        period: raw.type === 'hotp' ? undefined : num(info.period),
        counter: num(info.counter),
      },
      { ...(groups.length > 0 ? { groups } : {}), ...(note ? { note } : {}) },
    );
  });
  return { format: FORMAT, entries: collector.entries, skipped: collector.skipped };
}

function entryGroups(entry: JsonObject, names: Map<string, string>): string[] {
  const groups: string[] = [];
  const legacy = str(entry.group)?.trim();
  if (legacy) groups.push(legacy);
  if (Array.isArray(entry.groups)) {
    for (const uuid of entry.groups) {
      const name = typeof uuid === 'string' ? names.get(uuid) : undefined;
      if (name && !groups.includes(name)) groups.push(name);
    }
  }
  return groups;
}

function hex(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || value.length === 0 || !/^([0-9a-fA-F]{2})+$/.test(value)) {
    return undefined;
  }
  return Buffer.from(value, 'hex');
}

function base64(value: string): Buffer | undefined {
  const text = value.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length === 0) return undefined;
  return Buffer.from(text, 'base64');
}

function damaged(why: string): ImportError {
  return new ImportError('damaged', `This Aegis export is damaged: ${why}.`);
}

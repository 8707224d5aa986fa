// KeePass and KeePassXC databases (.kdbx, KDBX 3.1 and 4.x), read with kdbxweb (KeeWeb's KDBX
// library): AES-256 or ChaCha20, AES-KDF, Argon2d or Argon2id, a master password and/or a key file.
// The key derivation is bounded from the header before it runs (keepass-kdf.ts); the TOTP settings
// of each entry are found where KeePass tools keep them (keepass-totp.ts). Entries without TOTP are
// a password manager's ordinary entries and are passed over; entries in the Recycle Bin are skipped.
import kdbxweb from 'kdbxweb';
import { OtpError } from '../otp';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { ImportSteps } from './crypto/steps';
import { KEEPASS_LIMITS, checkKdbxHeader } from './keepass-kdf';
import { loadKdbxBounded } from './keepass-inflate';
import { totpInput } from './keepass-totp';
import type { Detection, ImportInput, ImportOptions, ImportResult, Importer } from './types';

export { KEEPASS_LIMITS } from './keepass-kdf';

const FORMAT = 'keepass';
const SIGNATURE = 0x9aa2d903;
const KDBX_SIGNATURE = 0xb54bfb67;
/** KeePass 1.x (.kdb): same first signature, another second one. */
const KDB_SIGNATURE = 0xb54bfb65;
const NO_TOTP =
  "No entry of this KeePass database has a TOTP secret (KeePassXC's otp attribute, TOTP Seed and TOTP Settings, or KeePass's TimeOtp fields), so there is nothing to import.";

export interface KeePassCredentials {
  password?: string | undefined;
  /** The key file's bytes, any format KeePass takes (XML v1/v2, 32 raw bytes, 64 hex, other). */
  keyFile?: Uint8Array | undefined;
}

export const keepassImporter: Importer = {
  id: FORMAT,
  label: 'KeePass / KeePassXC',
  detect(input: ImportInput): Detection {
    const kind = signature(input.bytes);
    return kind ? { confidence: 2, encrypted: true } : { confidence: 0, encrypted: false };
  },
  read(input: ImportInput, password?: string, options?: ImportOptions): Promise<ImportResult> {
    return readKeePassDatabase(input, { password, keyFile: options?.keyFile }, options);
  },
};

function signature(bytes: Uint8Array): 'kdbx' | 'kdb' | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== SIGNATURE) return undefined;
  const second = view.getUint32(4, true);
  return second === KDBX_SIGNATURE ? 'kdbx' : second === KDB_SIGNATURE ? 'kdb' : undefined;
}

/**
 * Reads a database with a password, a key file or both. The Importer interface passes a password
 * only; a key file needs this function until the interface carries one.
 */
export async function readKeePassDatabase(
  input: ImportInput,
  credentials: KeePassCredentials,
  options?: ImportOptions,
): Promise<ImportResult> {
  const kind = signature(input.bytes);
  if (kind === 'kdb') {
    throw new ImportError(
      'unsupported',
      'This is a KeePass 1 database (.kdb). Open it in KeePassXC or KeePass 2, save it as a .kdbx database, and import that.',
    );
  }
  if (!kind) {
    throw new ImportError('damaged', `"${input.fileName}" is not a KeePass database (.kdbx).`);
  }
  const { password, keyFile } = credentials;
  if (password === undefined && !keyFile) {
    throw new ImportError(
      'password-required',
      'This KeePass database is encrypted; enter its master password.',
    );
  }
  checkKdbxHeader(input.bytes);
  const steps = new ImportSteps(options, 2);
  const db = await steps.step('deriving-key', () => open(input.bytes, password, keyFile));
  const result = await steps.step('reading-entries', () => readEntries(db));
  steps.finish();
  return result;
}

/**
 * kdbxweb derives the key and decrypts in one call. An empty password is tried as an empty
 * password (KeePass 2) and then as none (KeePassXC with a key file only).
 */
async function open(
  bytes: Uint8Array,
  password: string | undefined,
  keyFile: Uint8Array | undefined,
): Promise<kdbxweb.Kdbx> {
  const tries = password === '' ? ['', null] : [password ?? null];
  for (const [index, text] of tries.entries()) {
    try {
      const secret = text === null ? null : kdbxweb.ProtectedValue.fromString(text);
      const credentials = new kdbxweb.Credentials(secret, keyFile ? new Uint8Array(keyFile) : null);
      // A copy of exactly these bytes: a Node Buffer's slice() is a view of a shared pool.
      // Loaded with every inflation bounded (keepass-inflate.ts), not by kdbxweb.Kdbx.load.
      return await loadKdbxBounded(new Uint8Array(bytes).buffer, credentials);
    } catch (error) {
      const wrongKey =
        error instanceof kdbxweb.KdbxError && error.code === kdbxweb.Consts.ErrorCodes.InvalidKey;
      if (!wrongKey || index === tries.length - 1) throw importErrorOf(error, keyFile);
    }
  }
  throw new ImportError('damaged', 'This KeePass database could not be opened.'); // unreachable
}

function importErrorOf(error: unknown, keyFile: Uint8Array | undefined): ImportError {
  if (error instanceof ImportError) return error;
  if (!(error instanceof kdbxweb.KdbxError)) {
    return new ImportError(
      'damaged',
      'This KeePass database is damaged: it ends too early or does not decrypt.',
    );
  }
  const codes = kdbxweb.Consts.ErrorCodes;
  switch (error.code) {
    case codes.InvalidKey:
      return new ImportError(
        'wrong-password',
        keyFile
          ? 'Wrong password or key file for this KeePass database.'
          : 'Wrong password for this KeePass database (or it also needs its key file).',
      );
    case codes.Unsupported:
    case codes.NotImplemented:
    case codes.InvalidVersion:
      return new ImportError(
        'unsupported',
        `This KeePass database uses something TrayOTP cannot read (${error.message.replace(/^Error \w+: /, '')}).`,
      );
    default:
      return new ImportError(
        'damaged',
        `This KeePass database is damaged (${error.message.replace(/^Error \w+: /, '')}).`,
      );
  }
}

function readEntries(db: kdbxweb.Kdbx): ImportResult {
  const root = db.getDefaultGroup();
  const bin = db.meta.recycleBinUuid;
  const collector = new EntryCollector();
  let count = 0;
  for (const entry of root.allEntries()) {
    if (++count > KEEPASS_LIMITS.maxEntries) {
      throw new ImportError(
        'unsupported',
        `This KeePass database has more than ${KEEPASS_LIMITS.maxEntries} entries; TrayOTP reads at most that many.`,
      );
    }
    const fields = textFields(entry);
    const path = groupPath(entry.parentGroup, root);
    let input;
    try {
      input = totpInput(fields);
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      collector.skip(labelOf(fields, count), error.message);
      continue;
    }
    if (!input) continue;
    if (bin && !bin.empty && path.some((group) => group.uuid.equals(bin))) {
      collector.skip(labelOf(fields, count), "The entry is in KeePass's Recycle Bin.");
      continue;
    }
    const names = path.map((group) => group.name?.trim() ?? '').filter(Boolean);
    collector.add(input, names.length > 0 ? { groups: [names.join('/')] } : {});
  }
  const empty = collector.entries.length === 0 && collector.skipped.length === 0;
  return {
    format: FORMAT,
    entries: collector.entries,
    skipped: collector.skipped,
    warnings: empty ? [NO_TOTP] : [],
  };
}

function textFields(entry: kdbxweb.KdbxEntry): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of entry.fields) {
    fields.set(name, typeof value === 'string' ? value : value.getText());
  }
  return fields;
}

/** The groups between the root (excluded) and the entry, outermost first. */
function groupPath(
  group: kdbxweb.KdbxGroup | undefined,
  root: kdbxweb.KdbxGroup,
): kdbxweb.KdbxGroup[] {
  const path: kdbxweb.KdbxGroup[] = [];
  for (let at = group; at && at !== root; at = at.parentGroup) path.unshift(at);
  return path;
}

function labelOf(fields: ReadonlyMap<string, string>, index: number): string {
  const title = fields.get('Title')?.trim();
  const user = fields.get('UserName')?.trim();
  if (title && user) return `${title}: ${user}`;
  return title || user || `entry ${index}`;
}

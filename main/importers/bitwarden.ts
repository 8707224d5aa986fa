// Bitwarden exports: JSON (plain, or "password protected": encrypted with a key from the export
// password, see crypto/bitwarden.ts) and CSV. Each login's `totp` holds an otpauth:// URI, a
// `steam://SECRET` (Bitwarden's Steam Guard notation) or a bare base32 secret (TOTP, SHA1, 6, 30,
// named after the item). Logins without a TOTP are not authenticator entries and are left out.
import { csvRecords } from './csv';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { bitwardenKey, decryptEncString } from './crypto/bitwarden';
import type { BitwardenKdf } from './crypto/bitwarden';
import {
  BITWARDEN_ARGON2,
  BITWARDEN_PBKDF2,
  checkArgon2Cost,
  tooCostly,
} from './crypto/kdf-limits';
import { ImportSteps } from './crypto/steps';
import { isObject, parseJson, str } from './json';
import type { JsonObject } from './json';
import type { Detection, ImportInput, ImportOptions, ImportResult, Importer } from './types';

const FORMAT = 'bitwarden';

export const bitwardenImporter: Importer = {
  id: FORMAT,
  label: 'Bitwarden',
  detect(input: ImportInput): Detection {
    const json = parseJson(input.bytes);
    if (isObject(json)) {
      if (json.passwordProtected === true && typeof json.data === 'string') {
        return { confidence: 2, encrypted: true };
      }
      if (Array.isArray(json.items) && typeof json.encrypted === 'boolean') {
        return { confidence: 2, encrypted: json.encrypted };
      }
      return { confidence: 0, encrypted: false };
    }
    return { confidence: csvHeader(input.bytes)?.includes('login_totp') ? 2 : 0, encrypted: false };
  },
  async read(
    input: ImportInput,
    password?: string,
    options?: ImportOptions,
  ): Promise<ImportResult> {
    const json = parseJson(input.bytes);
    if (isObject(json)) {
      if (json.passwordProtected === true) {
        const { plain, steps } = await decryptExport(json, password, options);
        const result = await steps.step('reading-entries', () => readDecrypted(plain));
        steps.finish();
        return result;
      }
      return readDecrypted(json);
    }
    const text = new TextDecoder().decode(input.bytes);
    const { header, records } = csvRecords(text);
    if (!header.includes('login_totp')) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is neither a Bitwarden JSON export nor a CSV export with a login_totp column.`,
      );
    }
    const collector = new EntryCollector();
    for (const record of records) {
      addTotp(collector, record.login_totp ?? '', {
        item: record.name ?? '',
        username: record.login_username ?? '',
        folder: record.folder ?? '',
      });
    }
    return { format: FORMAT, entries: collector.entries, skipped: collector.skipped };
  },
};

function readDecrypted(file: JsonObject): ImportResult {
  if (file.encrypted === true) {
    throw new ImportError(
      'unsupported',
      'This Bitwarden export is encrypted with your account key, which only Bitwarden has. Export again choosing "Password protected".',
    );
  }
  return readJson(file);
}

function csvHeader(bytes: Uint8Array): string[] | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes(',')) return undefined;
  return firstLine.split(',').map((name) => name.trim().toLowerCase());
}

async function decryptExport(
  file: JsonObject,
  password: string | undefined,
  options: ImportOptions | undefined,
): Promise<{ plain: JsonObject; steps: ImportSteps }> {
  if (password === undefined) {
    throw new ImportError(
      'password-required',
      'This Bitwarden export is password protected; enter the password chosen when exporting.',
    );
  }
  const salt = str(file.salt);
  const validation = str(file.encKeyValidation_DO_NOT_EDIT);
  const data = str(file.data);
  const kdf = {
    type: typeof file.kdfType === 'number' ? file.kdfType : 0,
    iterations: typeof file.kdfIterations === 'number' ? file.kdfIterations : 0,
    memory: typeof file.kdfMemory === 'number' ? file.kdfMemory : undefined,
    parallelism: typeof file.kdfParallelism === 'number' ? file.kdfParallelism : undefined,
  };
  if (!salt || !validation || !data) {
    throw new ImportError(
      'damaged',
      'This Bitwarden export is damaged: its salt or data is missing.',
    );
  }
  checkKdf(kdf);
  const steps = new ImportSteps(options, 3);
  const key = await steps.step('deriving-key', () =>
    bitwardenKey(password, salt, kdf, { signal: steps.signal }),
  );
  const check = decryptEncString(validation, key);
  if (!check.ok) {
    if (check.why === 'mac') {
      throw new ImportError('wrong-password', 'Wrong password for this Bitwarden export.');
    }
    throw new ImportError(
      'damaged',
      'This Bitwarden export is damaged: its key check is unreadable.',
    );
  }
  const value = await steps.step('decrypting', () => {
    const body = decryptEncString(data, key);
    return body.ok ? parseJson(body.plain) : undefined;
  });
  if (!isObject(value)) {
    throw new ImportError(
      'damaged',
      'This Bitwarden export is damaged: the password is right but the data does not decrypt.',
    );
  }
  return { plain: value, steps };
}

/** Bitwarden's own ranges (crypto/kdf-limits.ts); beyond them a file would only stall us. */
function checkKdf(kdf: BitwardenKdf): void {
  if (kdf.type !== 0 && kdf.type !== 1) {
    throw new ImportError(
      'unsupported',
      `This Bitwarden export uses key derivation type ${kdf.type}; TrayOTP knows PBKDF2 (0) and Argon2id (1).`,
    );
  }
  if (kdf.type === 0) {
    if (!Number.isSafeInteger(kdf.iterations) || kdf.iterations < BITWARDEN_PBKDF2.minIterations) {
      throw new ImportError(
        'unsupported',
        `This Bitwarden export's key derivation settings (${kdf.iterations} iterations) are outside what TrayOTP accepts.`,
      );
    }
    if (kdf.iterations > BITWARDEN_PBKDF2.maxIterations) {
      throw tooCostly(
        'Bitwarden',
        `PBKDF2-SHA256 with ${kdf.iterations.toLocaleString('en')} iterations`,
        `more than ${BITWARDEN_PBKDF2.maxIterations.toLocaleString('en')} (the most Bitwarden's own settings allow)`,
      );
    }
    return;
  }
  const memory = kdf.memory ?? 64;
  const parallelism = kdf.parallelism ?? 4;
  if (
    !Number.isSafeInteger(kdf.iterations) ||
    !Number.isSafeInteger(memory) ||
    !Number.isSafeInteger(parallelism) ||
    kdf.iterations < 1 ||
    parallelism < 1 ||
    memory < 1 ||
    memory * 1024 < 8 * parallelism
  ) {
    throw new ImportError(
      'damaged',
      `This Bitwarden export is damaged: its Argon2id settings (${kdf.iterations} iterations, ${memory} MiB, parallelism ${parallelism}) are not valid.`,
    );
  }
  checkArgon2Cost(
    'Bitwarden',
    { memoryKiB: memory * 1024, passes: kdf.iterations, parallelism },
    BITWARDEN_ARGON2,
  );
}

function readJson(file: JsonObject): ImportResult {
  const folders = new Map<string, string>();
  if (Array.isArray(file.folders)) {
    for (const folder of file.folders.filter(isObject)) {
      const id = str(folder.id);
      const name = str(folder.name);
      if (id && name) folders.set(id, name);
    }
  }
  const collector = new EntryCollector();
  const items = Array.isArray(file.items) ? file.items.filter(isObject) : [];
  for (const item of items) {
    const login = isObject(item.login) ? item.login : {};
    addTotp(collector, str(login.totp) ?? '', {
      item: str(item.name) ?? '',
      username: str(login.username) ?? '',
      folder: folders.get(str(item.folderId) ?? '') ?? '',
    });
  }
  return { format: FORMAT, entries: collector.entries, skipped: collector.skipped };
}

interface ItemContext {
  item: string;
  username: string;
  folder: string;
}

function addTotp(collector: EntryCollector, rawTotp: string, context: ItemContext): void {
  const totp = rawTotp.trim();
  if (!totp) return;
  const extra = context.folder.trim() ? { groups: [context.folder.trim()] } : {};
  const label = context.item || context.username || undefined;
  if (/^otpauth:\/\//i.test(totp)) {
    collector.addUri(withLabel(totp, context), extra, label);
  } else if (/^steam:\/\//i.test(totp)) {
    // Steam links carry no label: Steam is the issuer, the login's username the account.
    collector.add(
      {
        type: 'steam',
        issuer: 'Steam',
        name: context.username || 'Steam account',
        secret: totp.slice('steam://'.length),
      },
      extra,
    );
  } else {
    collector.add(
      { type: 'totp', issuer: context.item, name: context.username, secret: totp },
      extra,
    );
  }
}

/**
 * An otpauth:// URI pasted into Bitwarden may have no label (otpauth://totp/?secret=…): the
 * login is named by the item, so its name and username become the label instead.
 */
function withLabel(uri: string, context: ItemContext): string {
  const match = /^(otpauth:\/\/[a-z]+)\/?(\?.*)?$/i.exec(uri);
  if (!match || !(context.item || context.username)) return uri;
  const issuer = encodeURIComponent(context.item);
  const name = encodeURIComponent(context.username);
  return `${match[1]}/${issuer}:${name}${match[2] ?? ''}`;
}

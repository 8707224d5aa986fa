// Ente Auth encrypted export (format documented in ente-io/ente docs/docs/auth/migration/
// export.md and written by the app's export_widget.dart): {version:1, kdfParams:{memLimit,
// opsLimit, salt}, encryptedData, encryptionNonce}. The key is libsodium's crypto_pwhash:
// Argon2id v1.3 with t = opsLimit, m = memLimit bytes, one lane, 32 bytes. The data is one
// crypto_secretstream_xchacha20poly1305 chunk whose 24-byte header is `encryptionNonce`, tagged
// FINAL or MESSAGE depending on the app that wrote it (see crypto/secretstream.ts); inside is the
// plain-text export (otpauth:// lines with Ente's codeDisplay), read like an otpauth list.
// Ente's plain-text export itself is read by the otpauth list importer.
import { ImportError } from './errors';
import { argon2idKey } from './crypto/kdf';
import { ENTE_ARGON2, checkArgon2Cost } from './crypto/kdf-limits';
import { secretstreamDecryptChunk } from './crypto/secretstream';
import { ImportSteps } from './crypto/steps';
import { isObject, parseJson, str } from './json';
import type { JsonObject } from './json';
import { readLinkList } from './otpauth-list';
import { readTextLines } from './text-links';
import type { Detection, ImportInput, ImportOptions, ImportResult, Importer } from './types';

const FORMAT = 'ente';
/** libsodium's crypto_pwhash minimum (crypto_pwhash_MEMLIMIT_MIN). */
const MIN_MEM_BYTES = 8192;

export const enteImporter: Importer = {
  id: FORMAT,
  label: 'Ente Auth (encrypted export)',
  detect(input: ImportInput): Detection {
    return enteShape(parseJson(input.bytes))
      ? { confidence: 2, encrypted: true }
      : { confidence: 0, encrypted: false };
  },
  async read(
    input: ImportInput,
    password?: string,
    options?: ImportOptions,
  ): Promise<ImportResult> {
    const file = enteShape(parseJson(input.bytes));
    if (!file) {
      throw new ImportError('damaged', `"${input.fileName}" is not an Ente Auth encrypted export.`);
    }
    if (file.version !== 1) {
      throw new ImportError(
        'unsupported',
        `This Ente Auth export has version ${String(file.version)}; TrayOTP reads version 1.`,
      );
    }
    if (password === undefined) {
      throw new ImportError(
        'password-required',
        'This Ente Auth export is encrypted; enter the password chosen when exporting.',
      );
    }
    const params = file.kdfParams as JsonObject;
    const memLimit = params.memLimit;
    const opsLimit = params.opsLimit;
    const salt = decodeBase64(params.salt);
    const header = decodeBase64(file.encryptionNonce);
    const data = decodeBase64(file.encryptedData);
    if (!salt || !header || !data || !isCount(memLimit) || !isCount(opsLimit)) {
      throw new ImportError(
        'damaged',
        'This Ente Auth export is damaged: its key parameters or data are missing.',
      );
    }
    if (memLimit < MIN_MEM_BYTES) {
      throw new ImportError(
        'damaged',
        `This Ente Auth export is damaged: its key memory (${memLimit} bytes) is below libsodium's minimum of 8 KiB.`,
      );
    }
    const kdf = { iterations: opsLimit, memoryKiB: Math.floor(memLimit / 1024), parallelism: 1 };
    checkArgon2Cost(
      'Ente Auth',
      { memoryKiB: kdf.memoryKiB, passes: kdf.iterations, parallelism: 1 },
      ENTE_ARGON2,
    );
    const steps = new ImportSteps(options, 3);
    const key = await steps.step('deriving-key', () =>
      argon2idKey(password, salt, kdf, 32, { signal: steps.signal }),
    );
    const opened = await steps.step('decrypting', () =>
      secretstreamDecryptChunk(key, header, data),
    );
    if (!opened.ok && opened.why === 'auth') {
      throw new ImportError('wrong-password', 'Wrong password for this Ente Auth export.');
    }
    if (!opened.ok) {
      throw new ImportError(
        'damaged',
        'This Ente Auth export is damaged: its encrypted data or its header is too short.',
      );
    }
    const result = await steps.step('reading-entries', () => readPlainExport(opened.plain));
    steps.finish();
    return result;
  },
};

function readPlainExport(plain: Uint8Array): ImportResult {
  const lines = readTextLines(plain);
  if (!lines && plain.length > 0) {
    throw new ImportError(
      'damaged',
      'This Ente Auth export decrypted, but what it holds is not a list of otpauth:// links.',
    );
  }
  return readLinkList(FORMAT, lines);
}

function enteShape(value: unknown): JsonObject | undefined {
  if (!isObject(value) || !isObject(value.kdfParams)) return undefined;
  if (typeof value.encryptedData !== 'string' || typeof value.encryptionNonce !== 'string') {
    return undefined;
  }
  return value;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function decodeBase64(value: unknown): Buffer | undefined {
  const text = str(value)?.replace(/\s/g, '');
  if (!text || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

// FreeOTP (Red Hat's authenticator), two storage formats:
//  - FreeOTP 1.x tokens.xml (shared_prefs; FreeOTP+ keeps the same file): one <string> per
//    token holding its JSON, secret as Java signed bytes, plus "tokenOrder".
//  - FreeOTP 2 backups (externalBackup.xml — the name says XML, the content is a Java-serialized
//    HashMap<String, String>): "masterKey" holds the master key encrypted with a password key,
//    PBKDF2-HMAC-SHA1 or -SHA512 (100 000 iterations in practice) → AES-256-GCM; each "<uuid>"
//    holds that token's secret encrypted with the master key (AES-GCM, nonce in DER
//    GCMParameters, additional data = the key's algorithm name); "<uuid>-token" the token JSON.
import { sharedPrefsOf } from './android-prefs';
import type { SharedPrefs } from './android-prefs';
import { aesGcmDecryptJoined } from './crypto/aead';
import { pbkdf2Key } from './crypto/kdf';
import type { PbkdfHash } from './crypto/kdf';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { parseToken, tokenToInput } from './freeotp-token';
import { JavaSerializationError, isJavaSerialization, readStringMap } from './java-serialization';
import { isRecord, signedBytes } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const KDF_HASHES: Record<string, PbkdfHash> = {
  pbkdf2withhmacsha1: 'sha1',
  pbkdf2withhmacsha256: 'sha256',
  pbkdf2withhmacsha512: 'sha512',
};

function tokensXml(input: ImportInput): SharedPrefs | undefined {
  const prefs = sharedPrefsOf(input.bytes);
  if (!prefs?.has('tokenOrder')) return undefined;
  // One readable token is enough to know the file; broken ones are then listed as skipped.
  const tokens = [...prefs].filter(([key]) => key !== 'tokenOrder');
  const anyToken = tokens.some(([, value]) => signedBytes(parseToken(value)?.secret));
  return anyToken ? prefs : undefined;
}

function isBackup(bytes: Uint8Array): boolean {
  return isJavaSerialization(bytes) && Buffer.from(bytes).includes('masterKey');
}

export const freeOtpImporter: Importer = {
  id: 'freeotp',
  label: 'FreeOTP',
  detect(input: ImportInput): Detection {
    if (isBackup(input.bytes)) return { confidence: 2, encrypted: true };
    return { confidence: tokensXml(input) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    if (isJavaSerialization(input.bytes)) return readBackup(input, password);
    const prefs = tokensXml(input);
    if (!prefs) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not a FreeOTP tokens.xml: it has no tokenOrder and token list.`,
      );
    }
    const collector = new EntryCollector();
    for (const [key, value] of prefs) {
      if (key === 'tokenOrder') continue;
      const token = parseToken(value);
      const secret = signedBytes(token?.secret);
      if (!token || !secret) {
        collector.skip(key, 'It is not a FreeOTP token with its secret as a list of bytes.');
        continue;
      }
      collector.add(tokenToInput(token, secret, 'stored-minus-one').account);
    }
    return { format: 'freeotp', entries: collector.entries, skipped: collector.skipped };
  },
};

async function readBackup(input: ImportInput, password: string | undefined): Promise<ImportResult> {
  let map: Map<string, string>;
  try {
    map = readStringMap(input.bytes);
  } catch (error) {
    if (!(error instanceof JavaSerializationError)) throw error;
    throw new ImportError(
      'damaged',
      `"${input.fileName}" is a damaged FreeOTP backup: ${error.message}`,
    );
  }
  const masterKeyJson = map.get('masterKey');
  if (masterKeyJson === undefined) {
    throw new ImportError(
      'damaged',
      `"${input.fileName}" is a FreeOTP backup without its masterKey.`,
    );
  }
  if (!password) {
    throw new ImportError(
      'password-required',
      'This FreeOTP backup is encrypted: enter its backup password.',
    );
  }
  const masterKey = await unwrapMasterKey(masterKeyJson, password);
  const collector = new EntryCollector();
  for (const [id, value] of map) {
    if (id === 'masterKey' || id.endsWith('-token')) continue;
    const token = parseToken(map.get(`${id}-token`) ?? '');
    if (!token) {
      collector.skip(`token ${id}`, 'The backup holds its secret but not its settings.');
      continue;
    }
    const secret = decryptTokenSecret(value, masterKey);
    const { label, account } = tokenToInput(token, secret, 'as-stored');
    if (!secret) {
      collector.skip(label, "Its secret does not decrypt with the backup's master key.");
      continue;
    }
    collector.add(account);
  }
  return { format: 'freeotp', entries: collector.entries, skipped: collector.skipped };
}

interface EncryptedKey {
  cipherText: Uint8Array;
  nonce: Uint8Array;
  tagLength: number;
  aad: Buffer;
}

/** FreeOTP's EncryptedKey JSON: {mCipher, mCipherText, mParameters, mToken}. */
function parseEncryptedKey(value: unknown): EncryptedKey | undefined {
  if (!isRecord(value) || value.mCipher !== 'AES/GCM/NoPadding') return undefined;
  const cipherText = signedBytes(value.mCipherText);
  const parameters = signedBytes(value.mParameters);
  const gcm = parameters && parseGcmParameters(parameters);
  if (!cipherText || !gcm || typeof value.mToken !== 'string') return undefined;
  return { cipherText, ...gcm, aad: Buffer.from(value.mToken, 'utf8') };
}

/**
 * The GCM nonce and tag length from Java's AlgorithmParameters encoding: DER GCMParameters,
 * SEQUENCE { nonce OCTET STRING, tagLength INTEGER (bytes) }, or (older Android, API 23) the
 * bare OCTET STRING nonce with the default 16-byte tag.
 */
export function parseGcmParameters(
  der: Uint8Array,
): { nonce: Uint8Array; tagLength: number } | undefined {
  const octets = (at: number) => {
    if (der[at] !== 0x04) return undefined;
    const length = der[at + 1]!;
    const nonce = der.subarray(at + 2, at + 2 + length);
    return nonce.length === length && length > 0 ? nonce : undefined;
  };
  if (der[0] === 0x04) {
    const nonce = octets(0);
    return nonce && der.length === nonce.length + 2 ? { nonce, tagLength: 16 } : undefined;
  }
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const nonce = octets(2);
  const rest = nonce ? der.subarray(4 + nonce.length) : undefined;
  if (!nonce || !rest || rest.length !== 3 || rest[0] !== 0x02 || rest[1] !== 1) return undefined;
  const tagLength = rest[2]!;
  // Android writes 16-byte (128-bit) tags; anything else is not a FreeOTP backup.
  return tagLength === 16 ? { nonce, tagLength } : undefined;
}

function gcmDecrypt(key: Uint8Array, encrypted: EncryptedKey): Buffer | undefined {
  const { cipherText, nonce, aad } = encrypted;
  return aesGcmDecryptJoined(key, nonce, cipherText, aad);
}

async function unwrapMasterKey(json: string, password: string): Promise<Buffer> {
  const damaged = (what: string) =>
    new ImportError('damaged', `The FreeOTP backup's master key record is damaged: ${what}.`);
  const record = parseToken(json);
  if (!record) throw damaged('it is not JSON');
  const algorithm = typeof record.mAlgorithm === 'string' ? record.mAlgorithm : '';
  const hash = KDF_HASHES[algorithm.toLowerCase()];
  if (!hash) {
    throw new ImportError(
      'unsupported',
      `This FreeOTP backup derives its key with ${algorithm || 'an unnamed algorithm'}, which TrayOTP does not know.`,
    );
  }
  const salt = signedBytes(record.mSalt);
  const iterations = record.mIterations;
  const encrypted = parseEncryptedKey(record.mEncryptedKey);
  if (!salt || !encrypted) throw damaged('its salt or encrypted key is missing');
  if (
    typeof iterations !== 'number' ||
    !Number.isSafeInteger(iterations) ||
    iterations < 1 ||
    iterations > 2_000_000
  ) {
    throw damaged(`its iteration count ${String(iterations)} is not plausible`);
  }
  const key = await pbkdf2Key(password, salt, iterations, 32, hash);
  const masterKey = gcmDecrypt(key, encrypted);
  if (!masterKey) {
    throw new ImportError('wrong-password', 'The password does not open this FreeOTP backup.');
  }
  return masterKey;
}

/** A token's raw secret: {"key": "<EncryptedKey JSON>"} decrypted with the master key. */
function decryptTokenSecret(value: string, masterKey: Buffer): Buffer | undefined {
  const outer = parseToken(value);
  const inner = typeof outer?.key === 'string' ? parseToken(outer.key) : undefined;
  const encrypted = parseEncryptedKey(inner);
  return encrypted && gcmDecrypt(masterKey, encrypted);
}

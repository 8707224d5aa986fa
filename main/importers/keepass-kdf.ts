// A KeePass database's key derivation: its settings read from the header and bounded BEFORE any
// work (the file's author chooses them), and the Argon2 that kdbxweb calls out to.
//
// Bounds, from what KeePassXC lets a person choose (src/crypto/kdf/Kdf.h: a decryption time of
// 0.1 to 5 s, 1 s by default, benchmarked on their own machine; Argon2 64 MiB by default):
//   Argon2d/Argon2id: at most 1 GiB of memory, 8 GiB·passes of memory × passes (a 5 s setting
//   on a fast desktop is about 5 GiB·passes; here, native Argon2d measured 0.2–0.3 GiB·passes/s
//   on a loaded 2-core machine; the same work bound as Ente's), 64 lanes;
//   AES-KDF: at most 50,000,000 rounds (KeePassXC's 1 s default on a fast desktop is about 20
//   million; 100 million cost 11 s of CPU here, past the hostile harness's 10 s budget).
// Over a bound the database is refused with how to lower the setting in KeePassXC: nothing the
// person needs is lost, and a crafted file cannot hold the app for minutes.
// Argon2id goes through the importers' shared helper (node:crypto, else hash-wasm in a worker);
// Argon2d, which KeePass and older KeePassXC write, through node:crypto where Node has Argon2, else
// hash-wasm in the importers' worker.
import kdbxweb from 'kdbxweb';
import { ImportError } from './errors';
import { argon2idKey, importArgon2Thread, nativeArgon2 } from './crypto/kdf';
import type { Argon2Params } from './crypto/kdf';
import { size } from './crypto/kdf-limits';

const KiB = 1024;
const GiB = 1024 * 1024 * KiB;

export const KEEPASS_LIMITS = {
  maxArgon2MemoryKiB: GiB / KiB,
  maxArgon2WorkKiB: (8 * GiB) / KiB,
  maxArgon2Parallelism: 64,
  maxAesRounds: 50_000_000,
  /** A password manager with more entries than this is not a person's. */
  maxEntries: 100_000,
};

const CIPHERS: Record<string, string> = {
  [kdbxweb.Consts.CipherId.Aes]: 'AES-256',
  [kdbxweb.Consts.CipherId.ChaCha20]: 'ChaCha20',
  'rWjyn1dvS7mjatR6+WU0bA==': 'Twofish',
};
const ARGON2_VERSION_13 = 0x13;
const CHANGE_IT =
  "In KeePassXC's Database Settings → Security → Encryption, lower it, save, and import again.";

/** Reads the header and refuses what TrayOTP cannot or will not derive. Never starts a KDF. */
export function checkKdbxHeader(bytes: Uint8Array): void {
  const header = readHeader(bytes);
  const cipher = header.dataCipherUuid?.toString() ?? '';
  if (CIPHERS[cipher] === 'Twofish' || !(cipher in CIPHERS)) {
    throw new ImportError(
      'unsupported',
      `This KeePass database is encrypted with ${CIPHERS[cipher] ?? 'a cipher TrayOTP does not know'}, which TrayOTP cannot decrypt. In KeePassXC's Database Settings → Security → Encryption, choose AES-256 or ChaCha20, save, and import it again.`,
    );
  }
  if (header.versionMajor < 4) {
    checkAesRounds(header.keyEncryptionRounds);
    return;
  }
  const params = header.kdfParameters;
  const uuid = params?.get('$UUID');
  const kdf = uuid instanceof ArrayBuffer ? Buffer.from(uuid).toString('base64') : '';
  if (kdf === kdbxweb.Consts.KdfId.Aes) {
    checkAesRounds(numberOf(params?.get('R')));
  } else if (kdf === kdbxweb.Consts.KdfId.Argon2d || kdf === kdbxweb.Consts.KdfId.Argon2id) {
    checkArgon2(kdf === kdbxweb.Consts.KdfId.Argon2d ? 'Argon2d' : 'Argon2id', params!);
  } else {
    throw new ImportError(
      'unsupported',
      'This KeePass database uses a key derivation TrayOTP does not know (neither AES-KDF nor Argon2).',
    );
  }
}

function readHeader(bytes: Uint8Array): kdbxweb.KdbxHeader {
  // A copy of exactly these bytes: a Node Buffer's slice() is a view of a shared pool.
  const buffer = new Uint8Array(bytes).buffer;
  try {
    const context = new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() });
    return kdbxweb.KdbxHeader.read(new kdbxweb.BinaryStream(buffer), context);
  } catch (error) {
    throw error instanceof kdbxweb.KdbxError &&
      error.code === kdbxweb.Consts.ErrorCodes.InvalidVersion
      ? new ImportError(
          'unsupported',
          'This KeePass database has a file version TrayOTP cannot read (it reads KDBX 3.1 and 4.x).',
        )
      : new ImportError('damaged', 'This KeePass database is damaged: its header is unreadable.');
  }
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (!(value instanceof kdbxweb.Int64)) return undefined;
  // Int64.value throws past 2^53: far beyond every bound, so it is refused as too costly.
  return value.hi >= 0x200000 ? Number.POSITIVE_INFINITY : value.value;
}

function checkAesRounds(rounds: number | undefined): void {
  if (rounds === undefined || Number.isNaN(rounds) || rounds < 1) {
    throw new ImportError(
      'damaged',
      'This KeePass database is damaged: its AES-KDF rounds are missing.',
    );
  }
  if (rounds > KEEPASS_LIMITS.maxAesRounds) {
    throw new ImportError(
      'too-costly',
      `This KeePass database asks for AES-KDF with ${rounds} rounds. TrayOTP refuses more than ${KEEPASS_LIMITS.maxAesRounds} rounds (two and a half times KeePassXC's default, 1 second, on a fast computer). ${CHANGE_IT}`,
    );
  }
}

function checkArgon2(name: string, params: kdbxweb.VarDictionary): void {
  const memoryBytes = numberOf(params.get('M'));
  const passes = numberOf(params.get('I'));
  const lanes = numberOf(params.get('P'));
  // Argon2 needs at least 8 KiB per lane (RFC 9106 §3.1); below that hash-wasm throws untyped.
  if (!memoryBytes || !passes || !lanes || memoryBytes < 8 * KiB * lanes) {
    throw new ImportError(
      'damaged',
      `This KeePass database is damaged: its ${name} settings are missing.`,
    );
  }
  if (params.get('V') !== ARGON2_VERSION_13) {
    throw new ImportError(
      'unsupported',
      `This KeePass database uses ${name} version 1.0; TrayOTP derives version 1.3 only. ${CHANGE_IT.replace('lower it', 'change the key derivation')}`,
    );
  }
  const memoryKiB = Math.floor(memoryBytes / KiB);
  const cost = `${name} with ${size(memoryKiB * KiB)} of memory × ${passes} passes`;
  const asks = `This KeePass database asks for ${cost}.`;
  if (memoryKiB > KEEPASS_LIMITS.maxArgon2MemoryKiB) {
    throw new ImportError(
      'too-costly',
      `${asks} TrayOTP refuses more than ${size(KEEPASS_LIMITS.maxArgon2MemoryKiB * KiB)} of memory (KeePassXC's default is 64 MiB). ${CHANGE_IT}`,
    );
  }
  if (memoryKiB * passes > KEEPASS_LIMITS.maxArgon2WorkKiB) {
    throw new ImportError(
      'too-costly',
      `${asks} TrayOTP refuses more than ${size(KEEPASS_LIMITS.maxArgon2WorkKiB * KiB)}·passes (more than KeePassXC's longest setting, 5 seconds, on a fast computer). ${CHANGE_IT}`,
    );
  }
  if (lanes > KEEPASS_LIMITS.maxArgon2Parallelism) {
    throw new ImportError(
      'too-costly',
      `This KeePass database asks for ${cost} × ${lanes} lanes. TrayOTP refuses more than ${KEEPASS_LIMITS.maxArgon2Parallelism} lanes. ${CHANGE_IT}`,
    );
  }
}

/** kdbxweb's Argon2 hook (it wants an ArrayBuffer back). */
async function argon2Hook(
  ...args: Parameters<kdbxweb.CryptoEngine.Argon2Fn>
): Promise<ArrayBuffer> {
  const [password, salt, memoryKiB, iterations, length, parallelism, type] = args;
  const key = await argon2(password, salt, memoryKiB, iterations, length, parallelism, type);
  return Uint8Array.from(key).buffer;
}

/** Argon2d or Argon2id; the header check above has bounded its arguments. */
async function argon2(
  password: ArrayBuffer,
  salt: ArrayBuffer,
  memoryKiB: number,
  iterations: number,
  length: number,
  parallelism: number,
  type: number,
): Promise<Uint8Array> {
  const message = new Uint8Array(password);
  const nonce = new Uint8Array(salt);
  const params = { iterations, memoryKiB, parallelism };
  if (type === kdbxweb.CryptoEngine.Argon2TypeArgon2id) {
    return argon2idKey(message, nonce, params, length);
  }
  return argon2dKey(message, nonce, params, length);
}

/**
 * Argon2d v1.3. `engine` is for tests: 'auto' takes node:crypto where Node has Argon2 (libuv's
 * thread pool) and hash-wasm otherwise (Electron's BoringSSL has none), in the importers' worker
 * thread: on the main process's own thread a KeePassXC database's 64 MiB × 2 froze the app ~1 s.
 */
export function argon2dKey(
  message: Uint8Array,
  nonce: Uint8Array,
  params: Argon2Params,
  length: number,
  engine: 'auto' | 'native' | 'wasm' = 'auto',
): Promise<Uint8Array> {
  const native =
    engine === 'wasm' ? undefined : nativeArgon2('argon2d', message, nonce, params, length);
  if (native) return native;
  if (engine === 'native') return Promise.reject(new Error('node:crypto has no Argon2 here'));
  return importArgon2Thread.derive({
    password: message,
    salt: nonce,
    iterations: params.iterations,
    memoryKiB: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: length,
    variant: 'argon2d',
  });
}

kdbxweb.CryptoEngine.setArgon2Impl(argon2Hook);

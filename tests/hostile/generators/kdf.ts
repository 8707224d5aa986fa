// Extreme key-derivation settings: an encrypted export names its own KDF cost, so a crafted file
// can ask for hours of work or gigabytes of memory before the password is even checked. Every
// file here is shaped well enough to reach the KDF, and gets a (wrong) password.
import { createHash } from 'node:crypto';
import { bytesInput } from './input';
import type { HostileInput } from './input';
import { javaStringMap } from './encoders';

const hex = (length: number, fill = 0x11) => Buffer.alloc(length, fill).toString('hex');
const b64 = (length: number, fill = 0x22) => Buffer.alloc(length, fill).toString('base64');

function aegisSlot(n: number, r: number, p: number, repaired = true) {
  return {
    type: 1,
    uuid: '01234567-89ab-4cde-8f01-23456789abcd',
    key: hex(32),
    key_params: { nonce: hex(12), tag: hex(16) },
    n,
    r,
    p,
    salt: hex(32),
    repaired,
  };
}

function aegisEncrypted(slots: unknown[]): string {
  return JSON.stringify({
    version: 1,
    header: { slots, params: { nonce: hex(12), tag: hex(16) } },
    db: b64(64),
  });
}

function bitwarden(kdf: {
  type: number;
  iterations: number;
  memory?: number;
  parallelism?: number;
}) {
  return JSON.stringify({
    encrypted: true,
    passwordProtected: true,
    salt: 'hostile-salt',
    kdfType: kdf.type,
    kdfIterations: kdf.iterations,
    ...(kdf.memory === undefined ? {} : { kdfMemory: kdf.memory }),
    ...(kdf.parallelism === undefined ? {} : { kdfParallelism: kdf.parallelism }),
    encKeyValidation_DO_NOT_EDIT: `2.${b64(16)}|${b64(32)}|${b64(32)}`,
    data: `2.${b64(16)}|${b64(64)}|${b64(32)}`,
  });
}

function ente(memLimit: number, opsLimit: number) {
  return JSON.stringify({
    version: 1,
    kdfParams: { memLimit, opsLimit, salt: b64(16) },
    encryptedData: b64(64),
    encryptionNonce: b64(24),
  });
}

/** andOTP's new format: [iterations BE][salt 12][nonce 12][ciphertext][tag 16]. */
function andotp(iterations: number): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(iterations >>> 0);
  return Buffer.concat([
    head,
    Buffer.alloc(12, 1),
    Buffer.alloc(12, 2),
    Buffer.alloc(64, 3),
    Buffer.alloc(16, 4),
  ]);
}

/** A FreeOTP 2 backup whose masterKey record asks for `iterations` of PBKDF2. */
function freeotp(iterations: number, algorithm = 'PBKDF2withHmacSHA512'): Buffer {
  const signed = (length: number) => Array.from({ length }, (_, i) => (i % 200) - 100);
  const masterKey = JSON.stringify({
    mAlgorithm: algorithm,
    mEncryptedKey: {
      mCipher: 'AES/GCM/NoPadding',
      mCipherText: signed(48),
      mParameters: [48, 17, 4, 12, ...signed(12), 2, 1, 16],
      mToken: 'AES',
    },
    mIterations: iterations,
    mSalt: signed(32),
  });
  return javaStringMap([['masterKey', masterKey]]);
}

export function kdfInputs(): HostileInput[] {
  const file = (name: string, fileName: string, content: () => string | Buffer) =>
    bytesInput(`kdf/${name}`, ['import'], fileName, content, 'wrong password');
  return [
    file('aegis-scrypt-N2^30-r64', 'aegis.json', () => aegisEncrypted([aegisSlot(2 ** 30, 64, 1)])),
    file('aegis-scrypt-N2^20-r64-8GiB', 'aegis.json', () =>
      aegisEncrypted([aegisSlot(2 ** 20, 64, 1)]),
    ),
    file('aegis-scrypt-N2^20-r8-p8', 'aegis.json', () =>
      aegisEncrypted([aegisSlot(2 ** 20, 8, 8)]),
    ),
    file('aegis-scrypt-N2^20-r1-p64', 'aegis.json', () =>
      aegisEncrypted([aegisSlot(2 ** 20, 1, 64)]),
    ),
    file('aegis-10k-slots', 'aegis.json', () =>
      aegisEncrypted(Array.from({ length: 10_000 }, () => aegisSlot(2 ** 15, 8, 1, false))),
    ),
    file('aegis-64-slots-N2^20', 'aegis.json', () =>
      aegisEncrypted(Array.from({ length: 64 }, () => aegisSlot(2 ** 20, 8, 1))),
    ),
    file('bitwarden-argon2-10M-iterations-4GiB-p255', 'bitwarden.json', () =>
      bitwarden({ type: 1, iterations: 10_000_000, memory: 4096, parallelism: 255 }),
    ),
    file('bitwarden-argon2-10M-iterations-1GiB-p16', 'bitwarden.json', () =>
      bitwarden({ type: 1, iterations: 10_000_000, memory: 1024, parallelism: 16 }),
    ),
    file('bitwarden-argon2-1GiB-p255', 'bitwarden.json', () =>
      bitwarden({ type: 1, iterations: 3, memory: 1024, parallelism: 255 }),
    ),
    file('bitwarden-argon2-64-iterations-1GiB', 'bitwarden.json', () =>
      bitwarden({ type: 1, iterations: 64, memory: 1024, parallelism: 4 }),
    ),
    file('bitwarden-pbkdf2-2^31-iterations', 'bitwarden.json', () =>
      bitwarden({ type: 0, iterations: 2 ** 31 }),
    ),
    file('bitwarden-pbkdf2-10M-iterations', 'bitwarden.json', () =>
      bitwarden({ type: 0, iterations: 10_000_000 }),
    ),
    file('andotp-pbkdf2-2^31-1-iterations', 'otp_accounts.json.aes', () => andotp(2 ** 31 - 1)),
    file('andotp-pbkdf2-2^32-1-iterations', 'otp_accounts.json.aes', () => andotp(2 ** 32 - 1)),
    file('freeotp-pbkdf2-sha512-10M-iterations', 'externalBackup.xml', () => freeotp(10_000_000)),
    file('freeotp-pbkdf2-2^31-1-iterations', 'externalBackup.xml', () => freeotp(2 ** 31 - 1)),
    file('ente-opslimit-2^32-memlimit-2^40', 'ente.json', () => ente(2 ** 40, 2 ** 32)),
    file('ente-memlimit-4GiB', 'ente.json', () => ente(4 * 1024 ** 3, 4)),
    file('ente-memlimit-1GiB-opslimit-1024', 'ente.json', () => ente(1024 ** 3, 1024)),
    file('ente-memlimit-256MiB-opslimit-1024', 'ente.json', () => ente(256 * 1024 ** 2, 1024)),
  ];
}

// ---- KeePass (KDBX 4) ---------------------------------------------------------------------------

export const KDF_UUID = {
  aes: 'c9d9f39a628a4460bf740d08c18a4fea',
  argon2d: 'ef636ddf8c29444b91f7a9a403e30a0c',
  argon2id: '9e298b1956db4773b23dfc3ec6f0a1e6',
};

export type Variant = [key: string, type: 0x04 | 0x05 | 0x42, value: number | Buffer];

/** KDBX 4's VariantDictionary: version 1.0, then typed key/value items, then a 0 byte. */
function variantDictionary(items: Variant[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x00, 0x01])];
  for (const [key, type, value] of items) {
    const name = Buffer.from(key, 'utf8');
    let data: Buffer;
    if (type === 0x04) {
      data = Buffer.alloc(4);
      data.writeUInt32LE(value as number);
    } else if (type === 0x05) {
      data = Buffer.alloc(8);
      data.writeBigUInt64LE(BigInt(value as number));
    } else data = value as Buffer;
    const head = Buffer.alloc(5);
    head[0] = type;
    head.writeInt32LE(name.length, 1);
    const size = Buffer.alloc(4);
    size.writeInt32LE(data.length);
    parts.push(head, name, size, data);
  }
  parts.push(Buffer.from([0x00]));
  return Buffer.concat(parts);
}

/**
 * A KDBX 4 file whose header is whole (its SHA-256 matches) and asks for `kdf`; the HMAC and
 * the blocks after it are filler, so the key derivation runs before anything can fail.
 */
export function kdbx4(kdf: Variant[]): Buffer {
  const field = (id: number, data: Buffer) => {
    const head = Buffer.alloc(5);
    head[0] = id;
    head.writeUInt32LE(data.length, 1);
    return Buffer.concat([head, data]);
  };
  const signature = Buffer.alloc(12);
  signature.writeUInt32LE(0x9aa2d903, 0);
  signature.writeUInt32LE(0xb54bfb67, 4);
  signature.writeUInt16LE(0, 8); // minor version
  signature.writeUInt16LE(4, 10); // major version 4
  const compression = Buffer.alloc(4);
  const header = Buffer.concat([
    signature,
    field(2, Buffer.from('31c1f2e6bf714350be5805216afc5aff', 'hex')), // AES-256
    field(3, compression),
    field(4, Buffer.alloc(32, 0x44)), // master seed
    field(7, Buffer.alloc(16, 0x55)), // encryption IV
    field(11, variantDictionary(kdf)),
    field(0, Buffer.from('\r\n\r\n', 'latin1')),
  ]);
  const hash = createHash('sha256').update(header).digest();
  return Buffer.concat([header, hash, Buffer.alloc(32, 0x66), Buffer.alloc(256, 0x77)]);
}

export function keepassKdfInputs(): HostileInput[] {
  const file = (name: string, kdf: Variant[]) =>
    bytesInput(`kdf/${name}`, ['import'], 'vault.kdbx', () => kdbx4(kdf), 'wrong password');
  const argon2 = (uuid: string, memory: number, passes: number, lanes: number): Variant[] => [
    ['$UUID', 0x42, Buffer.from(uuid, 'hex')],
    ['S', 0x42, Buffer.alloc(32, 0x11)],
    ['P', 0x04, lanes],
    ['M', 0x05, memory],
    ['I', 0x05, passes],
    ['V', 0x04, 0x13],
  ];
  return [
    file('keepass-aes-kdf-100M-rounds', [
      ['$UUID', 0x42, Buffer.from(KDF_UUID.aes, 'hex')],
      ['R', 0x05, 100_000_000],
      ['S', 0x42, Buffer.alloc(32, 0x11)],
    ]),
    file('keepass-aes-kdf-2^53-rounds', [
      ['$UUID', 0x42, Buffer.from(KDF_UUID.aes, 'hex')],
      ['R', 0x05, 2 ** 53 - 1],
      ['S', 0x42, Buffer.alloc(32, 0x11)],
    ]),
    file('keepass-argon2d-1GiB-16-passes', argon2(KDF_UUID.argon2d, 1024 ** 3, 16, 4)),
    file('keepass-argon2id-1GiB-16-passes', argon2(KDF_UUID.argon2id, 1024 ** 3, 16, 4)),
    file('keepass-argon2d-4GiB-1-pass-255-lanes', argon2(KDF_UUID.argon2d, 4 * 1024 ** 3, 1, 255)),
  ];
}

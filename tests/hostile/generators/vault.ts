// Crafted vault files for Vault.open + unlock: a header whose checksum is right but whose
// passphrase slot asks for an extreme KDF, declared lengths that do not fit, and paths that are
// not regular files (a FIFO nobody writes to, endless devices, a directory).
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { encodeVault } from '../../../main/vault/format';
import { bytesInput } from './input';
import type { HostileInput } from './input';

const b64 = (length: number, fill = 0x33) => Buffer.alloc(length, fill).toString('base64');

type Kdf = Record<string, unknown>;

/** A vault file whose one passphrase slot has `kdf`; the checksum and GCM tag are genuine. */
export function craftedVault(kdf: Kdf, plaintext: Uint8Array = Buffer.from('[]')): Buffer {
  const header = {
    revision: 1,
    savedAt: '2026-01-01T00:00:00.000Z',
    keyCheck: b64(16),
    body: { cipher: 'aes-256-gcm' as const, nonce: b64(12) },
    slots: [
      { type: 'passphrase', kdf: { ...kdf, salt: b64(32) }, nonce: b64(12), wrapped: b64(48) },
    ],
  };
  return encodeVault(header as Parameters<typeof encodeVault>[0], Buffer.alloc(32, 7), plaintext);
}

function special(name: string, make: (path: string) => Promise<string>): HostileInput {
  return {
    name: `vault/${name}`,
    targets: ['vault'],
    fileName: 'vault.trayotp',
    password: 'wrong',
    make,
  };
}

export function vaultInputs(): HostileInput[] {
  const vault = (name: string, content: () => Buffer) =>
    bytesInput(`vault/${name}`, ['vault'], 'vault.trayotp', content, 'wrong');
  return [
    vault('argon2id-1GiB-64-passes-16-lanes', () =>
      craftedVault({ name: 'argon2id', memoryKiB: 1_048_576, iterations: 64, parallelism: 16 }),
    ),
    vault('argon2id-1GiB-64-passes-1-lane', () =>
      craftedVault({ name: 'argon2id', memoryKiB: 1_048_576, iterations: 64, parallelism: 1 }),
    ),
    vault('argon2id-4TiB', () =>
      craftedVault({ name: 'argon2id', memoryKiB: 2 ** 32, iterations: 1, parallelism: 1 }),
    ),
    vault('scrypt-N2^22-r2-p16', () => craftedVault({ name: 'scrypt', N: 2 ** 22, r: 2, p: 16 })),
    vault('scrypt-N2^30-r64', () => craftedVault({ name: 'scrypt', N: 2 ** 30, r: 64, p: 1 })),
    vault('header-length-4GiB', () => {
      const file = craftedVault({ name: 'scrypt', N: 2 ** 14, r: 8, p: 1 });
      file.writeUInt32BE(0xffffffff, 10);
      return file;
    }),
    vault('body-declares-64MiB-holds-none', () => {
      // A genuine file for 64 MiB of body, cut right after the header checksum.
      const file = craftedVault(
        { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 },
        Buffer.alloc(64 * 1024 * 1024),
      );
      return file.subarray(0, file.length - 64 * 1024 * 1024 - 16);
    }),
    special('path-is-a-fifo-nobody-writes', async (path) => {
      execFileSync('mkfifo', [path]);
      return path;
    }),
    special('path-is-dev-zero', () => Promise.resolve('/dev/zero')),
    special('path-is-dev-urandom', () => Promise.resolve('/dev/urandom')),
    special('path-is-a-directory', async (path) => {
      await mkdir(path);
      await writeFile(`${path}/vault.trayotp`, 'not here');
      return path;
    }),
  ];
}

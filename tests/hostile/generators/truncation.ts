// Truncations: every interop fixture (real exports of other apps, tests/fixtures/interop), a
// TrayOTP vault and a QR screenshot, cut at several points, as a download or a copy cut short
// would leave them. Each goes through the import with its real password.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBuffer } from 'qrcode';
import { craftedVault } from './vault';
import { bytesInput } from './input';
import type { HostileInput } from './input';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

interface Fixture {
  file: string;
  bytes: Buffer;
  password?: string;
}

function interopFixtures(set: 'aegis' | 'google-migration'): Fixture[] {
  const dir = `${fixtures}interop/${set}/`;
  const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as Record<
    string,
    { password?: string | null }
  >;
  // Every export in the folder (expected.json also names a few files that were not copied).
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(relative(dir, entry.parentPath), entry.name))
    .filter((file) => !['expected.json', 'LICENSE', 'PROVENANCE.md'].includes(file))
    .sort();
  return files.map((file) => {
    const password = expected[file]?.password;
    return { file, bytes: readFileSync(`${dir}${file}`), ...(password ? { password } : {}) };
  });
}

/** The other apps' exports in tests/fixtures, with their passwords (their PROVENANCE.md). */
const OTHER_SETS: Record<string, Record<string, string | null>> = {
  keepass: {
    'keepassxc-NewDatabase.kdbx': 'a',
    'keepassxc-NewDatabaseBrowser.kdbx': 'a',
    'keepass-rs-totp-entry.kdbx': 'test',
    'keepass-rs-totp-sha512-entry.kdbx': 'test',
    'kdbx-rs-keepassxc-otp.kdbx': 'kdbxrs',
    'kdbx-rs-kdbx4-argon2id.kdbx': 'kdbxrs',
  },
  lastpass: { 'lastpass_android.json': null, 'lastpass_ios.json': null },
  winauth: { 'winauth.zip': 'test', 'winauth-2023-03-24.txt': null },
};

/** The cut points: the first byte, the middle, and all but the last byte. */
function cutPoints(length: number): number[] {
  return [...new Set([1, Math.floor(length / 2), length - 1])].filter(
    (at) => at > 0 && at < length,
  );
}

export function truncationInputs(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const set of ['aegis', 'google-migration'] as const) {
    for (const { file, bytes, password } of interopFixtures(set)) {
      // The first byte alone says nothing format-specific; cut real files in the middle and end.
      for (const at of cutPoints(bytes.length).filter((point) => point > 1)) {
        inputs.push(
          bytesInput(
            `truncated/${set}/${file}@${at}`,
            ['import'],
            file.split('/').pop()!,
            () => bytes.subarray(0, at),
            password,
          ),
        );
      }
    }
  }
  for (const [set, passwords] of Object.entries(OTHER_SETS)) {
    for (const file of readdirSync(`${fixtures}${set}`).filter((name) => name in passwords)) {
      const bytes = readFileSync(`${fixtures}${set}/${file}`);
      for (const at of cutPoints(bytes.length).filter((point) => point > 1)) {
        inputs.push(
          bytesInput(
            `truncated/${set}/${file}@${at}`,
            ['import'],
            file,
            () => bytes.subarray(0, at),
            passwords[file] ?? undefined,
          ),
        );
      }
    }
  }
  const vault = craftedVault(
    { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 },
    Buffer.from('[]'.padEnd(4096, ' ')),
  );
  const headerEnd = 14 + vault.readUInt32BE(10);
  for (const at of [
    8,
    12,
    headerEnd - 1,
    headerEnd + 16,
    headerEnd + 32,
    vault.length - 17,
    vault.length - 1,
  ]) {
    inputs.push(
      bytesInput(
        `truncated/vault@${at}`,
        ['vault'],
        'vault.trayotp',
        () => vault.subarray(0, at),
        'wrong',
      ),
    );
  }
  const qrDir = `${fixtures}qr/`;
  const shot = readdirSync(qrDir).find((name) => name.endsWith('.png'));
  const pictures: [string, () => Promise<Buffer>][] = [
    [
      'qr-code.png',
      () => toBuffer('otpauth://totp/Cut:alice?secret=JBSWY3DPEHPK3PXP&issuer=Cut', { scale: 8 }),
    ],
    ...(shot
      ? [
          [shot, () => Promise.resolve(readFileSync(`${qrDir}${shot}`))] as [
            string,
            () => Promise<Buffer>,
          ],
        ]
      : []),
  ];
  for (const [name, picture] of pictures) {
    for (const fraction of [0.1, 0.5, 0.99]) {
      inputs.push(
        bytesInput(`truncated/${name}@${fraction * 100}%`, ['image', 'import'], name, async () => {
          const bytes = await picture();
          return bytes.subarray(0, Math.floor(bytes.length * fraction));
        }),
      );
    }
  }
  return inputs;
}

// Files and headers made to hurt (docs/vault.md § Reading): a device, a pipe, a folder or a huge
// file as the vault path is refused before a byte is read; a header asking for an unlock that
// would take minutes is refused before anything is derived; every malformed KDF header is a
// typed error with a sentence; a symlinked vault path keeps its link when saved.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, readlink, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkKdf,
  DEFAULT_KDF,
  MAX_ARGON2ID_COST,
  Vault,
  VaultError,
  VaultFileError,
  VaultFormatError,
} from '../../../main/vault';
import { MAX_VAULT_FILE_BYTES } from '../../../main/vault/format';
import { CHEAP, PASSPHRASE, account, fixedClock, tempFolder } from './helpers';

const clock = fixedClock();

/** The vault's bytes with its header's passphrase KDF replaced (checksum recomputed). */
function withKdf(bytes: Buffer, kdf: Record<string, unknown>): Buffer {
  const length = bytes.readUInt32BE(10);
  const header = JSON.parse(bytes.subarray(14, 14 + length).toString('utf8'));
  const { salt } = header.slots[0].kdf;
  // A KDF of another name replaces the whole object; otherwise the fields are changed.
  header.slots[0].kdf =
    kdf.name === undefined ? { ...header.slots[0].kdf, ...kdf } : { ...kdf, salt };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.from(bytes.subarray(0, 14));
  prefix.writeUInt32BE(headerBytes.length, 10);
  const checked = Buffer.concat([prefix, headerBytes]);
  return Buffer.concat([
    checked,
    createHash('sha256').update(checked).digest(),
    bytes.subarray(46 + length),
  ]);
}

async function smallVault() {
  const folder = await tempFolder();
  const path = join(folder, 'vault.trayotp');
  const vault = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
  await vault.add(account('alice'));
  return { folder, path, vault, bytes: await readFile(path) };
}

describe('files that are not vault files', () => {
  // Devices and FIFOs as paths are Unix things; a folder is refused everywhere.
  it.skipIf(process.platform === 'win32').each([
    ['/dev/zero, a device', async () => '/dev/zero'],
    [
      'a FIFO with no writer',
      async () => {
        const path = join(await tempFolder(), 'fifo');
        execFileSync('mkfifo', [path]);
        return path;
      },
    ],
    ['a folder', async () => tempFolder()],
  ])('%s is refused as not-a-file, at once', async (_, make) => {
    const path = await make();
    const started = performance.now();
    const error = await Vault.open(path, { clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultFileError);
    expect(error).toMatchObject({ code: 'not-a-file' });
    expect((error as Error).message).toBe(
      `${path} is not a regular file (it is a folder, a device or a pipe); nothing was read. Choose the vault file itself.`,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a file larger than any vault can be is refused before it is read', async () => {
    const path = join(await tempFolder(), 'huge.trayotp');
    await writeFile(path, '');
    await truncate(path, MAX_VAULT_FILE_BYTES + 1); // sparse: no disk used
    const started = performance.now();
    await expect(Vault.open(path, { clock })).rejects.toMatchObject({ code: 'too-large' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('KDF costs a header may ask for', () => {
  it('1 GiB × 64 passes (about two minutes) is refused at open, before deriving anything', async () => {
    const { path, bytes } = await smallVault();
    await writeFile(path, withKdf(bytes, { memoryKiB: 1_048_576, iterations: 64, parallelism: 4 }));
    const started = performance.now();
    const error = await Vault.open(path, { clock }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(VaultFormatError);
    expect(error).toMatchObject({ code: 'kdf-too-costly' });
    expect((error as Error).message).toMatch(
      /^This vault's passphrase slot asks for a key derivation 16× costlier than TrayOTP agrees to compute .*Nothing was changed; restore the newest good backup\.$/,
    );
  });

  it.each([
    [{ name: 'scrypt', N: 2 ** 20, r: 8, p: 16 }, 'kdf-too-costly'],
    [{ name: 'scrypt', N: 2 ** 20, r: 16, p: 1 }, 'bad-header'],
    [{ name: 'scrypt', N: 2 ** 20, r: 8, p: 2 }, undefined],
    [{ memoryKiB: 1_048_576, iterations: 4 }, undefined],
  ])('a header asking %j: %s', async (kdf, code) => {
    const { path, bytes } = await smallVault();
    const changed = withKdf(bytes, kdf);
    await writeFile(path, changed);
    const error = await Vault.open(path, { clock }).catch((e: unknown) => e);
    if (code === undefined) expect(error).toBeInstanceOf(Vault);
    else expect(error).toMatchObject({ code });
  });

  it('create and changePassphrase stay within the bound: the default is far inside, above it is refused', () => {
    expect(checkKdf({ kdf: DEFAULT_KDF })).toEqual(DEFAULT_KDF);
    expect(() =>
      checkKdf({ kdf: { ...DEFAULT_KDF, memoryKiB: 1_048_576, iterations: 5 } }),
    ).toThrow(expect.objectContaining({ code: 'weak-kdf' }));
    expect(DEFAULT_KDF.memoryKiB * DEFAULT_KDF.iterations * 21).toBeLessThan(MAX_ARGON2ID_COST);
  });
});

describe('malformed Argon2 headers', () => {
  const values = [0, 1, 3, 8, 16, 17, 1.5, -1, '4', null, 2 ** 32];
  const memories = [0, 7, 8, 24, 64, 100, 129, 2 ** 31];
  it(`every parallelism × memory combination (${values.length * memories.length}) opens or fails with a typed, worded error`, async () => {
    const { path, bytes } = await smallVault();
    const outcomes = new Map<string, number>();
    for (const parallelism of values) {
      for (const memoryKiB of memories) {
        const vault = await (async () => {
          const v = Vault.fromBytes(path, withKdf(bytes, { parallelism, memoryKiB }), { clock });
          await v.unlock({ passphrase: PASSPHRASE });
          return v;
        })().catch((e: unknown) => e);
        if (vault instanceof Vault) {
          outcomes.set('opened', (outcomes.get('opened') ?? 0) + 1);
          continue;
        }
        expect(vault, `${parallelism} × ${memoryKiB}`).toBeInstanceOf(VaultError);
        expect((vault as Error).message).toMatch(/\.$/);
        const code = (vault as VaultError).code;
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      }
    }
    // memory below 8 × lanes is the mismatch Argon2 itself rejects: a header error, typed.
    expect(outcomes.get('bad-header')).toBeGreaterThan(0);
    // Only the vault's own parameters (8 KiB, 1 lane) open; other valid ones are a wrong key.
    expect(outcomes.get('opened')).toBe(1);
    expect(outcomes.get('wrong-passphrase')).toBeGreaterThan(0);
  });
});

describe('a symlinked vault path', () => {
  it('stays a symlink when saved: the target is replaced, atomically, beside itself', async () => {
    const folder = await tempFolder();
    await mkdir(join(folder, 'real'));
    const target = join(folder, 'real', 'vault.trayotp');
    const link = join(folder, 'vault.trayotp');
    await Vault.create(target, { clock, passphrase: PASSPHRASE, ...CHEAP });
    await symlink(target, link);
    const vault = await Vault.open(link, { clock });
    await vault.unlock({ passphrase: PASSPHRASE });
    await vault.add(account('alice'));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    const direct = await Vault.open(target, { clock });
    await direct.unlock({ passphrase: PASSPHRASE });
    expect(direct.entries.map((e) => e.name)).toEqual(['alice']);
    // One set of backups, beside the real file, whichever path saved.
    expect(vault.lastBackup?.path.startsWith(join(folder, 'real', 'vault.trayotp.backups'))).toBe(
      true,
    );
  });
});

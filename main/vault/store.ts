// The vault's file operations. A write is atomic (docs/vault.md § Writing): a temp file in the
// same folder (so rename never crosses file systems), fsync, rename, fsync the folder (so the
// rename itself survives a power cut). Under the vault's name there is always either the old
// or the new file, whole.
import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VaultFileError } from './errors';

export const FILE_MODE = 0o600;

export async function readVaultFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new VaultFileError('not-found', `There is no vault at ${path}; check the path.`);
    }
    throw new VaultFileError(
      'unreadable',
      `The vault at ${path} cannot be read (${code ?? (error as Error).message}); check its permissions.`,
    );
  }
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

/** Writes `data` to `path` atomically, mode 0600. `exclusive` fails if `path` already exists. */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  options: { exclusive?: boolean } = {},
): Promise<void> {
  const temp = join(dirname(path), `${tempPrefix(path)}${randomBytes(8).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      // link() fails if the name exists, atomically: never overwrite a vault by "creating" it.
      await link(temp, path);
      await unlink(temp);
    } else {
      await rename(temp, path);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && options.exclusive) {
      throw new VaultFileError(
        'exists',
        `There is already a file at ${path}; nothing was changed.`,
      );
    }
    throw new VaultFileError(
      'unwritable',
      `Could not write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the previous version is unchanged.`,
    );
  }
  await syncFolder(dirname(path));
}

/**
 * Removes temp files that killed writers left beside `path` (called after a good save, never
 * while opening: a failed open changes nothing). With `anyName`, every temp file in the folder.
 */
export async function removeStaleTemps(path: string, anyName = false): Promise<void> {
  const prefix = tempPrefix(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => (anyName ? TEMP_NAME.test(name) : name.startsWith(prefix)))
      .map((name) => unlink(join(dirname(path), name)).catch(() => undefined)),
  );
}

const TEMP_NAME = /^\..+\.tmp-[0-9a-f]{16}$/;

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is as durable as it gets.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// The vault's file operations. A write is atomic (docs/vault.md § Writing): a temp file in the
// same folder as the real file (so rename never crosses file systems, and a symlinked vault
// path keeps its link), fsync, rename, fsync the folder (so the rename itself survives a power
// cut). Under the vault's name there is always either the old or the new file, whole.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VaultFileError } from './errors';
import { STALE_MS, pidAlive } from './file-lock';
import { MAX_VAULT_FILE_BYTES } from './format';

export const FILE_MODE = 0o600;

/**
 * The file a vault path names: symlinks resolved (a save replaces the link's target, never the
 * link), or for a file not made yet its real folder plus its name.
 */
export async function resolveVaultPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    try {
      return join(await realpath(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/**
 * Reads a vault (or backup) file. Only a regular file up to the largest size the format allows
 * is read: a device (/dev/zero), a pipe or a folder is refused before a byte is read, and the
 * open never waits for a pipe's writer (O_NONBLOCK). Checked on the opened handle, so the file
 * cannot be swapped between the check and the read.
 */
export async function readVaultFile(path: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw readError(path, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notAFile(path);
    if (info.size > MAX_VAULT_FILE_BYTES) {
      throw new VaultFileError(
        'too-large',
        `${path} is ${Math.round(info.size / 1024 / 1024)} MiB, larger than any TrayOTP vault can be (${Math.floor(MAX_VAULT_FILE_BYTES / 1024 / 1024)} MiB); it was not read. Check the path.`,
      );
    }
    // One byte more than stat said: a file that grows while it is read is not read whole.
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > info.size) {
      throw new VaultFileError(
        'unreadable',
        `${path} changed while it was being read; nothing was changed. Try again.`,
      );
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof VaultFileError) throw error;
    throw readError(path, error);
  } finally {
    await handle.close();
  }
}

function notAFile(path: string): VaultFileError {
  return new VaultFileError(
    'not-a-file',
    `${path} is not a regular file (it is a folder, a device or a pipe); nothing was read. Choose the vault file itself.`,
  );
}

function readError(path: string, error: unknown): VaultFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new VaultFileError('not-found', `There is no vault at ${path}; check the path.`);
  }
  if (code === 'EISDIR') return notAFile(path);
  return new VaultFileError(
    'unreadable',
    `The vault at ${path} cannot be read (${code ?? (error as Error).message}); check its permissions.`,
  );
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

/**
 * Writes `data` to `path` atomically, mode 0600. A symlink is followed: its target is replaced
 * (temp file in the target's folder). `exclusive` fails if `path` already exists.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  options: { exclusive?: boolean } = {},
): Promise<void> {
  const target = options.exclusive ? path : await resolveVaultPath(path);
  // The pid in the name lets a later writer tell a dead writer's leftover from a live one's.
  const temp = join(
    dirname(target),
    `${tempPrefix(target)}${process.pid}-${randomBytes(8).toString('hex')}`,
  );
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
      await link(temp, target);
      await unlink(temp);
    } else {
      await rename(temp, target);
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
  await syncFolder(dirname(target));
}

/**
 * Removes temp files that dead writers left beside `path` (the vault's own temps and its lock's):
 * only those whose writer's pid no longer runs, or that are older than a lock can live. Called
 * with the vault's lock held, after a good save, never while opening (a failed open changes
 * nothing). With `anyName`, the temps of every file in the folder (the backups folder).
 */
export async function removeStaleTemps(path: string, anyName = false): Promise<void> {
  const folder = dirname(path);
  const base = basename(path);
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const match = TEMP_NAME.exec(name);
      if (!match) return;
      if (!anyName && match[1] !== base && match[1] !== `${base}.lock`) return;
      const pid = match[2] === undefined ? undefined : Number(match[2]);
      const full = join(folder, name);
      // A waiter's lock temp lives for an instant, and the waiter may sit in another pid
      // namespace (Flatpak) where its pid means nothing here: those go by age alone.
      const lockTemp = match[1]!.endsWith('.lock');
      if (!lockTemp && pid !== undefined && pid !== process.pid && !pidAlive(pid)) {
        await unlink(full).catch(() => undefined);
        return;
      }
      const age = await stat(full).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) await unlink(full).catch(() => undefined);
    }),
  );
}

// `.<name>.tmp-<pid>-<hex>`; older versions wrote `.<name>.tmp-<hex16>` without the pid.
const TEMP_NAME = /^\.(.+)\.tmp-(?:(\d+)-)?([0-9a-f]{16,24})$/;

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

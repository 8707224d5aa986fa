// Reading one file or one folder listing of the sync folder (docs/sync.md § Bounds). Everything
// here is outside input: a link is never followed (O_NOFOLLOW on files, lstat on folders), a FIFO
// never blocks (O_NONBLOCK), and a size is checked before a byte is read.
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, opendir } from 'node:fs/promises';
import { MAX_FILE_BYTES } from './file-format';
import type { SyncFileError } from './errors';

export interface DeviceProblem {
  device: string;
  file: string;
  code:
    | SyncFileError['code']
    | 'too-many-files'
    | 'over-budget'
    | 'removed'
    | 'waiting'
    | 'device-too-large'
    | 'too-many-devices';
  message: string;
}

export class DeviceFileError extends Error {
  constructor(readonly problem: DeviceProblem) {
    super(problem.message);
  }
}

export const ONLY_THIS_FILE = 'Only this file is left out until it is replaced or removed.';

/** A file that cannot be used: its device, the file and why, as one sentence. */
export function bad(
  device: string,
  file: string,
  why: string,
  code: DeviceProblem['code'] = 'bad-records',
): DeviceFileError {
  return new DeviceFileError({
    device,
    file,
    code,
    message: `File ${file} of device ${device} cannot be used: ${why}. ${ONLY_THIS_FILE}`,
  });
}

/**
 * A whole file, at most MAX_FILE_BYTES and at most `budget.left`, never through a link and never
 * blocking on a FIFO. A file still being written is returned as far as it goes (it is complete on
 * the next read, and its authentication fails until then).
 */
export async function readBounded(
  path: string,
  device: string,
  name: string,
  budget: { left: number },
): Promise<Buffer> {
  let handle;
  try {
    // O_NOFOLLOW: a symlink could point anywhere on this computer; O_NONBLOCK: a FIFO must not hang us.
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw bad(
      device,
      name,
      code === 'ELOOP'
        ? 'it is a link, and links are never followed'
        : `it cannot be read (${code})`,
      'unreadable',
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw bad(device, name, 'it is not a regular file', 'not-a-file');
    if (info.size > MAX_FILE_BYTES)
      throw bad(device, name, `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, 'too-large');
    if (info.size > budget.left) {
      throw new DeviceFileError({
        device,
        file: name,
        code: 'over-budget',
        message: `The sync folder holds more TrayOTP files than are read in one merge; file ${name} of device ${device} was not read.`,
      });
    }
    const buffer = Buffer.alloc(info.size);
    let offset = 0;
    while (offset < info.size) {
      const { bytesRead } = await handle.read(buffer, offset, info.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    budget.left -= offset;
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

/** At most `limit` names of a folder (a hostile folder of a million files is not listed whole). */
export async function listNames(dir: string, limit: number): Promise<string[]> {
  const names: string[] = [];
  let handle;
  try {
    handle = await opendir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    for await (const entry of handle) {
      names.push(entry.name);
      if (names.length >= limit) break;
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  return names;
}

/** lstat, or undefined when the entry is gone (a sync program removed it meanwhile). */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** What identifies one version of a file: a rewrite (rename over it, or in place) changes it. */
export function fileIdentity(info: Stats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

// Writing this device's own files (docs/sync.md § Folder layout). A device writes only under
// trayotp-sync/<its id>/; each file is written to a dot-named temp file (which readers and
// sync engines' "in progress" rules skip), synced, and renamed into place, so no reader ever
// sees half a file under a real name.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeFile } from './file-format';
import type { Kind } from './file-format';
import type { DeviceKeys } from './device-keys';
import type { SyncKey } from './keys';
import { DEVICE_CARD, SYNC_DIR, invitationName, seqName } from './names';
import type { DeviceCard } from './folder-read';
import type { LogBody } from './records';

export function deviceDir(folder: string, device: string): string {
  return join(folder, SYNC_DIR, device);
}

export async function writeLogFile(
  folder: string,
  device: string,
  seq: number,
  kind: 'segment' | 'snapshot',
  body: LogBody,
  key: SyncKey,
  /** The device's keys: the file is signed (format 2). Without, format 1 (tests of old files). */
  signer?: DeviceKeys,
): Promise<string> {
  const name = seqName(seq, kind);
  const bytes = encodeFile(
    kind,
    { device, seq },
    Buffer.from(JSON.stringify(body), 'utf8'),
    key,
    undefined,
    signer,
  );
  await writeAtomic(deviceDir(folder, device), name, bytes);
  return name;
}

export async function writeDeviceCard(
  folder: string,
  device: string,
  card: DeviceCard,
  key: SyncKey,
  signer?: DeviceKeys,
): Promise<void> {
  const bytes = encodeFile(
    'device',
    { device },
    Buffer.from(JSON.stringify(card), 'utf8'),
    key,
    undefined,
    signer,
  );
  await writeAtomic(deviceDir(folder, device), DEVICE_CARD, bytes);
}

export async function writeInvitationFile(
  folder: string,
  device: string,
  invite: string,
  bytes: Buffer,
): Promise<void> {
  await writeAtomic(deviceDir(folder, device), invitationName(invite), bytes);
}

/** Removes one of this device's own files; a file already gone is fine. */
export async function removeOwnFile(folder: string, device: string, name: string): Promise<void> {
  await assertRealFolder(join(folder, SYNC_DIR));
  await assertRealFolder(deviceDir(folder, device));
  await unlink(join(deviceDir(folder, device), name)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** A temp file of this device older than this is left from a write that never finished. */
export const STALE_TEMP_MS = 60_000;
const TEMP_PREFIX = '.trayotp-tmp-';

/**
 * Removes the temp files a crash left in this device's own folder (a write stopped before its
 * rename): readers skip them, but nothing else would ever remove them, and the sync program
 * carries each to every computer. Only this device writes there, and no write takes a minute,
 * so one older than that is no write in progress. Returns how many went.
 */
export async function removeStaleTemps(folder: string, device: string): Promise<number> {
  const dir = deviceDir(folder, device);
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const info = await lstat(join(dir, name)).catch(() => undefined);
    if (!info?.isFile() || Date.now() - info.mtimeMs < STALE_TEMP_MS) continue;
    await removeOwnFile(folder, device, name);
    removed++;
  }
  return removed;
}

export async function writeAtomic(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  // trayotp-sync/ and the device's folder are made here, the chosen folder never: one that is gone
  // (a disk unplugged, the folder moved) must not be made again in its place (ENOENT instead).
  // Links are never followed (G5): a trayotp-sync/ or device folder that is a link (a sync program
  // carries links as links) would put this device's files wherever it points. Each is checked
  // before anything is made inside it.
  await mkdirOnce(dirname(dir));
  await assertRealFolder(dirname(dir));
  await mkdirOnce(dir);
  await assertRealFolder(dir);
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, join(dir, name));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const folder = await open(dir, 'r').catch(() => undefined);
  if (folder) {
    await folder.sync().catch(() => undefined); // not every file system syncs folders
    await folder.close();
  }
}

async function assertRealFolder(dir: string): Promise<void> {
  const info = await lstat(dir);
  if (!info.isDirectory()) {
    throw new Error(
      `${dir} is ${info.isSymbolicLink() ? 'a link' : 'not a folder'}; TrayOTP writes nothing through it. Replace it with a folder.`,
    );
  }
}

async function mkdirOnce(dir: string): Promise<void> {
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

export type { Kind };

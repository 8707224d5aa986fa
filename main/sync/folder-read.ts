// Reading the sync folder (docs/sync.md § File format, § Bounds, § Reading the folder). Everything
// here is outside input: counts and sizes are checked before anything is read or parsed, each
// file is authenticated, links are never followed, and a bad file costs only itself
// (device-read.ts). Which device folders are read: this device's own, then every folder whose card
// reads under the group's keys, then the rest, up to LIMITS.devices that hold something usable;
// every device past a bound is reported, never dropped silently. Reading never writes.
import { join } from 'node:path';
import { MAX_FILE_BYTES } from './file-format';
import { DEVICE_ID } from './hlc';
import type { SyncKey } from './keys';
import { SYNC_DIR } from './names';
import { ReadCache } from './read-cache';
import { DEVICE_LIMITS, hasValidCard, readDevice } from './device-read';
import type { DeviceLog, DeviceReadContext, FileCheck } from './device-read';
import { listNames, lstatOrUndefined } from './read-file';
import type { DeviceProblem } from './read-file';

export { deviceCardSchema, DEVICE_LIMITS } from './device-read';
export type { DeviceCard, DeviceLog } from './device-read';
export { bad, DeviceFileError, listNames, readBounded } from './read-file';
export type { DeviceProblem } from './read-file';
export { ReadCache } from './read-cache';

export const LIMITS = {
  /** Device folders with something usable that are read in one merge. */
  devices: 64,
  /** Entries of trayotp-sync/ listed. */
  entries: 8192,
  filesPerDevice: DEVICE_LIMITS.filesPerDevice,
  bytesPerDevice: DEVICE_LIMITS.bytesPerDevice,
  fileBytes: MAX_FILE_BYTES,
  bytesPerMerge: 256 * 1024 * 1024,
} as const;

/** Problems of trayotp-sync/ itself are shown under this name. */
export const FOLDER_PROBLEM = 'trayotp-sync';

export interface FolderState {
  devices: DeviceLog[];
  problems: DeviceProblem[];
  /** Device folders with TrayOTP files past the bound, not read (each is also a problem). */
  ignoredDevices: number;
}

export interface ReadOptions {
  /** Devices removed from the group: their files above this sequence number are not used. */
  removed?: ReadonlyMap<string, number>;
  /** This device: always read first, so no number of other folders can hide its own numbers. */
  self?: string;
  /** Files decoded in earlier rounds (the engine keeps one): unchanged files are not read again. */
  cache?: ReadCache;
  /** Membership (G2): whether a decoded file's device and signature count (membership.ts). */
  verify?: FileCheck;
}

export async function readSyncFolder(
  folder: string,
  keys: readonly SyncKey[],
  options: ReadOptions = {},
): Promise<FolderState> {
  const root = join(folder, SYNC_DIR);
  const state: FolderState = { devices: [], problems: [], ignoredDevices: 0 };
  const rootInfo = await lstatOrUndefined(root);
  if (!rootInfo) return state;
  if (!rootInfo.isDirectory()) {
    state.problems.push({
      device: FOLDER_PROBLEM,
      file: root,
      code: rootInfo.isSymbolicLink() ? 'unreadable' : 'not-a-file',
      message: `${root} is ${rootInfo.isSymbolicLink() ? 'a link, and links are never followed' : 'not a folder'}; nothing was read. Replace it with the folder itself.`,
    });
    return state;
  }
  const names = await listNames(root, LIMITS.entries + 1);
  if (names.length > LIMITS.entries) {
    state.problems.push({
      device: FOLDER_PROBLEM,
      file: root,
      code: 'too-many-devices',
      message: `${root} holds more than ${LIMITS.entries.toLocaleString('en')} entries; devices past them may not be read. Remove what is not TrayOTP's from it.`,
    });
  }
  const cache = options.cache ?? new ReadCache();
  const budget = { left: LIMITS.bytesPerMerge };
  const context = (device: string): DeviceReadContext => ({
    keys,
    budget,
    cache,
    removedAfter: options.removed?.get(device),
    verify: options.verify,
  });

  // Real folders only (a link or a stray file named like a device id is not one), members first.
  const folders: { device: string; member: boolean }[] = [];
  for (const device of names.filter((n) => DEVICE_ID.test(n)).sort()) {
    const dir = join(root, device);
    const info = await lstatOrUndefined(dir);
    if (info?.isSymbolicLink()) {
      state.problems.push({
        device,
        file: dir,
        code: 'unreadable',
        message: `The folder of device ${device} is a link, and links are never followed; nothing of it was read. Replace it with the folder itself.`,
      });
    }
    if (!info?.isDirectory()) continue;
    folders.push({ device, member: await hasValidCard(dir, device, context(device)) });
  }
  const rank = (f: { device: string; member: boolean }) =>
    f.device === options.self ? 0 : f.member ? 1 : 2;
  folders.sort((a, b) => rank(a) - rank(b));

  let used = 0;
  for (const { device } of folders) {
    const dir = join(root, device);
    if (used >= LIMITS.devices) {
      const holds = (await listNames(dir, 64)).length > 0;
      if (holds) {
        state.ignoredDevices++;
        state.problems.push({
          device,
          file: dir,
          code: 'too-many-devices',
          message: `Device ${device} was not read: the sync folder holds more than ${LIMITS.devices} devices. Remove devices that are no longer used.`,
        });
      }
      continue;
    }
    const { log, problems } = await readDevice(dir, device, context(device));
    state.problems.push(...problems);
    // A folder with nothing usable (empty, or only bad files, each reported) is no device: it
    // neither counts toward the bound nor holds back tombstones (§ Tombstones). This device's own
    // is always kept, for the sequence numbers in its names.
    const usable = log.card !== undefined || log.files.length > 0 || log.waiting;
    if (!usable && device !== options.self) continue;
    if (usable) used++;
    state.devices.push(log);
    if (log.refusedAfterRemoval > 0) {
      state.problems.push({
        device,
        file: dir,
        code: 'removed',
        message: `Device ${log.card?.name ?? device} was removed from sync; ${log.refusedAfterRemoval} file(s) it wrote since were not used.`,
      });
    }
  }
  cache.endRound();
  return state;
}

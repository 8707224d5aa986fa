// Reading the sync folder (docs/sync.md § File format, § Bounds). Everything here is outside
// input: counts and sizes are checked before anything is read or parsed, each file is
// authenticated, and a device with one bad file has nothing applied. Reading never writes.
import { constants } from 'node:fs';
import { open, opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncFileError } from './errors';
import { decodeFile, MAX_FILE_BYTES } from './file-format';
import type { Kind } from './file-format';
import { DEVICE_ID, maxHlc } from './hlc';
import type { Hlc } from './hlc';
import type { SyncKey } from './keys';
import { classifyName, SYNC_DIR } from './names';
import type { FileName } from './names';
import { logBodySchema } from './records';
import type { SyncRecord } from './records';
import { z } from 'zod';

export const LIMITS = {
  devices: 64,
  filesPerDevice: 4096,
  fileBytes: MAX_FILE_BYTES,
  bytesPerMerge: 256 * 1024 * 1024,
} as const;

export interface DeviceCard {
  name: string;
  createdAt: number;
  sign?: string | undefined;
  dh?: string | undefined;
  /** A joining device: the invitation it used, and its MAC over its id and keys (membership.ts). */
  join?: { invite: string; mac: string } | undefined;
}

const derKey = z.string().regex(/^[A-Za-z0-9+/]{40,80}={0,2}$/);

export const deviceCardSchema = z.strictObject({
  name: z.string().min(1).max(128),
  createdAt: z.number().int().min(0).max(8.64e15),
  /** The device's Ed25519 and X25519 public keys (SPKI DER, base64): key rotation. */
  sign: derKey.optional(),
  dh: derKey.optional(),
  join: z
    .strictObject({
      invite: z.string().regex(/^[a-z2-7]{13}$/),
      mac: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    })
    .optional(),
});

export interface DeviceLog {
  device: string;
  records: SyncRecord[];
  /** The device's acknowledgement: the newest HLC of each device it has merged. */
  seen: Record<string, Hlc>;
  card: DeviceCard | undefined;
  /** The highest sequence number among its files (conflict copies included). */
  maxSeq: number;
  /** The newest snapshot's own sequence number and what it covers. */
  snapshot: { seq: number; covers: number } | undefined;
  /** Names of the files read (for compaction of our own folder). */
  files: { name: string; parsed: FileName }[];
  /** Names present but not read because a snapshot covers them. */
  covered: string[];
  /** Files written after the device was removed from the group, not used. */
  refusedAfterRemoval: number;
}

export interface DeviceProblem {
  device: string;
  file: string;
  code: SyncFileError['code'] | 'too-many-files' | 'over-budget' | 'removed';
  message: string;
}

export interface FolderState {
  devices: DeviceLog[];
  problems: DeviceProblem[];
  /** Device folders beyond the bound, not read. */
  ignoredDevices: number;
}

export interface ReadOptions {
  /** Devices removed from the group: their files above this sequence number are not used. */
  removed?: ReadonlyMap<string, number>;
}

export async function readSyncFolder(
  folder: string,
  keys: readonly SyncKey[],
  options: ReadOptions = {},
): Promise<FolderState> {
  const root = join(folder, SYNC_DIR);
  const state: FolderState = { devices: [], problems: [], ignoredDevices: 0 };
  const names = await listNames(root, LIMITS.devices + 64);
  const deviceNames = names.filter((n) => DEVICE_ID.test(n)).sort();
  state.ignoredDevices = Math.max(0, deviceNames.length - LIMITS.devices);
  const budget = { left: LIMITS.bytesPerMerge };
  for (const device of deviceNames.slice(0, LIMITS.devices)) {
    try {
      const removedAfter = options.removed?.get(device);
      const log = await readDevice(join(root, device), device, keys, budget, removedAfter);
      state.devices.push(log);
      if (log.refusedAfterRemoval > 0) {
        state.problems.push({
          device,
          file: join(root, device),
          code: 'removed',
          message: `Device ${log.card?.name ?? device} was removed from sync; ${log.refusedAfterRemoval} file(s) it wrote since were not used.`,
        });
      }
    } catch (error) {
      if (error instanceof DeviceFileError) state.problems.push(error.problem);
      else if (isNotFolder(error))
        continue; // a stray file named like a device id
      else throw error;
    }
  }
  return state;
}

export class DeviceFileError extends Error {
  constructor(readonly problem: DeviceProblem) {
    super(problem.message);
  }
}

async function readDevice(
  dir: string,
  device: string,
  keys: readonly SyncKey[],
  budget: { left: number },
  removedAfter: number | undefined,
): Promise<DeviceLog> {
  const names = await listNames(dir, LIMITS.filesPerDevice + 1);
  if (names.length > LIMITS.filesPerDevice) {
    throw new DeviceFileError({
      device,
      file: dir,
      code: 'too-many-files',
      message: `The folder of device ${device} holds more than ${LIMITS.filesPerDevice} files; nothing of it was applied. Remove what is not TrayOTP's from it.`,
    });
  }
  const log: DeviceLog = {
    device,
    records: [],
    seen: {},
    card: undefined,
    maxSeq: 0,
    snapshot: undefined,
    files: [],
    covered: [],
    refusedAfterRemoval: 0,
  };
  const parsed = names.flatMap((name) => {
    const p = classifyName(name);
    if (!p || p.kind === 'rotation') return []; // rotations are read first, by rotation.ts
    if (removedAfter !== undefined && 'seq' in p && p.seq > removedAfter) {
      log.refusedAfterRemoval++;
      return [];
    }
    return [{ name, parsed: p }];
  });
  for (const { parsed: p } of parsed) if ('seq' in p) log.maxSeq = Math.max(log.maxSeq, p.seq);

  // The newest snapshot first: it says which segments it replaces.
  const snapshots = parsed
    .filter((f) => f.parsed.kind === 'snapshot' && !f.parsed.conflict)
    .sort((a, b) => seqOf(b.parsed) - seqOf(a.parsed));
  let covers = 0;
  const newest = snapshots[0];
  if (newest) {
    const body = await readBody(dir, device, newest.name, newest.parsed, keys, budget);
    covers = body.covers ?? 0;
    log.snapshot = { seq: seqOf(newest.parsed), covers };
    take(log, body);
    log.files.push(newest);
  }
  for (const file of parsed) {
    if (file === newest || file.parsed.kind === 'invitation') continue;
    if (file.parsed.kind === 'device') {
      if (file.parsed.conflict) continue;
      const card = await readFile(dir, device, file.name, 'device', keys, budget);
      const parsedCard = deviceCardSchema.safeParse(parseJson(card));
      if (!parsedCard.success)
        throw bad(device, file.name, 'its device card does not match the format');
      log.card = parsedCard.data;
      continue;
    }
    const seq = seqOf(file.parsed);
    if (!file.parsed.conflict && seq <= covers) {
      log.covered.push(file.name);
      continue;
    }
    take(log, await readBody(dir, device, file.name, file.parsed, keys, budget));
    log.files.push(file);
  }
  return log;
}

function seqOf(parsed: FileName): number {
  return 'seq' in parsed ? parsed.seq : 0;
}

function take(log: DeviceLog, body: { records: SyncRecord[]; seen: Record<string, Hlc> }) {
  for (const record of body.records) log.records.push(record);
  for (const [device, hlc] of Object.entries(body.seen))
    log.seen[device] = maxHlc(log.seen[device], hlc)!;
}

async function readBody(
  dir: string,
  device: string,
  name: string,
  parsed: FileName,
  keys: readonly SyncKey[],
  budget: { left: number },
) {
  const kind: Kind = parsed.kind === 'snapshot' ? 'snapshot' : 'segment';
  const plaintext = await readFile(dir, device, name, kind, keys, budget, seqOf(parsed));
  const body = logBodySchema.safeParse(parseJson(plaintext));
  if (!body.success) {
    const issue = body.error.issues[0];
    throw bad(
      device,
      name,
      `its records do not match the format (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    );
  }
  // A device writes only records stamped with its own id: anything else is forged or misplaced.
  for (const record of body.data.records) {
    if (!record.at.endsWith(`:${device}`))
      throw bad(device, name, 'it holds records of another device');
  }
  if (kind === 'segment' && body.data.covers !== undefined)
    throw bad(device, name, 'a segment cannot cover others');
  return body.data;
}

async function readFile(
  dir: string,
  device: string,
  name: string,
  kind: Kind,
  keys: readonly SyncKey[],
  budget: { left: number },
  seq?: number,
): Promise<Buffer> {
  const bytes = await readBounded(join(dir, name), device, name, budget);
  try {
    const decoded = decodeFile(bytes, keys, `File ${name} of device ${device}`);
    if (decoded.kind !== kind) throw bad(device, name, `it is a ${decoded.kind}, not a ${kind}`);
    if (decoded.header.device !== device)
      throw bad(device, name, 'it names another device than its folder');
    if (seq !== undefined && decoded.header.seq !== seq)
      throw bad(device, name, 'its sequence number is not the one in its name');
    return decoded.plaintext;
  } catch (error) {
    if (error instanceof SyncFileError)
      throw new DeviceFileError({ device, file: name, code: error.code, message: error.message });
    throw error;
  }
}

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
    throw new DeviceFileError({
      device,
      file: name,
      code: 'unreadable',
      message: `File ${name} of device ${device} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing of this device was applied.`,
    });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw bad(device, name, 'it is not a regular file', 'not-a-file');
    if (info.size > LIMITS.fileBytes)
      throw bad(
        device,
        name,
        `it is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB`,
        'too-large',
      );
    if (info.size > budget.left) {
      throw new DeviceFileError({
        device,
        file: name,
        code: 'over-budget',
        message: `The sync folder holds more than ${LIMITS.bytesPerMerge / 1024 / 1024} MiB of TrayOTP files; device ${device} was not read.`,
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
    // A file still being written by the sync engine: it will be complete on the next read.
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

function bad(
  device: string,
  file: string,
  why: string,
  code: DeviceProblem['code'] = 'bad-records',
): DeviceFileError {
  return new DeviceFileError({
    device,
    file,
    code,
    message: `File ${file} of device ${device} cannot be used: ${why}. Nothing of this device was applied.`,
  });
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
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

function isNotFolder(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOTDIR';
}

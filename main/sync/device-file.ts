// One file of a device folder (docs/sync.md § Reading the folder): read without following a
// link, decrypted, checked against its kind, folder and name, and against membership (G2,
// membership.ts), its text cleaned (G7); the result, or its problem, is cached by the file's
// identity (G6), so an unchanged file is never read or decrypted twice.
import { join } from 'node:path';
import { SyncFileError } from './errors';
import { decodeFile } from './file-format';
import type { DecodedFile, Kind } from './file-format';
import type { SyncKey } from './keys';
import { DEVICE_CARD } from './names';
import type { FileName } from './names';
import type { ReadCache } from './read-cache';
import {
  bad,
  DeviceFileError,
  fileIdentity,
  lstatOrUndefined,
  ONLY_THIS_FILE,
  parseJson,
  readBounded,
} from './read-file';
import type { DeviceProblem } from './read-file';
import { logBodySchema } from './records';
import type { LogBody } from './records';
import { cleanDeviceName, cleanRecord } from './remote-text';
import { z } from 'zod';

/** A card is a few hundred bytes; a larger one is not read to decide membership. */
const MAX_CARD_BYTES = 64 * 1024;

export interface DeviceCard {
  name: string;
  createdAt: number;
  sign?: string | undefined;
  dh?: string | undefined;
}

const derKey = z.string().regex(/^[A-Za-z0-9+/]{40,80}={0,2}$/);

export const deviceCardSchema = z.strictObject({
  name: z.string().min(1).max(128),
  createdAt: z.number().int().min(0).max(8.64e15),
  /** The device's Ed25519 and X25519 public keys (SPKI DER, base64): key rotation. */
  sign: derKey.optional(),
  dh: derKey.optional(),
});

export interface DeviceReadContext {
  keys: readonly SyncKey[];
  budget: { left: number };
  cache: ReadCache;
  /** The device was removed: its files above this sequence number are not used. */
  removedAfter: number | undefined;
  /** Membership (G2): why a decoded file must not be used, or undefined (membership.ts). */
  verify?: FileCheck | undefined;
}

/** `version` changes whenever the answers may: decoded files are cached under it. */
export interface FileCheck {
  version: string;
  check(device: string, file: DecodedFile): string | undefined;
}

export type Decoded = { ok: true; value: unknown } | { ok: false; problem: DeviceProblem };

export interface ListedFile {
  name: string;
  parsed: FileName;
  identity: string;
  size: number;
}

/** A file decoded now, or as it was decoded in an earlier round when it has not changed since. */
export async function decodeCached(
  dir: string,
  device: string,
  file: ListedFile,
  kind: Kind,
  context: DeviceReadContext,
  budget: { left: number },
): Promise<Decoded> {
  const path = join(dir, file.name);
  const cacheKey = `${file.identity}|${context.keys.map((k) => k.id).join(',')}|${kind}|${context.verify?.version ?? ''}`;
  const cached = context.cache.get<Decoded>(path, cacheKey);
  if (cached) return cached;
  let result: Decoded;
  try {
    result = {
      ok: true,
      value: await readDeviceFile(path, device, file, kind, context.keys, budget, context.verify),
    };
  } catch (error) {
    if (!(error instanceof DeviceFileError)) throw error;
    result = { ok: false, problem: error.problem };
  }
  context.cache.set(path, cacheKey, result);
  return result;
}

/**
 * Whether the folder's card reads under the group's keys (the device is a member, not a folder
 * someone made): such devices are read first, so junk folders cannot crowd them out.
 */
export async function hasValidCard(
  dir: string,
  device: string,
  context: DeviceReadContext,
): Promise<boolean> {
  const info = await lstatOrUndefined(join(dir, DEVICE_CARD));
  if (!info?.isFile() || info.size > MAX_CARD_BYTES) return false;
  const file = {
    name: DEVICE_CARD,
    parsed: { kind: 'device', conflict: false } as FileName,
    identity: fileIdentity(info),
    size: info.size,
  };
  return (await decodeCached(dir, device, file, 'device', context, { left: MAX_CARD_BYTES })).ok;
}

/** One file, decrypted and checked against its name and folder; a card or a log body. */
async function readDeviceFile(
  path: string,
  device: string,
  file: { name: string; parsed: FileName },
  kind: Kind,
  keys: readonly SyncKey[],
  budget: { left: number },
  verify?: FileCheck,
): Promise<DeviceCard | LogBody> {
  const { name, parsed } = file;
  const plaintext = await decodeDeviceFile(
    path,
    device,
    name,
    kind,
    keys,
    budget,
    'seq' in parsed ? parsed.seq : undefined,
    verify,
  );
  if (kind === 'device') {
    const card = deviceCardSchema.safeParse(parseJson(plaintext));
    if (!card.success) throw bad(device, name, 'its device card does not match the format');
    return { ...card.data, name: cleanDeviceName(card.data.name, device) };
  }
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
  return { ...body.data, records: body.data.records.map(cleanRecord) };
}

/** Reads and decrypts one file of a device folder, checked against its kind, folder and name. */
async function decodeDeviceFile(
  path: string,
  device: string,
  name: string,
  kind: Kind,
  keys: readonly SyncKey[],
  budget: { left: number },
  seq: number | undefined,
  verify?: FileCheck,
): Promise<Buffer> {
  const bytes = await readBounded(path, device, name, budget);
  try {
    const decoded = decodeFile(bytes, keys, `File ${name} of device ${device}`);
    if (decoded.kind !== kind) throw bad(device, name, `it is a ${decoded.kind}, not a ${kind}`);
    if (decoded.header.device !== device)
      throw bad(device, name, 'it names another device than its folder');
    if (seq !== undefined && decoded.header.seq !== seq)
      throw bad(device, name, 'its sequence number is not the one in its name');
    // Attributed to its device by that device's own key (G2, membership.ts).
    const refusal = verify?.check(device, decoded);
    if (refusal !== undefined) throw bad(device, name, refusal, 'authentication');
    return decoded.plaintext;
  } catch (error) {
    if (error instanceof SyncFileError) {
      // file-format.ts speaks of the whole device; here one file is left out, not the device.
      const message = `${error.message.replace(/ Nothing of this device was applied\.$/, '')} ${ONLY_THIS_FILE}`;
      throw new DeviceFileError({ device, file: name, code: error.code, message });
    }
    throw error;
  }
}

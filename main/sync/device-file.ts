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

/** A file's result; `bytes` is its plaintext size (what the per-device bound counts). */
export type Decoded =
  { ok: true; value: unknown; bytes: number } | { ok: false; problem: DeviceProblem };

export interface ListedFile {
  name: string;
  parsed: FileName;
  identity: string;
  size: number;
}

function cacheKeyOf(file: ListedFile, kind: Kind, context: DeviceReadContext): string {
  return `${file.identity}|${context.keys.map((k) => k.id).join(',')}|${kind}|${context.verify?.version ?? ''}`;
}

/** The result of an earlier round, when the file has not changed since. */
export function cachedResult(
  dir: string,
  file: ListedFile,
  kind: Kind,
  context: DeviceReadContext,
): Decoded | undefined {
  return context.cache.get<Decoded>(join(dir, file.name), cacheKeyOf(file, kind, context));
}

/**
 * Reads and decrypts a file, with every check but the parsing (decryption is cheap, parsing is
 * what costs): the plaintext, or the file's problem (then cached).
 */
export async function decryptFile(
  dir: string,
  device: string,
  file: ListedFile,
  kind: Kind,
  context: DeviceReadContext,
  budget: { left: number },
): Promise<{ ok: true; plaintext: Buffer } | Extract<Decoded, { ok: false }>> {
  const seq = 'seq' in file.parsed ? file.parsed.seq : undefined;
  const path = join(dir, file.name);
  try {
    const plaintext = await decodeDeviceFile(
      path,
      device,
      file.name,
      kind,
      context.keys,
      budget,
      seq,
      context.verify,
    );
    return { ok: true, plaintext };
  } catch (error) {
    if (!(error instanceof DeviceFileError)) throw error;
    const result = { ok: false as const, problem: error.problem };
    // Out of this merge's read budget is no fault of the file: it is tried again next round.
    if (error.problem.code !== 'over-budget')
      context.cache.set(path, cacheKeyOf(file, kind, context), result);
    return result;
  }
}

/** Parses a decrypted file (a card or a log body) and caches the result. */
export function parseFile(
  dir: string,
  device: string,
  file: ListedFile,
  kind: Kind,
  context: DeviceReadContext,
  plaintext: Buffer,
): Decoded {
  let result: Decoded;
  try {
    const value = parsePlaintext(device, file.name, kind, plaintext);
    result = { ok: true, value, bytes: plaintext.length };
  } catch (error) {
    if (!(error instanceof DeviceFileError)) throw error;
    result = { ok: false, problem: error.problem };
  }
  context.cache.set(join(dir, file.name), cacheKeyOf(file, kind, context), result);
  return result;
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
  const cached = cachedResult(dir, file, kind, context);
  if (cached) return cached;
  const decrypted = await decryptFile(dir, device, file, kind, context, budget);
  if (!decrypted.ok) return decrypted;
  return parseFile(dir, device, file, kind, context, decrypted.plaintext);
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

/** A decrypted card or log body, checked against the schema and its device; text cleaned (G7). */
function parsePlaintext(
  device: string,
  name: string,
  kind: Kind,
  plaintext: Buffer,
): DeviceCard | LogBody {
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

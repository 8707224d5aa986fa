// Key files (docs/sync.md § Keys): `keys-<seq>.tsk` in a device's own folder, kind 5, always
// signed by their writer (the file, format 2, and the body). Three bodies: a key rotation (a
// member removed devices; rotation.ts), an introduction (a member let a device in through one of
// its invitations) and a join request (a joining device's first file: the invitation it used and
// a MAC only the invitation's code gives). Each is read on its own within a small bound.
import { join } from 'node:path';
import { z } from 'zod';
import { SyncFileError } from './errors';
import { decodeFile, encodeFile, signedBy } from './file-format';
import type { DecodedFile } from './file-format';
import { deviceCardSchema, listNames, readBounded } from './folder-read';
import type { DeviceCard } from './folder-read';
import { deviceDir, writeAtomic } from './folder-write';
import { DEVICE_ID, isHlc } from './hlc';
import type { Hlc } from './hlc';
import { signBytes } from './device-keys';
import type { DeviceKeys } from './device-keys';
import type { SyncKey } from './keys';
import { fileRefusal, memberSchema } from './membership';
import type { Membership } from './membership';
import { canonicalJson } from './records';
import { classifyName, DEVICE_CARD, rotationName } from './names';

/** A key file is at most this big; a card or join request read to decide membership, this. */
export const MAX_KEY_FILE_BYTES = 256 * 1024;
const MAX_CARD_BYTES = 64 * 1024;
/** Key files of a non-member looked at for a join request (its first files). */
const MAX_JOIN_FILES = 4;

const b64 = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const rotationSchema = z.strictObject({
  at: z.string().refine(isHlc),
  signer: z.string().regex(DEVICE_ID),
  oldKey: z.string(),
  newKey: z.string(),
  removed: z
    .array(
      z.strictObject({ device: z.string().regex(DEVICE_ID), upToSeq: z.number().int().min(0) }),
    )
    .max(64),
  wraps: z.record(z.string().regex(DEVICE_ID), z.strictObject({ eph: b64, nonce: b64, ct: b64 })),
  sig: b64,
});
export type Rotation = z.infer<typeof rotationSchema>;

export const introductionSchema = z.strictObject({
  at: z.string().refine(isHlc),
  signer: z.string().regex(DEVICE_ID),
  intro: z.strictObject({
    device: z.string().regex(DEVICE_ID),
    invite: z.string().regex(/^[a-z2-7]{13}$/),
    sign: memberSchema.shape.sign,
    dh: memberSchema.shape.dh,
  }),
  sig: b64,
});
export type Introduction = z.infer<typeof introductionSchema>;

/** A joining device's first file: the invitation it used, and its MAC over its id and keys. */
export const joinRequestSchema = z.strictObject({
  at: z.string().refine(isHlc),
  signer: z.string().regex(DEVICE_ID),
  join: z.strictObject({
    invite: z.string().regex(/^[a-z2-7]{13}$/),
    mac: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    sign: memberSchema.shape.sign,
    dh: memberSchema.shape.dh,
  }),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>['join'] & {
  device: string;
  /** The id of the sync key its file is under: the key the invitation gave it. */
  key?: string;
};

export function signedPart(body: Omit<Rotation, 'sig'> | Omit<Introduction, 'sig'>): Buffer {
  const what = 'intro' in body ? 'introduction' : 'rotation';
  return Buffer.from(`TrayOTP ${what} v1|${canonicalJson(body)}`, 'utf8');
}

export async function writeKeyFile(
  folder: string,
  device: string,
  seq: number,
  body: object,
  key: SyncKey,
  deviceKeys: DeviceKeys,
): Promise<void> {
  const bytes = encodeFile(
    'rotation',
    { device, seq },
    Buffer.from(JSON.stringify(body)),
    key,
    undefined,
    deviceKeys,
  );
  await writeAtomic(deviceDir(folder, device), rotationName(seq), bytes);
}

/**
 * Written by a device that has just accepted an invitation, before anything else: its inviter
 * checks the MAC with the invitation's secret and introduces exactly this device (G4).
 */
export async function writeJoinRequest(options: {
  folder: string;
  device: string;
  seq: number;
  at: Hlc;
  deviceKeys: DeviceKeys;
  key: SyncKey;
  join: { invite: string; mac: string };
}): Promise<void> {
  const body = {
    at: options.at,
    signer: options.device,
    join: { ...options.join, sign: options.deviceKeys.signPublic, dh: options.deviceKeys.dhPublic },
  };
  await writeKeyFile(
    options.folder,
    options.device,
    options.seq,
    body,
    options.key,
    options.deviceKeys,
  );
}

/** The inviter lets `intro.device` in: the other members believe it because they believe us. */
export async function writeIntroduction(options: {
  folder: string;
  device: string;
  seq: number;
  at: Hlc;
  deviceKeys: DeviceKeys;
  key: SyncKey;
  intro: Introduction['intro'];
}): Promise<void> {
  const unsigned = { at: options.at, signer: options.device, intro: options.intro };
  const body = { ...unsigned, sig: signBytes(options.deviceKeys, signedPart(unsigned)) };
  await writeKeyFile(
    options.folder,
    options.device,
    options.seq,
    body,
    options.key,
    options.deviceKeys,
  );
}

export async function readKeyFile(
  root: string,
  device: string,
  name: string,
  keys: readonly SyncKey[],
  membership: Membership,
): Promise<DecodedFile> {
  // Each file within its own bound: junk in one folder cannot starve the others.
  const bytes = await readBounded(join(root, device, name), device, name, {
    left: MAX_KEY_FILE_BYTES,
  });
  const decoded = decodeFile(bytes, keys, `Key file ${name} of device ${device}`);
  const refusal = fileRefusal(membership, device, decoded);
  if (refusal)
    throw new SyncFileError(
      'authentication',
      `Key file ${name} of device ${device} cannot be used: ${refusal}.`,
    );
  return decoded;
}

export function parseKeyFile(
  decoded: DecodedFile,
  device: string,
  name: string,
): Rotation | Introduction | undefined {
  let json: unknown;
  try {
    json = JSON.parse(decoded.plaintext.toString('utf8'));
  } catch {
    json = undefined;
  }
  if (
    json &&
    typeof json === 'object' &&
    'join' in json &&
    joinRequestSchema.safeParse(json).success
  )
    return undefined;
  const body =
    json && typeof json === 'object' && 'intro' in json
      ? introductionSchema.safeParse(json)
      : rotationSchema.safeParse(json);
  if (
    decoded.kind !== 'rotation' ||
    decoded.header.device !== device ||
    !body.success ||
    body.data.signer !== device
  ) {
    throw new SyncFileError(
      'bad-records',
      `Key file ${name} of device ${device} does not match the format.`,
    );
  }
  return body.data;
}

/** A card that decrypts, names its folder, and (format 2) is signed by the key it carries. */
export async function readCard(
  root: string,
  device: string,
  keys: readonly SyncKey[],
): Promise<DeviceCard | undefined> {
  try {
    const bytes = await readBounded(join(root, device, DEVICE_CARD), device, DEVICE_CARD, {
      left: MAX_CARD_BYTES,
    });
    const decoded = decodeFile(bytes, keys, `The card of device ${device}`);
    const card = deviceCardSchema.safeParse(JSON.parse(decoded.plaintext.toString('utf8')));
    if (decoded.kind !== 'device' || decoded.header.device !== device || !card.success)
      return undefined;
    if (decoded.version === 2 && !(card.data.sign && signedBy(decoded, card.data.sign)))
      return undefined;
    return card.data;
  } catch {
    // An unreadable card is reported by readSyncFolder with the rest of the device.
    return undefined;
  }
}

/** The newest join request in a non-member's folder, signed by the key it names. */
export async function readJoinRequest(
  root: string,
  device: string,
  keys: readonly SyncKey[],
): Promise<JoinRequest | undefined> {
  const names = (await listNames(join(root, device), 4097).catch(() => [] as string[]))
    .flatMap((name) => {
      const parsed = classifyName(name);
      return parsed?.kind === 'rotation' && !parsed.conflict ? [{ name, seq: parsed.seq }] : [];
    })
    .sort((a, b) => a.seq - b.seq)
    .slice(0, MAX_JOIN_FILES);
  for (const { name } of names) {
    try {
      const bytes = await readBounded(join(root, device, name), device, name, {
        left: MAX_CARD_BYTES,
      });
      const decoded = decodeFile(bytes, keys, `Key file ${name} of device ${device}`);
      const body = joinRequestSchema.safeParse(JSON.parse(decoded.plaintext.toString('utf8')));
      if (
        decoded.kind === 'rotation' &&
        decoded.header.device === device &&
        body.success &&
        body.data.signer === device &&
        signedBy(decoded, body.data.join.sign)
      )
        return { ...body.data.join, device, key: decoded.header.key };
    } catch {
      // Not a join request: a stranger's files are not reported (anyone can make folders).
    }
  }
  return undefined;
}

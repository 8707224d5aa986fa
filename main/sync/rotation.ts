// Key files (docs/sync.md § Keys, § Membership): `keys-<seq>.tsk` in a member's own folder holds
// either a key rotation (the member removed devices: a new sync key wrapped to every member that
// stays) or an introduction (the member let a device in through one of its invitations). Both are
// signed twice by their writer: the file (format 2) and the body. Only members' files are read,
// each within its own small bound, so nobody's junk can use up a shared budget; what they say is
// kept in every computer's vault, so deleting them undoes nothing.
import { join } from 'node:path';
import { z } from 'zod';
import { SyncFileError } from './errors';
import { decodeFile, encodeFile } from './file-format';
import type { DecodedFile } from './file-format';
import { deviceCardSchema, DeviceFileError, listNames, readBounded } from './folder-read';
import type { DeviceCard, DeviceProblem } from './folder-read';
import { deviceDir, writeAtomic } from './folder-write';
import { DEVICE_ID, isHlc } from './hlc';
import type { Hlc } from './hlc';
import { signBytes, unwrapWith, verifyBytes, wrapFor } from './device-keys';
import type { DeviceKeys } from './device-keys';
import { newSyncKey, syncKeyFrom } from './keys';
import type { SyncKey } from './keys';
import { fileRefusal, memberSchema } from './membership';
import type { Member, Membership } from './membership';
import { canonicalJson } from './records';
import { classifyName, DEVICE_CARD, rotationName, SYNC_DIR } from './names';
import { signedBy } from './file-format';

/** Key files read per member folder (newest first), and the size of one. */
export const MAX_KEY_FILES_PER_DEVICE = 64;
export const MAX_KEY_FILE_BYTES = 256 * 1024;
const MAX_CARD_BYTES = 64 * 1024;
/** Folders of non-members looked at per round (to find a joining device), and files in each. */
const MAX_STRANGERS = 64;
const MAX_JOIN_FILES = 4;

const b64 = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

const rotationSchema = z.strictObject({
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
type Rotation = z.infer<typeof rotationSchema>;

const introductionSchema = z.strictObject({
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
type Introduction = z.infer<typeof introductionSchema>;

/** A joining device's first file: the invitation it used, and its MAC over its id and keys. */
const joinRequestSchema = z.strictObject({
  at: z.string().refine(isHlc),
  signer: z.string().regex(DEVICE_ID),
  join: z.strictObject({
    invite: z.string().regex(/^[a-z2-7]{13}$/),
    mac: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    sign: memberSchema.shape.sign,
    dh: memberSchema.shape.dh,
  }),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>['join'] & { device: string };

function signedPart(body: Omit<Rotation, 'sig'> | Omit<Introduction, 'sig'>): Buffer {
  const what = 'intro' in body ? 'introduction' : 'rotation';
  return Buffer.from(`TrayOTP ${what} v1|${canonicalJson(body)}`, 'utf8');
}

async function writeKeyFile(
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

export async function writeRotation(options: {
  folder: string;
  device: string;
  seq: number;
  at: Hlc;
  deviceKeys: DeviceKeys;
  oldKey: SyncKey;
  /** Every member: the new key is wrapped to each that stays. */
  members: Readonly<Record<string, Pick<Member, 'dh'>>>;
  remove: { device: string; upToSeq: number }[];
}): Promise<{ key: SyncKey; wrappedFor: string[] }> {
  const key = newSyncKey();
  const removed = new Set(options.remove.map((r) => r.device));
  const wraps: Rotation['wraps'] = {};
  for (const [device, member] of Object.entries(options.members)) {
    if (removed.has(device)) continue;
    wraps[device] = wrapFor(member.dh, key.key, `${options.at}|${device}`);
  }
  const unsigned = {
    at: options.at,
    signer: options.device,
    oldKey: options.oldKey.id,
    newKey: key.id,
    removed: options.remove,
    wraps,
  };
  const body = { ...unsigned, sig: signBytes(options.deviceKeys, signedPart(unsigned)) };
  await writeKeyFile(
    options.folder,
    options.device,
    options.seq,
    body,
    options.oldKey,
    options.deviceKeys,
  );
  return { key, wrappedFor: Object.keys(wraps).sort() };
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

export interface MembershipRound {
  /** Keys learned from rotations wrapped for this device, newest rotation first. */
  keys: SyncKey[];
  /** The membership after every key file that counts (a new object when it changed). */
  membership: Membership;
  changed: boolean;
  /** Join requests of devices that are not members (yet), each signed by the key it names. */
  joins: JoinRequest[];
  problems: DeviceProblem[];
}

type KeyFile = { seq: number; body: Rotation | Introduction };

/**
 * Reads the members' key files and applies what they say, in HLC order: an introduction by a
 * member adds a member; a rotation signed by a member removes devices (and every device one of
 * them introduced after the point where it was removed). Also pins, in an open (format 1) group,
 * each device's keys from its first card.
 */
export async function readMembership(
  folder: string,
  keys: readonly SyncKey[],
  start: Membership,
  me: string,
  deviceKeys: DeviceKeys | undefined,
): Promise<MembershipRound> {
  const root = join(folder, SYNC_DIR);
  const membership: Membership = {
    ...start,
    members: { ...start.members },
    removed: { ...start.removed },
  };
  const round: MembershipRound = {
    keys: [],
    membership,
    changed: false,
    joins: [],
    problems: [],
  };
  const devices = (await listNames(root, 4096)).filter((n) => DEVICE_ID.test(n)).sort();
  let known = [...keys];
  let strangers = 0;
  for (const device of devices) {
    if (membership.removed[device] || membership.members[device]) continue;
    if (strangers++ >= MAX_STRANGERS) break;
    if (!membership.open) continue;
    const card = await readCard(root, device, known);
    if (!card?.sign || !card.dh) continue;
    membership.members[device] = { sign: card.sign, dh: card.dh };
    round.changed = true;
  }
  // While this device has invitations open: who asks to join with one (in an open group, a
  // device believed from its card may be the one, so members not introduced are looked at too).
  if (start.invitations.length > 0) {
    let looked = 0;
    for (const device of devices) {
      const member = membership.members[device];
      if (
        device === me ||
        membership.removed[device] ||
        (member && (!membership.open || member.by))
      )
        continue;
      if (looked++ >= MAX_STRANGERS) break;
      const join = await readJoinRequest(root, device, known);
      if (join) round.joins.push(join);
    }
  }

  const found: KeyFile[] = [];
  // Two passes: a key file may be under a key that a rotation read in the first pass gave us.
  for (let pass = 0; pass < 2; pass++) {
    for (const device of Object.keys(membership.members).sort()) {
      const names = (await listNames(join(root, device), 4097).catch(() => [] as string[]))
        .flatMap((name) => {
          const parsed = classifyName(name);
          return parsed?.kind === 'rotation' && !parsed.conflict ? [{ name, seq: parsed.seq }] : [];
        })
        .sort((a, b) => b.seq - a.seq);
      if (pass === 1 && names.length > MAX_KEY_FILES_PER_DEVICE) {
        round.problems.push({
          device,
          file: 'keys',
          code: 'too-many-files',
          message: `Device ${device} has more than ${MAX_KEY_FILES_PER_DEVICE} key files; only the newest ${MAX_KEY_FILES_PER_DEVICE} were read.`,
        });
      }
      for (const { name, seq } of names.slice(0, MAX_KEY_FILES_PER_DEVICE)) {
        if (found.some((f) => f.body.signer === device && f.seq === seq)) continue;
        try {
          const decoded = await readKeyFile(root, device, name, known, membership);
          const body = parseKeyFile(decoded, device, name);
          // A member's own join request (its first file) has done its work.
          if (body) found.push({ seq, body });
        } catch (error) {
          const code = error instanceof SyncFileError ? error.code : undefined;
          if (pass === 1 && code !== undefined && code !== 'unknown-key')
            round.problems.push({ device, file: name, code, message: (error as Error).message });
          if (pass === 1 && error instanceof DeviceFileError) round.problems.push(error.problem);
        }
      }
    }
    // Learn keys before the second pass (only from rotations a member signed).
    for (const { body } of found) {
      if (!('wraps' in body) || !deviceKeys || !membership.members[body.signer]) continue;
      const wrap = body.wraps[me];
      const key = wrap ? unwrapWith(deviceKeys, wrap, `${body.at}|${me}`) : undefined;
      if (key && !known.some((k) => k.id === body.newKey)) known = [syncKeyFrom(key), ...known];
    }
  }

  for (const { seq, body } of found.sort((a, b) => (a.body.at < b.body.at ? -1 : 1))) {
    const signer = membership.members[body.signer];
    const { sig, ...unsigned } = body;
    if (!signer || !verifyBytes(signer.sign, signedPart(unsigned), sig)) {
      if (signer || !membership.removed[body.signer]) {
        round.problems.push({
          device: body.signer,
          file: rotationName(seq),
          code: 'authentication',
          message: `A key file claiming to come from device ${body.signer} is not signed by a member of the group; it was ignored.`,
        });
      }
      continue;
    }
    if ('intro' in body) {
      const { device, sign, dh } = body.intro;
      if (membership.members[device] || membership.removed[device]) continue;
      membership.members[device] = { sign, dh, by: { device: body.signer, seq } };
      round.changed = true;
      continue;
    }
    for (const { device, upToSeq } of body.removed) removeMember(membership, device, body, upToSeq);
    if (body.removed.length > 0) round.changed = true;
    const wrap = body.wraps[me];
    const key = wrap && deviceKeys ? unwrapWith(deviceKeys, wrap, `${body.at}|${me}`) : undefined;
    if (key) round.keys.unshift(syncKeyFrom(key));
  }
  return round;
}

function removeMember(
  membership: Membership,
  device: string,
  rotation: Rotation,
  upToSeq: number,
): void {
  if (membership.removed[device]) return;
  delete membership.members[device];
  membership.removed[device] = { by: rotation.signer, at: rotation.at, upToSeq };
  // Whoever it let in after the point of its removal goes with it.
  for (const [other, member] of Object.entries(membership.members)) {
    if (member.by?.device === device && member.by.seq > upToSeq)
      removeMember(membership, other, rotation, 0);
  }
}

async function readKeyFile(
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

function parseKeyFile(
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
async function readCard(
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
async function readJoinRequest(
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
        return { ...body.data.join, device };
    } catch {
      // Not a join request: a stranger's files are not reported (anyone can make folders).
    }
  }
  return undefined;
}

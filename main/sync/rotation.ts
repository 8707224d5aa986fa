// Membership from the key files (docs/sync.md § Keys): a member removes devices with a key
// rotation (a new sync key wrapped to every member that stays, signed); readMembership applies
// the members' rotations and introductions in HLC order, each only when a member signed it, and
// finds the join requests of devices that used this device's invitations. Only members' key files
// are read, each within its own small bound (key-files.ts), so nobody's junk can use up a shared
// budget; what they say is kept in every computer's vault, so deleting them undoes nothing.
import { join } from 'node:path';
import { SyncFileError } from './errors';
import { DeviceFileError, listNames } from './folder-read';
import type { DeviceProblem } from './folder-read';
import type { Hlc } from './hlc';
import { DEVICE_ID } from './hlc';
import { signBytes, unwrapWith, verifyBytes, wrapFor } from './device-keys';
import type { DeviceKeys } from './device-keys';
import { newSyncKey, syncKeyFrom } from './keys';
import type { SyncKey } from './keys';
import type { Member, Membership } from './membership';
import { classifyName, rotationName, SYNC_DIR } from './names';
import {
  parseKeyFile,
  readCard,
  readJoinRequest,
  readKeyFile,
  signedPart,
  writeKeyFile,
} from './key-files';
import type { Introduction, JoinRequest, Rotation } from './key-files';

export { MAX_KEY_FILE_BYTES, writeIntroduction, writeJoinRequest } from './key-files';
export type { JoinRequest } from './key-files';

/** Key files read per member folder (newest first). */
export const MAX_KEY_FILES_PER_DEVICE = 64;
/** Folders of non-members looked at per round (to find a joining device). */
const MAX_STRANGERS = 64;

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
  /** A key the group has already, given again (to a member let in with an older one). */
  key?: SyncKey;
}): Promise<{ key: SyncKey; wrappedFor: string[] }> {
  const key = options.key ?? newSyncKey();
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

export interface MembershipRound {
  /** Keys learned from rotations wrapped for this device, newest rotation first. */
  keys: SyncKey[];
  /** The membership after every key file that counts (a new object when it changed). */
  membership: Membership;
  changed: boolean;
  /** Join requests of devices that are not members (yet), each signed by the key it names. */
  joins: JoinRequest[];
  problems: DeviceProblem[];
  /** Each rotation applied: its new key's id and the members it was wrapped for. */
  wrapped: { newKey: string; for: string[] }[];
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
    wrapped: [],
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
    round.wrapped.push({ newKey: body.newKey, for: Object.keys(body.wraps) });
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

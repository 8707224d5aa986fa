// Who is in the group (docs/sync.md § Membership, guarantee G2). Every computer keeps the members'
// pinned public keys, the removed devices and its own open invitations in its vault (the `sync`
// secret), never only in the folder, where anyone who can write it could delete or add files.
// A device becomes a member only through an invitation of this group: its inviter checks the
// invitation's MAC on its card and introduces it in a signed file; the others believe the
// introduction because they already believe its signer. A file counts only when its folder's
// device is a member and its signature is that member's pinned key.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DeviceKeys } from './device-keys';
import type { DecodedFile } from './file-format';
import { signedBy } from './file-format';
import { DEVICE_ID } from './hlc';
import { fromBase32 } from './keys';

export const MAX_MEMBERS = 256;
export const MAX_REMOVED = 1024;
export const MAX_OPEN_INVITATIONS = 16;

export interface Member {
  /** Ed25519 public key (SPKI DER, base64): every file of the device is signed with it. */
  sign: string;
  /** X25519 public key: a key rotation wraps the new sync key to it. */
  dh: string;
  /** Groups from format 1: unsigned files of this device are read up to this sequence number. */
  legacyUpTo?: number | undefined;
  /** The member that introduced it, and the sequence number of that introduction. */
  by?: { device: string; seq: number } | undefined;
}

export interface RemovedDevice {
  /** The remover, and the HLC of its rotation. */
  by: string;
  at: string;
  /** The last file of it the remover had read: its introductions after this one are void. */
  upToSeq: number;
}

/** An invitation this device made, until it is used or its time is over (this device's clock). */
export interface OpenInvitation {
  invite: string;
  /** HMAC key derived from the invitation's code (the code itself is never stored). */
  mac: string;
  expiresAt: number;
}

export interface Membership {
  /**
   * Format 1's rule: a device is believed from the first card read under its id. Only for a group
   * that has not moved to format 2 yet (the app closes it at its first unlock) and for tests.
   */
  open: boolean;
  members: Record<string, Member>;
  removed: Record<string, RemovedDevice>;
  invitations: OpenInvitation[];
}

const b64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);
const derKey = z.string().regex(/^[A-Za-z0-9+/]{40,80}={0,2}$/);

export const memberSchema = z.strictObject({
  sign: derKey,
  dh: derKey,
  legacyUpTo: z.number().int().min(0).max(9_999_999_999).optional(),
  by: z
    .strictObject({ device: z.string().regex(DEVICE_ID), seq: z.number().int().min(1) })
    .optional(),
});
const removedSchema = z.strictObject({
  by: z.string().regex(DEVICE_ID),
  at: z.string().max(64),
  upToSeq: z.number().int().min(0).max(9_999_999_999),
});

const boundedRecord = <T extends z.ZodType>(value: T, max: number) =>
  z
    .record(z.string().regex(DEVICE_ID), value)
    .refine((r) => Object.keys(r).length <= max, `at most ${max} devices`);

export const membersSchema = boundedRecord(memberSchema, MAX_MEMBERS);
export const removedSetSchema = boundedRecord(removedSchema, MAX_REMOVED);

export const membershipSchema = z.strictObject({
  open: z.boolean(),
  members: membersSchema,
  removed: removedSetSchema,
  invitations: z
    .array(
      z.strictObject({
        invite: z.string().regex(/^[a-z2-7]{13}$/),
        mac: b64(44),
        expiresAt: z.number().int().min(0),
      }),
    )
    .max(MAX_OPEN_INVITATIONS),
});

/** A new group: its first device is its only member. */
export function founderMembership(device: string, keys: DeviceKeys): Membership {
  return {
    open: false,
    members: { [device]: { sign: keys.signPublic, dh: keys.dhPublic } },
    removed: {},
    invitations: [],
  };
}

/** Format 1's rule, for a group not moved yet (and tests): believe the first card of each id. */
export function openMembership(): Membership {
  return { open: true, members: {}, removed: {}, invitations: [] };
}

/**
 * Closes an open group (the app does this at the first unlock after the update): the members are
 * the devices believed so far, and their unsigned files are read only up to the highest sequence
 * number seen now; anything unsigned written after is refused.
 */
export function closeMembership(
  membership: Membership,
  maxSeqs: ReadonlyMap<string, number>,
): Membership {
  const members: Record<string, Member> = {};
  for (const [device, member] of Object.entries(membership.members))
    members[device] = { ...member, legacyUpTo: maxSeqs.get(device) ?? 0 };
  return { ...membership, open: false, members };
}

/**
 * Why a decoded file of `device`'s folder must not be used, or undefined when it may. The caller
 * has already checked that it decrypts and names its folder's device.
 */
export function fileRefusal(
  membership: Membership,
  device: string,
  file: DecodedFile,
): string | undefined {
  // A removed device's card still names it in the list; its files up to the removal are read
  // only to be set aside (the engine uses no record of it: the remover re-wrote what it held).
  const removed = membership.removed[device];
  if (removed) {
    const seq = file.header.seq;
    return file.kind === 'device' || (seq !== undefined && seq <= removed.upToSeq)
      ? undefined
      : 'its device was removed from sync; what it wrote since is not used';
  }
  const member = membership.members[device];
  if (!member) {
    if (membership.open) return undefined;
    return 'its device is not a member of this sync group (no member introduced it after an invitation)';
  }
  if (file.version === 1) {
    if (membership.open && member.legacyUpTo === undefined) return undefined;
    const seq = file.header.seq;
    if (member.legacyUpTo !== undefined && (seq === undefined || seq <= member.legacyUpTo))
      return undefined;
    return 'it is not signed (written by a TrayOTP older than sync format 2, or forged); update TrayOTP on that computer';
  }
  if (!signedBy(file, member.sign))
    return "its signature is not that device's key (forged, or damaged)";
  return undefined;
}

function joinKey(code: string, invite: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', fromBase32(code)!, Buffer.from(invite, 'ascii'), 'TrayOTP join v1', 32),
  );
}

/** The MAC key of an invitation: the inviter keeps it; the joiner derives it from the code. */
export function invitationMacKey(code: string, invite: string): string {
  return joinKey(code, invite).toString('base64');
}

function joinMessage(invite: string, device: string, sign: string, dh: string): string {
  return `TrayOTP join v1|${invite}|${device}|${sign}|${dh}`;
}

/** What a joining device's join request carries: proof that it holds the invitation's code. */
export function joinProof(
  macKey: string,
  invite: string,
  device: string,
  keys: { signPublic: string; dhPublic: string },
): { invite: string; mac: string } {
  const mac = createHmac('sha256', Buffer.from(macKey, 'base64'))
    .update(joinMessage(invite, device, keys.signPublic, keys.dhPublic))
    .digest('base64');
  return { invite, mac };
}

/** The inviter's check of a join request against one of its open invitations. */
export function verifyJoin(
  invitation: OpenInvitation,
  request: { device: string; invite: string; mac: string; sign: string; dh: string },
): boolean {
  if (request.invite !== invitation.invite) return false;
  const expected = Buffer.from(
    joinProof(invitation.mac, invitation.invite, request.device, {
      signPublic: request.sign,
      dhPublic: request.dh,
    }).mac,
    'base64',
  );
  const given = Buffer.from(request.mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

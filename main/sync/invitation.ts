// Adding a device (docs/sync.md § Keys, Invitations): the inviting device writes the sync key and
// the group's members, encrypted under a one-time 128-bit code, into its own folder; the code
// travels only on the screen (a QR code TrayOTP's own scanner reads, or a phrase to type). Seeing
// the QR alone or the folder alone gives nothing. The joining device proves it holds the code in
// its join request, so the inviter pairs the invitation with exactly that device, and both screens
// show the same 6-digit check code. Only the inviter's clock decides when an invitation is over.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { SyncFileError, SyncUsageError } from './errors';
import type { DeviceKeys } from './device-keys';
import { decodeFile, encodeFile, signedBy } from './file-format';
import { DeviceFileError, readBounded } from './folder-read';
import { deviceDir, removeOwnFile, writeInvitationFile } from './folder-write';
import { DEVICE_ID } from './hlc';
import { base32, fromBase32, syncKeyFrom, syncKeyId } from './keys';
import type { SyncKey } from './keys';
import type { DeviceKeys as JoiningKeys } from './device-keys';
import { formatHlc } from './hlc';
import { invitationMacKey, joinProof, membersSchema, removedSetSchema } from './membership';
import { writeJoinRequest } from './rotation';
import type { Membership } from './membership';
import { classifyName, invitationName, SYNC_DIR } from './names';

export const INVITATION_TTL_MS = 15 * 60_000;
/** It carries the members' public keys and the removed devices (at most 256 and 1,024). */
const MAX_INVITATION_BYTES = 512 * 1024;
const QR_PREFIX = 'trayotp-invite:1:';

export interface Invitation {
  inviter: string;
  /** 8 random bytes, base32 (13 characters): names the file. */
  invite: string;
  /** 16 random bytes, base32 (26 characters): never written anywhere. */
  code: string;
  expiresAt: number;
  /** For the QR code: `trayotp-invite:1:<device>:<invite>:<code>`. */
  qrText: string;
  /** For typing: the invite id and the code in groups of 4 ("ABCD-EFGH-…"). */
  phrase: string;
  /** The key of the joining device's MAC: the inviter keeps it (membership.ts), not the code. */
  mac: string;
}

const bodySchema = z.strictObject({
  syncKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  inviter: z.string().regex(DEVICE_ID),
  /** By the inviter's clock: shown, never compared with the joining computer's clock. */
  expiresAt: z.number().int().min(0),
  members: membersSchema.optional(),
  removed: removedSetSchema.optional(),
});

function inviteKey(code: string, invite: string): SyncKey {
  const codeBytes = fromBase32(code)!;
  const key = Buffer.from(
    hkdfSync('sha256', codeBytes, Buffer.from(invite, 'ascii'), 'TrayOTP invitation v1', 32),
  );
  return { id: syncKeyId(key), key };
}

export async function createInvitation(options: {
  folder: string;
  device: string;
  key: SyncKey;
  now: number;
  random?: (n: number) => Uint8Array;
  /** The inviter's keys (the file is signed) and what the new device is to believe. */
  deviceKeys?: DeviceKeys;
  membership?: Pick<Membership, 'members' | 'removed'>;
}): Promise<Invitation> {
  const random = options.random ?? randomBytes;
  const invite = base32(random(8)).toLowerCase();
  const code = base32(random(16));
  const expiresAt = options.now + INVITATION_TTL_MS;
  const body = {
    syncKey: options.key.key.toString('base64'),
    inviter: options.device,
    expiresAt,
    ...(options.membership && {
      members: options.membership.members,
      removed: options.membership.removed,
    }),
  };
  const bytes = encodeFile(
    'invitation',
    { device: options.device, invite },
    Buffer.from(JSON.stringify(body)),
    inviteKey(code, invite),
    random,
    options.deviceKeys,
  );
  await writeInvitationFile(options.folder, options.device, invite, bytes);
  const phrase = `${invite}${code}`
    .toUpperCase()
    .match(/.{1,4}/g)!
    .join('-');
  return {
    inviter: options.device,
    invite,
    code,
    expiresAt,
    qrText: `${QR_PREFIX}${options.device}:${invite}:${code}`,
    phrase,
    mac: invitationMacKey(code, invite),
  };
}

/** What the new device got from the QR code or the typed phrase. */
export interface InvitationInput {
  invite: string;
  code: string;
  /** Known from a QR code; a typed phrase leaves it to the search of the folder. */
  inviter?: string;
}

export function parseInvitationText(text: string): InvitationInput {
  const trimmed = text.trim();
  if (trimmed.startsWith(QR_PREFIX)) {
    const [inviter, invite, code] = trimmed.slice(QR_PREFIX.length).split(':');
    if (
      inviter &&
      DEVICE_ID.test(inviter) &&
      invite &&
      /^[a-z2-7]{13}$/.test(invite) &&
      code &&
      /^[A-Z2-7]{26}$/.test(code)
    ) {
      return { inviter, invite, code };
    }
  } else {
    const clean = trimmed.toUpperCase().replace(/[\s-]/g, '');
    if (/^[A-Z2-7]{39}$/.test(clean))
      return { invite: clean.slice(0, 13).toLowerCase(), code: clean.slice(13) };
  }
  throw new SyncUsageError(
    'bad-invitation',
    'That is not a TrayOTP invitation: scan the QR code shown in Settings → Sync on the other computer, or type its 39-character phrase.',
  );
}

export interface AcceptedInvitation {
  key: SyncKey;
  inviter: string;
  invite: string;
  /** The MAC key for the join request (membership.ts joinProof). */
  mac: string;
  /** The group as the inviter knew it (absent from an invitation of an older TrayOTP). */
  members?: Membership['members'];
  removed?: Membership['removed'];
}

/**
 * Reads the invitation file (once the sync engine has carried it here) and returns the sync key
 * and the group's members. `invitation-not-found` means: not arrived yet (try again in a moment),
 * already used, or over (the inviter removes it when its 15 minutes are over by its own clock:
 * this computer's clock is never compared with the inviter's).
 */
export async function acceptInvitation(
  folder: string,
  input: InvitationInput,
): Promise<AcceptedInvitation> {
  const path = await findInvitation(folder, input);
  // No symlinks, no FIFOs, at most 4 KiB: checked on the opened file before it is read.
  const bytes = await readBounded(path, 'invitation', basename(path), {
    left: MAX_INVITATION_BYTES,
  }).catch((error: unknown) => {
    if (error instanceof DeviceFileError) throw badInvitation();
    throw error;
  });
  let decoded;
  try {
    decoded = decodeFile(bytes, [inviteKey(input.code, input.invite)], 'The invitation');
    if (decoded.kind !== 'invitation' || decoded.header.invite !== input.invite)
      throw badInvitation();
  } catch (error) {
    if (error instanceof SyncFileError) throw badInvitation();
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(decoded.plaintext.toString('utf8'));
  } catch {
    throw badInvitation();
  }
  const body = bodySchema.safeParse(json);
  if (!body.success || decoded.header.device !== body.data.inviter) throw badInvitation();
  // Whoever wrote it knew the code; a format-2 invitation is also signed by the inviter it names.
  const inviter = body.data.members?.[body.data.inviter];
  if (body.data.members && !(inviter && signedBy(decoded, inviter.sign))) throw badInvitation();
  return {
    key: syncKeyFrom(Buffer.from(body.data.syncKey, 'base64')),
    inviter: body.data.inviter,
    invite: input.invite,
    mac: invitationMacKey(input.code, input.invite),
    ...(body.data.members && { members: body.data.members }),
    ...(body.data.removed && { removed: body.data.removed }),
  };
}

/**
 * What the joining device believes: the group as the inviter knew it, and itself. Undefined for an
 * invitation of a TrayOTP before sync format 2 (no members in it): the group stays open, as then.
 */
export function joinerMembership(
  accepted: AcceptedInvitation,
  device: string,
  deviceKeys: JoiningKeys,
): Membership | undefined {
  if (!accepted.members) return undefined;
  return {
    open: false,
    members: {
      ...accepted.members,
      [device]: { sign: deviceKeys.signPublic, dh: deviceKeys.dhPublic },
    },
    removed: accepted.removed ?? {},
    invitations: [],
  };
}

/**
 * The joining device's first file (before its engine starts): proof for the inviter that it
 * holds the invitation's code, naming the invitation, so the inviter pairs exactly this device.
 */
export async function requestJoin(
  folder: string,
  accepted: AcceptedInvitation,
  device: string,
  deviceKeys: JoiningKeys,
  now: number,
): Promise<void> {
  await writeJoinRequest({
    folder,
    device,
    seq: 1,
    at: formatHlc({ wall: now, counter: 0, device }),
    deviceKeys,
    key: accepted.key,
    join: joinProof(accepted.mac, accepted.invite, device, deviceKeys),
  });
}

async function findInvitation(folder: string, input: InvitationInput): Promise<string> {
  const root = join(folder, SYNC_DIR);
  const candidates = input.inviter
    ? [input.inviter]
    : (await readdir(root).catch(() => [])).filter((n) => DEVICE_ID.test(n)).slice(0, 64);
  for (const device of candidates) {
    const path = join(root, device, invitationName(input.invite));
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  throw new SyncUsageError(
    'invitation-not-found',
    'The invitation has not reached this computer yet: check that the sync folder is shared with the other computer, and wait a moment.',
  );
}

function badInvitation(): SyncUsageError {
  return new SyncUsageError(
    'bad-invitation',
    'The invitation code does not match: scan the QR code again, or check the phrase for typing errors.',
  );
}

/** The 6-digit code both screens show, for the person to compare. */
export function checkCode(key: SyncKey, invite: string, newDevice: string): string {
  const mac = createHmac('sha256', key.key).update(`${invite}|${newDevice}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/**
 * The inviting device removes its own invitation files: those `closed` (used, or over by this
 * computer's clock) at once; those it does not know of (made before a crash, or by a test) once
 * the file is older than an invitation's life; those `open` never.
 */
export async function removeInvitations(
  folder: string,
  device: string,
  now: number,
  invitations: { open: ReadonlySet<string>; closed: ReadonlySet<string> },
): Promise<number> {
  const dir = deviceDir(folder, device);
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const parsed = classifyName(name);
    if (parsed?.kind !== 'invitation' || invitations.open.has(parsed.invite)) continue;
    if (!invitations.closed.has(parsed.invite)) {
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (!info || info.mtimeMs + INVITATION_TTL_MS >= now) continue;
    }
    await removeOwnFile(folder, device, name);
    removed++;
  }
  return removed;
}

// Re-invitation in the sync model test: a computer removed from the group is invited again. As
// the app does it (main/app/sync/sync-service.ts), the person leaves sync there (the sync secrets
// and the record of what was applied go), a member makes a new invitation, and the computer joins
// with it under a new device id (with a new key pair, or, `sameKeys`, the old one), writing its
// join request; the inviter introduces it once the request reaches it. The old identity is kept
// as a ghost: the same computer, or a copy of its old vault, may try to come back by itself,
// writing under its old id or replaying a code it used before under a new id.
// Invariants (checked by World after every step, and at the end): a removed identity's files are
// never obeyed again; a replayed code lets nobody in; the re-joined computer converges.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_STATE_CHUNKS, STATE_SECRET } from '../../../../main/sync/applied-state';
import { newDeviceKeys } from '../../../../main/sync/device-keys';
import type { DeviceKeys } from '../../../../main/sync/device-keys';
import { writeDeviceCard, writeLogFile } from '../../../../main/sync/folder-write';
import { formatHlc } from '../../../../main/sync/hlc';
import {
  acceptInvitation,
  createInvitation,
  joinerMembership,
  parseInvitationText,
  requestJoin,
} from '../../../../main/sync/invitation';
import { invitationMacKey } from '../../../../main/sync/membership';
import type { Membership } from '../../../../main/sync/membership';
import type { SyncKey } from '../../../../main/sync/keys';
import { invitationName } from '../../../../main/sync/names';
import { MemoryVault } from './memory-vault';
import { World } from './world';
import type { ModelDevice } from './world';

/**
 * The start of the re-invitation runs: `count` devices (3 or 4) that each added an account and
 * read each other, then the last one removed by the first (it goes on as a removed device).
 */
export async function groupWithRemoved(root: string, count: number): Promise<World> {
  const w = await World.create(root, count);
  for (const d of w.devices) {
    w.add(d);
    await w.round(d);
  }
  for (const to of w.devices) for (const from of w.devices) await w.deliverAll(to, from);
  for (const d of w.devices) await w.round(d);
  await w.removeDevice(w.devices[0]!, w.devices[count - 1]!);
  if (!w.devices[count - 1]!.removed) w.fail('the removal at the start did not happen');
  w.log.push(`start: ${count} devices, ${count - 1} removed by 0`);
  return w;
}

/** An identity a computer had before it joined again. */
export interface Ghost {
  id: string;
  deviceKeys: DeviceKeys;
  saved: { keys: SyncKey[]; membership?: Membership };
  vault: MemoryVault;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
let fresh = 0;

/** A device id no device of the world has had (valid: [a-z2-7]{26}). */
function freshId(prefix: string): string {
  const n = fresh++;
  return `${prefix}${LETTERS[n % 26]}${LETTERS[Math.floor(n / 26) % 26]}`.padEnd(26, '3');
}

/** Ids that must never become members: replayed codes, under new ids. */
const forbidden = new WeakMap<World, Set<string>>();

export async function rejoin(
  w: World,
  inviter: ModelDevice,
  whom: ModelDevice,
  sameKeys: boolean,
): Promise<void> {
  if (inviter === whom || inviter.removed || inviter.joining || !inviter.engine) return;
  if (!whom.removed && !whom.joining) return;
  const engine = inviter.engine;
  // The person on a member makes an invitation (Settings → Sync → Invite a device).
  const invitation = await createInvitation({
    folder: inviter.folder,
    device: inviter.id,
    key: engine.keys[0]!,
    now: inviter.now(),
    deviceKeys: inviter.deviceKeys,
    membership: engine.membership,
  });
  engine.addInvitation({
    invite: invitation.invite,
    mac: invitation.mac,
    expiresAt: invitation.expiresAt,
  });
  // Its file reaches the joining computer's copy (the app waits for it).
  const name = invitationName(invitation.invite);
  await mkdir(whom.dirOf(inviter), { recursive: true });
  await copyFile(join(inviter.ownDir(), name), join(whom.dirOf(inviter), name));

  // Leave sync here: the sync secrets and the record of what was applied go (forgetSyncSecrets).
  if (whom.removed) {
    const vault = new MemoryVault();
    vault.restore(whom.vault.backup());
    whom.ghosts.push({ id: whom.id, deviceKeys: whom.deviceKeys, saved: whom.saved, vault });
  }
  w.lock(whom);
  const gone: Record<string, undefined> = {};
  for (let i = 0; i < MAX_STATE_CHUNKS; i++) gone[`${STATE_SECRET}.${i}`] = undefined;
  await whom.vault.replaceEntries([...whom.vault.entries], { secrets: gone });

  // Join with the invitation: a new device id, its join request first.
  const accepted = await acceptInvitation(whom.folder, parseInvitationText(invitation.qrText));
  whom.id = freshId('rejoin');
  if (!sameKeys) whom.deviceKeys = newDeviceKeys();
  const membership = joinerMembership(accepted, whom.id, whom.deviceKeys);
  whom.saved = { keys: [accepted.key], ...(membership && { membership }) };
  await requestJoin(whom.folder, accepted, whom.id, whom.deviceKeys, whom.now());
  whom.used.push({ invite: invitation.invite, code: invitation.code, inviter: inviter.id });
  whom.joining = { inviter, invite: invitation.invite };
  if (whom.removed) {
    whom.removed = false;
    w.reference.rejoin(whom.index, whom.vault.entries);
  }
  await w.unlock(whom);
}

/**
 * The old identity comes back by itself: its person renames an account in the old vault and
 * its engine runs once (under the old id, with the old keys); its folder reaches every copy.
 */
export async function ghostWrites(w: World, d: ModelDevice, pick: number): Promise<void> {
  const ghost = d.ghosts.at(-1);
  const entry = ghost?.vault.entries[pick % Math.max(1, ghost.vault.entries.length)];
  if (!ghost || !entry) return;
  const name = w.reference.ghostEdit(d.index, entry.id, ghost.id);
  ghost.vault.edit((entries) =>
    entries.map((e) => (e.id === entry.id ? { ...e, name, updatedAt: d.now() } : e)),
  );
  const folder = join(w.root, `ghost-${ghost.id}`);
  await mkdir(folder, { recursive: true });
  const engine = w.engineFor(ghost, folder, ghost.vault, () => d.now());
  try {
    await engine.start();
  } finally {
    engine.stop();
  }
  await spread(w, folder, ghost.id);
}

/**
 * The old identity replays an invitation code this computer used before (already used: no
 * member still has it open), under a new id or its old one, with its old key pair: a join
 * request, a card and a segment renaming an account, in every copy. Nobody may let it in.
 */
export async function replayCode(
  w: World,
  d: ModelDevice,
  pick: number,
  oldId: boolean,
): Promise<void> {
  const ghost = d.ghosts.at(-1);
  const used = d.used[pick % Math.max(1, d.used.length)];
  if (!ghost || !used) return;
  const open = w.devices.some((m) =>
    m.saved.membership?.invitations.some((i) => i.invite === used.invite),
  );
  if (open) return;
  const id = oldId ? ghost.id : freshId('replay');
  if (!oldId) forbiddenOf(w).add(id);
  const key = d.saved.keys[0]!; // the computer knows the group's key now
  const folder = join(w.root, `replay-${id}`);
  await mkdir(folder, { recursive: true });
  const mac = invitationMacKey(used.code, used.invite);
  const accepted = { key, inviter: used.inviter, invite: used.invite, mac };
  await requestJoin(folder, accepted, id, ghost.deviceKeys, d.now());
  await writeDeviceCard(folder, id, { name: 'replay', createdAt: d.now() }, key, ghost.deviceKeys);
  const entry = d.vault.entries[pick % Math.max(1, d.vault.entries.length)];
  if (entry) {
    const v = w.reference.ghostEdit(d.index, entry.id, oldId ? ghost.id : undefined);
    const at = formatHlc({ wall: d.now() + 1000, counter: 0, device: id });
    const body = { records: [{ at, id: entry.id, f: 'name' as const, v }], seen: {}, after: 1 };
    await writeLogFile(folder, id, 2, 'segment', body, key, ghost.deviceKeys);
  }
  await spread(w, folder, id);
}

/** `folder`'s files of device `id` land in every copy of the shared folder. */
async function spread(w: World, folder: string, id: string): Promise<void> {
  const from = join(folder, 'trayotp-sync', id);
  const names = await w.list(from);
  for (const to of w.devices) {
    const dir = join(to.folder, 'trayotp-sync', id);
    await mkdir(dir, { recursive: true });
    for (const name of names) await copyFile(join(from, name), join(dir, name));
  }
}

function forbiddenOf(w: World): Set<string> {
  let set = forbidden.get(w);
  if (!set) forbidden.set(w, (set = new Set()));
  return set;
}

/**
 * After every step, for a member: no id that replayed a used code is a member in its vault (an
 * inviter closes an invitation once used). Once settled (every file everywhere), no old identity
 * is a member either: a member that had not read the removal yet may still hold it until then
 * (docs/sync.md G2, a computer offline at the removal). A device whose inviter has introduced it
 * is joining no more.
 */
export function checkMembership(w: World, d: ModelDevice, settled = false): void {
  const members = d.saved.membership?.members ?? {};
  for (const id of forbiddenOf(w))
    if (members[id]) w.fail(`device ${d.index} let ${id} in with a code used before`);
  for (const other of w.devices)
    for (const ghost of other.ghosts)
      if (settled && members[ghost.id])
        w.fail(`device ${d.index} holds ${ghost.id}, removed, as a member again`);
  for (const m of w.devices)
    if (m.joining && m.joining.inviter.saved.membership?.members[m.id]) m.joining = undefined;
}

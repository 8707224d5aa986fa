// G4 in the engine (docs/sync.md § Keys, Invitations): the inviter introduces exactly the device
// whose join request proves it holds an open invitation's code, pairs that invitation with it,
// and nobody else: not a device with the group key but a forged proof, not one whose request
// reaches the inviter after the invitation's life and as long again (the inviter's clock).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceDir } from '../../../main/sync/folder-write';
import {
  acceptInvitation,
  createInvitation,
  INVITATION_TTL_MS,
  joinerMembership,
  parseInvitationText,
  requestJoin,
} from '../../../main/sync/invitation';
import type { Invitation } from '../../../main/sync/invitation';
import { newSyncKey } from '../../../main/sync/keys';
import { founderMembership } from '../../../main/sync/membership';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();
let now = Date.now();
const clock = { now: () => now };

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-pairing-'));
  now = Date.now();
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

async function founder() {
  const introduced: { invite: string; device: string }[] = [];
  const a = await makeDevice('desk', folder, [key], {
    clock,
    onIntroduced: (joined) => introduced.push(joined),
  });
  devices.push(a);
  a.saved.membership = founderMembership(a.device, a.deviceKeys);
  await a.restart();
  await a.engine.start();
  a.engine.stop(); // rounds only when the test says
  await a.vault.add(account('kept'));
  return { a, introduced };
}

async function invite(a: TestDevice): Promise<Invitation> {
  const invitation = await createInvitation({
    folder,
    device: a.device,
    key: a.engine.keys[0]!,
    now: clock.now(),
    deviceKeys: a.deviceKeys,
    membership: a.engine.membership,
  });
  a.engine.addInvitation(invitation);
  invitationBytes.set(
    invitation.invite,
    await readFile(join(deviceDir(folder, a.device), `invite-${invitation.invite}.tsi`)),
  );
  return invitation;
}

async function join1(name: string, invitation: Invitation, tamper?: (mac: string) => string) {
  const accepted = await acceptInvitation(folder, parseInvitationText(invitation.phrase));
  const device = await makeDevice(name, folder, [accepted.key]);
  devices.push(device);
  await requestJoin(
    folder,
    tamper ? { ...accepted, mac: tamper(accepted.mac) } : accepted,
    device.device,
    device.deviceKeys,
    Date.now(),
  );
  device.saved.membership = joinerMembership(accepted, device.device, device.deviceKeys);
  await device.restart();
  await device.engine.start();
  device.engine.stop();
  return device;
}

/** Each invitation file as written: a joiner that fetched it in time still has it. */
const invitationBytes = new Map<string, Buffer>();

const invitationFiles = async (a: TestDevice) =>
  (await readdir(deviceDir(folder, a.device))).filter((n) => n.startsWith('invite-')).sort();

describe('the inviter pairs each invitation with the device that used it (G4)', () => {
  it('overlapping invitations used in the other order each pair with their own device', async () => {
    const { a, introduced } = await founder();
    const first = await invite(a);
    const second = await invite(a);
    const tablet = await join1('tablet', second);
    await a.engine.syncNow();
    expect(introduced).toEqual([{ invite: second.invite, device: tablet.device }]);
    // The first invitation is still there for its own device.
    expect(await invitationFiles(a)).toEqual([`invite-${first.invite}.tsi`]);
    const laptop = await join1('laptop', first);
    await a.engine.syncNow();
    expect(introduced).toEqual([
      { invite: second.invite, device: tablet.device },
      { invite: first.invite, device: laptop.device },
    ]);
    expect(await invitationFiles(a)).toEqual([]);
    expect(Object.keys(a.engine.membership.members).sort()).toEqual(
      [a.device, tablet.device, laptop.device].sort(),
    );
    // The tablet believes the laptop through the desk's introduction.
    await laptop.vault.add(account('from the laptop'));
    for (const d of [laptop, a, tablet, a, tablet]) await d.engine.syncNow();
    expect(tablet.labels()).toEqual(['Example:from the laptop', 'Example:kept']);
  });

  it('a join request with a forged MAC is not introduced, and its files are not used', async () => {
    const { a, introduced } = await founder();
    const invitation = await invite(a);
    const forger = await join1('forger', invitation, (mac) =>
      Buffer.from(Buffer.from(mac, 'base64').map((b) => b ^ 1)).toString('base64'),
    );
    await forger.vault.add(account('from the forger'));
    await forger.engine.syncNow();
    await a.engine.syncNow();
    await a.engine.syncNow();
    expect(introduced).toEqual([]);
    expect(a.labels()).toEqual(['Example:kept']);
    expect(a.engine.status.problems).toContainEqual(
      expect.objectContaining({
        device: forger.device,
        message: expect.stringMatching(/not a member/),
      }),
    );
    expect(await invitationFiles(a)).toEqual([`invite-${invitation.invite}.tsi`]);
  });

  it("a join request that reaches the inviter after the invitation's life and as long again (its clock) is not introduced", async () => {
    const { a, introduced } = await founder();
    const invitation = await invite(a);
    // Used in time, on a computer whose clock is its own; the inviter sees it only much later.
    const late = await join1('late laptop', invitation);
    now += 2 * INVITATION_TTL_MS + 1000;
    await a.engine.syncNow();
    expect(introduced).toEqual([]);
    expect(a.engine.membership.members[late.device]).toBeUndefined();
    expect(a.engine.membership.invitations).toEqual([]);
    expect(await invitationFiles(a)).toEqual([]);
  });

  it('within its life and as long again it is introduced; the file itself goes at the end of its life', async () => {
    const { a, introduced } = await founder();
    const invitation = await invite(a);
    now += INVITATION_TTL_MS + 1000;
    await a.engine.syncNow();
    expect(await invitationFiles(a)).toEqual([]);
    expect(a.engine.membership.invitations).toHaveLength(1);
    // The joiner had fetched the file in time; its request arrives now.
    await writeFile(
      join(deviceDir(folder, a.device), `invite-${invitation.invite}.tsi`),
      invitationBytes.get(invitation.invite)!,
    );
    const laptop = await join1('laptop', invitation);
    await a.engine.syncNow();
    expect(introduced).toEqual([{ invite: invitation.invite, device: laptop.device }]);
  });
});

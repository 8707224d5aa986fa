// Membership through real Syncthing (docs/sync.md G2, G4): four Syncthing daemons on 127.0.0.1,
// each the "computer" of one TrayOTP core. The first starts a group and invites the other three
// in a row, each right after the one before joined: every one joins, and the inviter pairs each
// invitation with exactly the device that used it (the same check code on both screens). Then
// the last one is removed and attacks: a segment under a new device id with the old key, its own
// old segment rewritten, the key files deleted and 4 × 16 MiB of fake ones, then a lock and
// unlock everywhere. Nothing of it is applied, and no computer forgets the removal.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeviceKeys } from '../../main/sync/device-keys';
import { deviceDir, writeDeviceCard, writeLogFile } from '../../main/sync/folder-write';
import { formatHlc } from '../../main/sync/hlc';
import {
  acceptInvitation,
  checkCode,
  createInvitation,
  joinerMembership,
  parseInvitationText,
  requestJoin,
} from '../../main/sync/invitation';
import { newDeviceId, newSyncKey } from '../../main/sync/keys';
import type { SyncKey } from '../../main/sync/keys';
import { founderMembership } from '../../main/sync/membership';
import { skipWithout } from '../support/tools';
import { account, makeDevice } from '../unit/sync/device-harness';
import type { TestDevice } from '../unit/sync/device-harness';
import { connectedDaemons, removeDaemon, rescan, waitFor } from './syncthing';
import type { Daemon } from './syncthing';

const skip = skipWithout('syncthing');
const key = newSyncKey();
let daemons: Daemon[] = [];
const devices: TestDevice[] = [];
/** What the inviter's engine reported: each invitation and the device it introduced. */
const introduced: { invite: string; device: string }[] = [];
const timings: Record<string, number> = {};

async function rescanAll() {
  for (const d of daemons) await rescan(d);
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 90_000) {
  timings[what] = await waitFor(
    what,
    async () => {
      await rescanAll();
      return check();
    },
    ms,
  ).catch((error: Error) => {
    for (const d of devices) console.log(d.name, d.labels(), d.engine.status.problems);
    throw error;
  });
}

const present = async (folder: string, device: string, name: string) =>
  (await readdir(deviceDir(folder, device)).catch(() => [] as string[])).includes(name);

describe.skipIf(skip)('membership through real Syncthing', () => {
  let a: TestDevice;

  beforeAll(async () => {
    daemons = await connectedDaemons(['alpha', 'beta', 'gamma', 'delta']);
    a = await makeDevice('desk', daemons[0]!.folder, [key], {
      onIntroduced: (joined) => introduced.push(joined),
    });
    a.saved.membership = founderMembership(a.device, a.deviceKeys);
    await a.restart();
    devices.push(a);
    await a.vault.add(account('kept', { issuer: 'Desk' }));
    await a.engine.start();
  }, 170_000);

  afterAll(async () => {
    console.log('membership through Syncthing, ms:', timings);
    await Promise.all(devices.map((d) => d.close()));
    await Promise.all(daemons.map((d) => removeDaemon(d)));
  }, 60_000);

  it('three invitations in a row: each computer joins, and each is paired with its own invitation', async () => {
    const joined: { device: TestDevice; invite: string; code: string }[] = [];
    for (const [i, name] of ['laptop', 'tablet', 'server'].entries()) {
      // Right after the previous computer joined: the inviter has not seen it yet.
      const invitation = await createInvitation({
        folder: daemons[0]!.folder,
        device: a.device,
        key: a.engine.keys[0]!,
        now: Date.now(),
        deviceKeys: a.deviceKeys,
        membership: a.engine.membership,
      });
      a.engine.addInvitation(invitation);
      const folder = daemons[i + 1]!.folder;
      const input = parseInvitationText(invitation.phrase);
      let accepted: Awaited<ReturnType<typeof acceptInvitation>> | undefined;
      await until(`invitation ${i + 1} to reach the ${name}`, async () => {
        accepted = await acceptInvitation(folder, input).catch(() => undefined);
        return accepted !== undefined;
      });
      const device = await makeDevice(name, folder, [accepted!.key]);
      devices.push(device);
      await requestJoin(folder, accepted!, device.device, device.deviceKeys, Date.now());
      device.saved.membership = joinerMembership(accepted!, device.device, device.deviceKeys);
      await device.restart();
      await device.engine.start();
      joined.push({
        device,
        invite: invitation.invite,
        code: checkCode(accepted!.key, invitation.invite, device.device),
      });
    }
    await until('the three introductions', () => {
      a.engine.localChanged();
      return introduced.length === 3;
    });
    for (const { device, invite, code } of joined) {
      expect(introduced).toContainEqual({ invite, device: device.device });
      // The inviter's screen: the check code of the device it paired with this invitation.
      expect(checkCode(a.engine.keys[0]!, invite, device.device)).toBe(code);
    }
    // Each is a member for every other: an account from each reaches all four.
    for (const { device } of joined)
      await device.vault.add(account(device.name, { issuer: 'Joined' }));
    const all = ['Desk:kept', 'Joined:laptop', 'Joined:server', 'Joined:tablet'];
    await until('every account on every computer', () => {
      for (const d of devices) d.engine.localChanged();
      return devices.every((d) => JSON.stringify(d.labels()) === JSON.stringify(all));
    });
  }, 300_000);

  it("a removed device's three attacks change nothing, and no lock and unlock forgets the removal", async () => {
    const [, b, c, d] = devices as [TestDevice, TestDevice, TestDevice, TestDevice];
    const stay = [a, b, c];
    const labels = a.labels();
    const kept = a.vault.entries.find((e) => e.name === 'kept')!;
    await a.engine.removeDevice(d.device);
    await until('the removal and new key on every computer that stays', () => {
      for (const x of stay) x.engine.localChanged();
      return stay.every(
        (x) =>
          x.engine.keys[0]!.id === a.engine.keys[0]!.id &&
          x.engine.status.devices.find((s) => s.device === d.device)?.removed === true,
      );
    });
    d.engine.stop();
    await d.engine.idle();
    const dFolder = daemons[3]!.folder;
    const hijack = async (
      device: string,
      seq: number,
      v: string,
      signer = d.deviceKeys,
      withKey: SyncKey = key,
    ) => {
      const at = formatHlc({ wall: Date.now() + 60_000, counter: 0, device });
      await writeLogFile(
        dFolder,
        device,
        seq,
        'segment',
        { records: [{ at, id: kept.id, f: 'name', v }], seen: {} },
        withKey,
        signer,
      );
    };

    // 1. A segment under a new device id, with the old key and a card of its own.
    const sock = newDeviceId();
    const sockKeys = newDeviceKeys();
    await writeDeviceCard(
      dFolder,
      sock,
      {
        name: 'new laptop',
        createdAt: Date.now(),
        sign: sockKeys.signPublic,
        dh: sockKeys.dhPublic,
      },
      key,
      sockKeys,
    );
    await hijack(sock, 1, 'hijacked under a new id', sockKeys);
    // 2. Its own oldest segment, rewritten at a sequence number it had before the removal.
    const own = (await readdir(deviceDir(dFolder, d.device)))
      .filter((n) => /^\d{10}\.tsl$/.test(n))
      .sort();
    await hijack(d.device, Number(own[0]!.slice(0, 10)), 'hijacked by a rewrite');
    // 3. The key files deleted (everywhere, through Syncthing), and 4 × 16 MiB of fake ones.
    const keyFiles = (await readdir(deviceDir(dFolder, a.device))).filter((n) =>
      n.startsWith('keys-'),
    );
    for (const name of keyFiles) await rm(join(deviceDir(dFolder, a.device), name));
    const junk = join(dFolder, 'trayotp-sync', '22222222222222222222222222');
    await mkdir(junk, { recursive: true });
    const big = Buffer.alloc(16 * 1024 * 1024 - 1, 7);
    for (let i = 1; i <= 4; i++) await writeFile(join(junk, `keys-000000000${i}.tsk`), big);
    await hijack(d.device, 9_000, 'hijacked after the key files went');

    await until(
      'the attack to reach every computer that stays',
      async () => {
        for (const x of daemons.slice(0, 3)) {
          if (!(await present(x.folder, sock, '0000000001.tsl'))) return false;
          if (!(await present(x.folder, d.device, '0000009000.tsl'))) return false;
          for (const name of keyFiles) if (await present(x.folder, a.device, name)) return false;
          if (
            (
              await readdir(join(x.folder, 'trayotp-sync', '22222222222222222222222222')).catch(
                () => [],
              )
            ).length < 4
          )
            return false;
        }
        return true;
      },
      180_000,
    );
    // A lock and unlock everywhere: the engines start again from what their vaults kept.
    for (const x of stay) {
      await x.restart();
      await x.engine.start();
    }
    for (let round = 0; round < 3; round++) for (const x of stay) await x.engine.syncNow();
    for (const x of stay) {
      expect(x.labels()).toEqual(labels);
      expect(x.engine.status.devices.find((s) => s.device === d.device)?.removed).toBe(true);
      expect(x.engine.keys[0]!.id).toBe(a.engine.keys[0]!.id);
    }
    expect(b.engine.status.problems).toContainEqual(
      expect.objectContaining({ device: sock, message: expect.stringMatching(/not a member/) }),
    );
    // What the others do still reaches each other under the new key.
    await b.vault.add(account('after the attacks', { issuer: 'Tablet' }));
    await until('a change after the attacks', () => {
      for (const x of stay) x.engine.localChanged();
      return stay.every((x) => x.labels().includes('Tablet:after the attacks'));
    });
  }, 400_000);
});

// Membership's finer rules (docs/sync.md § Keys): a group from format 1 is closed once, after
// which unsigned files count only up to where they were; an introduction counts only when a
// member signed it; and a device a removed member let in after the point of its removal goes
// with it, also on a computer that believed the introduction before the rotation reached it.
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDeviceKeys } from '../../../main/sync/device-keys';
import type { DeviceKeys } from '../../../main/sync/device-keys';
import { deviceDir, writeLogFile } from '../../../main/sync/folder-write';
import { formatHlc } from '../../../main/sync/hlc';
import { newDeviceId, newSyncKey } from '../../../main/sync/keys';
import type { Membership } from '../../../main/sync/membership';
import { writeIntroduction } from '../../../main/sync/rotation';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-membership-rules-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

async function rounds(...list: TestDevice[]) {
  for (let i = 0; i < 2; i++) for (const d of list) await d.engine.syncNow();
}

async function maxSeq(device: string): Promise<number> {
  const names = await readdir(deviceDir(folder, device)).catch(() => [] as string[]);
  return Math.max(0, ...names.map((n) => Number(/(\d{10})/.exec(n)?.[1] ?? 0)));
}

/** A segment renaming `id`, by `device`: signed with `signer`, or unsigned (format 1). */
async function rename1(device: string, seq: number, id: string, v: string, signer?: DeviceKeys) {
  const at = formatHlc({ wall: Date.now() + 60_000, counter: 0, device });
  await writeLogFile(
    folder,
    device,
    seq,
    'segment',
    { records: [{ at, id, f: 'name', v }], seen: {} },
    key,
    signer,
  );
}

describe('a group from format 1', () => {
  it('is closed once: unsigned files count up to where they were, and none written after', async () => {
    const a = await makeDevice('laptop', folder, [key]);
    const b = await makeDevice('desktop', folder, [key]);
    devices.push(a, b);
    await a.engine.start();
    await b.engine.start();
    const kept = await a.vault.add(account('kept'));
    await rounds(a, b);
    // b's computer is not updated yet: it writes format 1.
    const old = (await maxSeq(b.device)) + 1;
    await rename1(b.device, old, kept.id, 'renamed by the old TrayOTP');
    await rounds(a);
    expect(a.labels()).toEqual(['Example:renamed by the old TrayOTP']);
    expect(a.engine.membership.open).toBe(true);

    await a.engine.closeMembership();
    expect(a.engine.membership).toMatchObject({ open: false });
    expect(a.engine.membership.members[b.device]?.legacyUpTo).toBe(old);
    await rename1(b.device, old + 1, kept.id, 'unsigned, after the group was closed');
    await a.restart();
    await rounds(a);
    expect(a.labels()).toEqual(['Example:renamed by the old TrayOTP']);
    expect(a.engine.status.problems).toContainEqual(
      expect.objectContaining({ device: b.device, message: expect.stringMatching(/not signed/) }),
    );
    // Updated, it signs, and counts again.
    await rename1(b.device, old + 2, kept.id, 'signed', b.deviceKeys);
    await rounds(a);
    expect(a.labels()).toEqual(['Example:signed']);
  });
});

describe('introductions', () => {
  async function closedGroup(...names: string[]) {
    const list = await Promise.all(names.map((n) => makeDevice(n, folder, [key])));
    devices.push(...list);
    const membership: Membership = { open: false, members: {}, removed: {}, invitations: [] };
    for (const d of list)
      membership.members[d.device] = { sign: d.deviceKeys.signPublic, dh: d.deviceKeys.dhPublic };
    for (const d of list) {
      d.saved.membership = structuredClone(membership);
      await d.restart();
      await d.engine.start();
      d.engine.stop(); // rounds only when the test says
    }
    return list as [TestDevice, TestDevice, TestDevice];
  }

  it('one not signed by a member is refused and lets nobody in', async () => {
    const [a, b] = await closedGroup('laptop', 'desktop');
    const stranger = newDeviceId();
    const strangerKeys = newDeviceKeys();
    // Written into a member's folder, with a key that is not the member's.
    await writeIntroduction({
      folder,
      device: a.device,
      seq: 500,
      at: formatHlc({ wall: Date.now(), counter: 0, device: a.device }),
      deviceKeys: strangerKeys,
      key,
      intro: {
        device: stranger,
        invite: 'abcdefghijklm',
        sign: strangerKeys.signPublic,
        dh: strangerKeys.dhPublic,
      },
    });
    const status = await b.engine.syncNow();
    expect(b.engine.membership.members[stranger]).toBeUndefined();
    expect(status.problems).toContainEqual(
      expect.objectContaining({ device: a.device, code: 'authentication' }),
    );
  });

  it('a device a removed member introduced after its removal goes with it, on a computer that believed it first', async () => {
    const [a, b, c] = await closedGroup('laptop', 'desktop', 'old phone');
    const kept = await a.vault.add(account('kept'));
    await rounds(a, b, c);
    const before = await maxSeq(a.device);
    await a.engine.removeDevice(c.device);
    // b has not seen the rotation yet; c (still holding the old key) lets a puppet in.
    const away = await mkdtemp(join(tmpdir(), 'trayotp-not-delivered-'));
    const hidden = (await readdir(deviceDir(folder, a.device))).filter(
      (n) => n.startsWith('keys-') || Number(n.slice(0, 10)) > before,
    );
    for (const n of hidden) await rename(join(deviceDir(folder, a.device), n), join(away, n));
    const puppet = newDeviceId();
    const puppetKeys = newDeviceKeys();
    await writeIntroduction({
      folder,
      device: c.device,
      seq: (await maxSeq(c.device)) + 1,
      at: formatHlc({ wall: Date.now(), counter: 0, device: c.device }),
      deviceKeys: c.deviceKeys,
      key,
      intro: {
        device: puppet,
        invite: 'abcdefghijklm',
        sign: puppetKeys.signPublic,
        dh: puppetKeys.dhPublic,
      },
    });
    await b.engine.syncNow();
    expect(b.engine.membership.members[puppet]).toBeDefined();
    await rename1(puppet, 1, kept.id, 'renamed by the puppet', puppetKeys);
    await b.engine.syncNow();
    expect(b.labels()).toEqual(['Example:renamed by the puppet']);

    for (const n of hidden) await rename(join(away, n), join(deviceDir(folder, a.device), n));
    await rounds(b);
    expect(b.engine.membership.members[puppet]).toBeUndefined();
    expect(Object.keys(b.engine.membership.removed).sort()).toEqual([c.device, puppet].sort());
    expect(b.labels()).toEqual(['Example:kept']);
    await rm(away, { recursive: true, force: true });
  });
});

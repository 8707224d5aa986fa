// Guarantee G2 (docs/sync.md § Membership): a removed device's attacks, each in a closed group of
// three whose members know each other's keys (as they would after joining by invitation). None
// of them changes an account, and no lock and unlock makes the others forget the removal.
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDeviceKeys } from '../../../main/sync/device-keys';
import type { DeviceKeys } from '../../../main/sync/device-keys';
import { deviceDir, writeDeviceCard, writeLogFile } from '../../../main/sync/folder-write';
import { formatHlc } from '../../../main/sync/hlc';
import { newDeviceId, newSyncKey } from '../../../main/sync/keys';
import type { SyncKey } from '../../../main/sync/keys';
import type { Membership } from '../../../main/sync/membership';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-membership-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

async function rounds(...list: TestDevice[]) {
  for (let i = 0; i < 2; i++) for (const d of list) await d.engine.syncNow();
}

/** Devices that are members of one closed group, started. */
async function group(...names: string[]): Promise<TestDevice[]> {
  const list = await Promise.all(names.map((n) => makeDevice(n, folder, [key])));
  devices.push(...list);
  const membership: Membership = { open: false, members: {}, removed: {}, invitations: [] };
  for (const d of list)
    membership.members[d.device] = { sign: d.deviceKeys.signPublic, dh: d.deviceKeys.dhPublic };
  for (const d of list) {
    d.saved.membership = structuredClone(membership);
    await d.restart();
    await d.engine.start();
  }
  return list;
}

/** A group of laptop, desktop and old phone with one account; the laptop removes the phone. */
async function removedPhone() {
  const [a, b, c] = (await group('laptop', 'desktop', 'old phone')) as [
    TestDevice,
    TestDevice,
    TestDevice,
  ];
  const kept = await a.vault.add(account('kept'));
  await c.vault.add(account('from the phone'));
  await rounds(a, b, c);
  await a.engine.removeDevice(c.device);
  await rounds(a, b);
  return { a, b, c, kept };
}

const LABELS = ['Example:from the phone', 'Example:kept'];

/**
 * A segment renaming `id`, stamped by `device`, encrypted with the old key and signed with the
 * device's own signing key (a removed device still has both).
 */
async function renameSegment(
  device: string,
  seq: number,
  id: string,
  name: string,
  signer: DeviceKeys,
  withKey: SyncKey = key,
) {
  const at = formatHlc({ wall: Date.now() + 60_000, counter: 0, device });
  await writeLogFile(
    folder,
    device,
    seq,
    'segment',
    { records: [{ at, id, f: 'name', v: name }], seen: {} },
    withKey,
    signer,
  );
}

async function maxSeq(device: string): Promise<number> {
  const names = await readdir(deviceDir(folder, device));
  return Math.max(
    0,
    ...names.filter((n) => /^\d{10}\./.test(n)).map((n) => Number(n.slice(0, 10))),
  );
}

describe('a removed device cannot change the group (G2)', () => {
  it('a segment under a new device id, with the old key and a card of its own, is not applied', async () => {
    const { a, b, kept } = await removedPhone();
    const sock = newDeviceId();
    const sockKeys = newDeviceKeys();
    await writeDeviceCard(
      folder,
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
    await renameSegment(sock, 1, kept.id, 'hijacked under a new id', sockKeys);
    await rounds(a, b);
    expect(a.labels()).toEqual(LABELS);
    expect(b.labels()).toEqual(LABELS);
    expect(b.engine.status.problems).toContainEqual(
      expect.objectContaining({ device: sock, message: expect.stringMatching(/not a member/) }),
    );
  });

  it('its own old segment, rewritten at a sequence number it had before the removal, is not applied, even after a restart', async () => {
    const { a, b, c, kept } = await removedPhone();
    await renameSegment(c.device, 1, kept.id, 'hijacked by a rewrite', c.deviceKeys);
    for (const d of [a, b]) await d.restart();
    await rounds(a, b);
    expect(a.labels()).toEqual(LABELS);
    expect(b.labels()).toEqual(LABELS);
  });

  it('deleting the key files, then a lock and unlock everywhere: the removal is not forgotten', async () => {
    const { a, b, c, kept } = await removedPhone();
    for (const name of await readdir(deviceDir(folder, a.device)))
      if (name.startsWith('keys-')) await rm(join(deviceDir(folder, a.device), name));
    await renameSegment(
      c.device,
      (await maxSeq(c.device)) + 1,
      kept.id,
      'hijacked after unlock',
      c.deviceKeys,
    );
    for (const d of [a, b]) await d.restart();
    await rounds(a, b);
    expect(a.labels()).toEqual(LABELS);
    expect(b.labels()).toEqual(LABELS);
    expect(b.engine.status.devices.find((d) => d.device === c.device)?.removed).toBe(true);
    expect(b.engine.keys[0]!.id).toBe(a.engine.keys[0]!.id);
  });

  it('4 × 16 MiB of fake key files do not hide the removal from a computer that restarts', async () => {
    const { a, b, c, kept } = await removedPhone();
    // In a folder named like a device id that sorts before every real one ('2' is base32's lowest).
    const junk = join(folder, 'trayotp-sync', '22222222222222222222222222');
    await mkdir(junk);
    const big = Buffer.alloc(16 * 1024 * 1024 - 1, 7);
    for (let i = 1; i <= 4; i++) await writeFile(join(junk, `keys-000000000${i}.tsk`), big);
    await renameSegment(c.device, 50, kept.id, 'hijacked behind a flood', c.deviceKeys);
    await b.restart();
    await rounds(b);
    expect(b.labels()).toEqual(LABELS);
    expect(b.engine.status.devices.find((d) => d.device === c.device)?.removed).toBe(true);
    await a.engine.syncNow();
    expect(a.labels()).toEqual(LABELS);
  });

  it('a computer offline at the removal drops what the removed device wrote once it sees the rotation', async () => {
    const [a, b, c] = (await group('laptop', 'desktop', 'old phone')) as [
      TestDevice,
      TestDevice,
      TestDevice,
    ];
    const kept = await a.vault.add(account('kept'));
    await c.vault.add(account('from the phone'));
    await rounds(a, b, c);
    const before = await maxSeq(a.device);
    b.engine.stop(); // b merges only when the test says, as an offline computer would
    await a.engine.removeDevice(c.device);
    // b is away: the laptop's rotation and re-write have not reached it yet.
    const away = await mkdtemp(join(tmpdir(), 'trayotp-not-delivered-'));
    const hidden = (await readdir(deviceDir(folder, a.device))).filter(
      (n) => n.startsWith('keys-') || Number(n.slice(0, 10)) > before,
    );
    for (const n of hidden) await rename(join(deviceDir(folder, a.device), n), join(away, n));
    await renameSegment(
      c.device,
      (await maxSeq(c.device)) + 1,
      kept.id,
      'hijacked while b was away',
      c.deviceKeys,
    );
    await b.engine.syncNow();
    expect(b.labels()).toContain('Example:hijacked while b was away');
    for (const n of hidden) await rename(join(away, n), join(deviceDir(folder, a.device), n));
    await rounds(b);
    expect(b.labels()).toEqual(LABELS);
    expect(b.engine.status.devices.find((d) => d.device === c.device)?.removed).toBe(true);
    await rm(away, { recursive: true, force: true });
  });
});

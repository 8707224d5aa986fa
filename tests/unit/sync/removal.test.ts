// Removing a device (docs/sync.md § Keys): the devices that stay get a new key; the removed one
// cannot read what is written after, what it writes after is used by nobody, a rotation it forges
// afterwards is ignored, and deleting its whole folder loses no account.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceDir } from '../../../main/sync/folder-write';
import { newSyncKey } from '../../../main/sync/keys';
import { writeRotation } from '../../../main/sync/rotation';
import { formatHlc } from '../../../main/sync/hlc';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-removal-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

async function rounds(...list: TestDevice[]) {
  for (let i = 0; i < 2; i++) for (const d of list) await d.engine.syncNow();
}

describe('removing a device', () => {
  it('rotates the key for the devices that stay and stops using the removed one', async () => {
    const key = newSyncKey();
    const [a, b, c] = await Promise.all(
      ['laptop', 'desktop', 'old phone'].map((n) => makeDevice(n, folder, [key])),
    );
    devices.push(a!, b!, c!);
    for (const d of [a!, b!, c!]) await d.engine.start();
    await c!.vault.add(account('made on the old phone'));
    const doomed = await a!.vault.add(account('deleted before the removal'));
    await rounds(a!, b!, c!);
    await a!.vault.remove(doomed.id);
    await rounds(a!, b!, c!);

    const { wrappedFor } = await a!.engine.removeDevice(c!.device);
    expect(wrappedFor).toEqual([a!.device, b!.device].sort());
    await b!.engine.syncNow();
    expect(b!.engine.keys[0]!.id).toBe(a!.engine.keys[0]!.id);
    expect(b!.engine.keys[0]!.id).not.toBe(key.id);

    // After the removal: what the others write, the removed device cannot read; what it writes is not used.
    await a!.vault.add(account('after the removal'));
    await c!.vault.add(account('written by the removed device'));
    await rounds(a!, b!, c!);
    expect(b!.labels()).toEqual(['Example:after the removal', 'Example:made on the old phone']);
    expect(a!.labels()).toEqual(b!.labels());
    expect(c!.labels()).not.toContain('Example:after the removal');
    expect(c!.engine.status.problems.map((p) => p.code)).toContain('unknown-key');
    expect(a!.engine.status.problems).toEqual([
      expect.objectContaining({ device: c!.device, code: 'removed' }),
    ]);

    // A rotation the removed device forges afterwards is ignored: in its own folder (a removed
    // device's key files are not read), and in a member's folder (not that member's signature).
    for (const into of [c!.device, b!.device]) {
      await writeRotation({
        folder,
        device: into,
        seq: 999,
        at: formatHlc({ wall: Date.now() + 1000, counter: 0, device: into }),
        deviceKeys: c!.deviceKeys,
        oldKey: key,
        members: {},
        remove: [{ device: a!.device, upToSeq: 0 }],
      });
    }
    const status = await b!.engine.syncNow();
    expect(status.problems).toContainEqual(
      expect.objectContaining({ device: b!.device, code: 'authentication' }),
    );
    expect(b!.engine.keys[0]!.id).toBe(a!.engine.keys[0]!.id);
    expect(status.devices.find((d) => d.device === a!.device)?.removed).toBe(false);

    // Its whole folder deleted: its accounts (re-written by the remover) and the deletion stay.
    await rm(deviceDir(folder, c!.device), { recursive: true, force: true });
    const fresh = await makeDevice('new laptop', folder, [...a!.engine.keys]);
    devices.push(fresh);
    await fresh.engine.syncNow();
    expect(fresh.labels()).toEqual(['Example:after the removal', 'Example:made on the old phone']);
  });
});

// Acknowledgements (docs/sync.md § Tombstones): a device acknowledges another's records only as
// far as it holds that device's files as an unbroken chain. Merging segment N+1 while N has not
// arrived must not acknowledge N: otherwise the writer, seeing every device past its deletion,
// may compact the tombstone away and this device never gets it (the account stays here alone).
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSyncFolder } from '../../../main/sync/folder-read';
import { deviceDir } from '../../../main/sync/folder-write';
import { newSyncKey } from '../../../main/sync/keys';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-ack-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

async function newestSegment(d: TestDevice): Promise<string> {
  const names = await readdir(deviceDir(folder, d.device));
  return names
    .filter((n) => /^\d{10}\.tsl$/.test(n))
    .sort()
    .at(-1)!;
}

async function logs() {
  const state = await readSyncFolder(folder, [key]);
  return (device: string) => state.devices.find((d) => d.device === device)!;
}

describe('acknowledgements follow the chain of files', () => {
  // Failed before: b acknowledged a past the deletion in N while N was held back.
  it('N+1 merged while N (a deletion) is held back: b does not acknowledge N until it arrives', async () => {
    const a = await makeDevice('laptop', folder, [key]);
    const b = await makeDevice('desktop', folder, [key]);
    devices.push(a, b);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const gone = await a.vault.add(account('gone'));
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(b.labels()).toEqual(['Example:gone']);

    await a.vault.remove(gone.id);
    await a.engine.syncNow(); // segment N: the tombstone
    const n = await newestSegment(a);
    await a.vault.add(account('later'));
    await a.engine.syncNow(); // segment N+1
    const dir = deviceDir(folder, a.device);
    await rename(join(dir, n), join(dir, `.held-${n}`)); // a sync program's late pull

    await b.engine.syncNow();
    expect(b.labels()).toEqual(['Example:gone', 'Example:later']);
    let log = await logs();
    const tombstone = log(a.device).records.find((r) => r.f === 'del' && r.id === gone.id);
    expect(tombstone).toBeUndefined(); // N is not in the folder
    await rename(join(dir, `.held-${n}`), join(dir, n));
    log = await logs();
    const deletion = log(a.device).records.find((r) => r.f === 'del' && r.id === gone.id)!;
    // b's acknowledgement of a, written while N was missing, is below N's deletion.
    expect(log(b.device).seen[a.device]! < deletion.at).toBe(true);

    await b.engine.syncNow();
    await b.engine.syncNow();
    expect(b.labels()).toEqual(['Example:later']);
    log = await logs();
    expect(log(b.device).seen[a.device]! >= deletion.at).toBe(true);
  });
});

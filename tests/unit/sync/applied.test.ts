// Issue 22 behaviours 1 and 5, G1 (docs/sync.md § Applying): what this computer applied is kept
// with its vault, so neither a file that arrives late nor a restart makes it write a deletion
// for an account nobody deleted; its own sequence numbers never go back, even after its own
// folder was rolled back.
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceDir } from '../../../main/sync/folder-write';
import { newSyncKey } from '../../../main/sync/keys';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-applied-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

async function pair(): Promise<[TestDevice, TestDevice]> {
  const a = await makeDevice('laptop', folder, [key]);
  const b = await makeDevice('desktop', folder, [key]);
  devices.push(a, b);
  await a.engine.syncNow();
  await b.engine.syncNow();
  return [a, b];
}

async function segments(d: TestDevice): Promise<string[]> {
  return (await readdir(deviceDir(folder, d.device))).filter((n) => /^\d{10}\.tsl$/.test(n)).sort();
}

describe('what this computer applied (G1)', () => {
  // Behaviour 1. Failed before: "expected [ 'Example:second' ] to deeply equal
  // [ 'Example:first', 'Example:second' ]" — the desktop wrote a deletion for 'first'.
  it('segment N+1 merged before N, a restart, then N: the account N added is kept everywhere', async () => {
    const [a, b] = await pair();
    await a.vault.add(account('first'));
    await a.engine.syncNow();
    const [n] = (await segments(a)).slice(-1);
    await a.vault.add(account('second'));
    await a.engine.syncNow();
    // N is held back (Syncthing pulls in any order): a dot name is skipped like a temp file.
    const dir = deviceDir(folder, a.device);
    await rename(join(dir, n!), join(dir, `.held-${n!}`));
    await b.engine.syncNow();
    expect(b.labels()).toEqual(['Example:second']);
    await b.restart(); // lock and unlock
    await rename(join(dir, `.held-${n!}`), join(dir, n!));
    for (let i = 0; i < 2; i++) for (const d of [b, a]) await d.engine.syncNow();
    expect(b.labels()).toEqual(['Example:first', 'Example:second']);
    expect(a.labels()).toEqual(['Example:first', 'Example:second']);
  });

  // Behaviour 5, the engine's side. Failed before ("expected false to be true"): after its own
  // folder was rolled back and a restart, the laptop numbered its next segment 3 again, a
  // number the desktop had already read with other records.
  it('its own folder rolled back, then a restart: the next segment goes above every number used', async () => {
    const [a, b] = await pair();
    for (const name of ['one', 'two', 'three']) {
      await a.vault.add(account(name));
      await a.engine.syncNow();
    }
    const before = await segments(a);
    const newest = before.at(-1)!;
    // A backup of the folder from before its last files is put back.
    for (const name of before.slice(2))
      await rm(join(deviceDir(folder, a.device), name), { force: true });
    await a.restart();
    await a.vault.add(account('four'));
    await a.engine.syncNow();
    const after = await segments(a);
    expect(after.filter((n) => !before.includes(n)).every((n) => n > newest)).toBe(true);
    expect(after.filter((n) => !before.includes(n))[0]! > newest).toBe(true);
    for (let i = 0; i < 2; i++) for (const d of [a, b]) await d.engine.syncNow();
    expect(b.labels()).toEqual(['Example:four', 'Example:one', 'Example:three', 'Example:two']);
  });

  // Held before too (the deletion was derived again); kept because the state now carries it.
  it('an account deleted here stays deleted after its own files are lost and it restarts', async () => {
    const [a, b] = await pair();
    const gone = await a.vault.add(account('deleted here'));
    await a.vault.add(account('kept'));
    for (const d of [a, b]) await d.engine.syncNow();
    await a.vault.remove(gone.id);
    await a.engine.syncNow();
    // Its newest files (the deletion) are lost; the desktop had not read them yet.
    const own = await segments(a);
    await rm(join(deviceDir(folder, a.device), own.at(-1)!), { force: true });
    await a.restart();
    for (let i = 0; i < 2; i++) for (const d of [a, b]) await d.engine.syncNow();
    expect(a.labels()).toEqual(['Example:kept']);
    expect(b.labels()).toEqual(['Example:kept']);
  });
});

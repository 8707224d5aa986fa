// Every failure the sync model test (sync-model.test.ts) found, kept as a regular test: each is
// the shrunk counterexample replayed on the same World, and each failed on the code before issue
// 22's G1/G3 work with the failure quoted above it. Three more cases (no quoted failure) keep a
// path of the model covered on every run: a restart after a rollback, a removed device that
// keeps writing, an older vault restored.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { World } from './world';

// Writes to the folder can crash half-way (crash-fs.ts); untouched unless a step arms a crash.
vi.mock('node:fs/promises', async (original) =>
  (await import('./crash-fs')).crashingFs(await original()),
);
import type { ModelDevice } from './world';

const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const DAY_MS = 24 * 3600_000;
let world: World | undefined;

async function twoDevices() {
  world = await World.create(await mkdtemp(join(base, 'trayotp-model-case-')), 2);
  return { w: world, a: world.device(0), b: world.device(1) };
}

afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

async function settled(w: World) {
  await w.settle();
  w.checkSettled();
}

describe('sync model: failures found, kept', () => {
  // Behaviour 1 (seed 222026, run without clock/garbage/rollback/crash/conflict steps):
  // [2, add@3, add@3, 2 files 1→0 order 0 lock after 0, round@0] —
  // "00000000-0000-4000-8000-000000000001 left device 1 though nobody deleted it".
  it('segment N+1 arrives before N, the computer locks, N arrives, it unlocks: nothing is deleted', async () => {
    const { w, a, b } = await twoDevices();
    w.tick();
    w.add(b);
    await w.round(b);
    w.tick();
    w.add(b);
    await w.round(b);
    w.tick();
    await w.arrive(a, b, 2, 0, 0);
    w.tick();
    await w.round(a);
    await settled(w);
  });

  // G3, a clock before 2020 (seed 222026, every step): [2, clock@3 -2526d, add@3, conflict copy
  // 0→0#1] (an offset just past 2526 days) — "devices 0 and 1 differ:  / …0001=n1": its file
  // was refused by the other device.
  it('a change made with the clock seven years back (before 2020) still reaches the other device', async () => {
    const { w, b } = await twoDevices();
    w.tick();
    b.offsetMs = -2527 * DAY_MS; // 2019-12-31
    w.tick();
    w.add(b);
    await w.round(b);
    await settled(w);
  });

  // G1, this computer's own folder (seed 222026, without clock steps): [2, add@1, garbage in 3's
  // copy of 1#1, deliver 0→0#0] — "devices 0 and 1 differ:  / …0001=n1": garbage replaced its
  // own segment, and the account it added never reached the other device.
  it('garbage replaces a segment in its own folder: what it held is written again', async () => {
    const { w, b } = await twoDevices();
    w.tick();
    w.add(b);
    await w.round(b);
    w.tick();
    await w.garbage(b, b, 1);
    await settled(w);
  });

  // G1, a rollback of its own folder (seed 222026, without clock steps; shrunk):
  // [2, add@3, crash before-write@3, rollback 3's copy of 1 to 0 files] — "devices 0 and 1
  // differ:  / …0001=n1".
  it('its own folder is rolled back: the account it added still reaches the other device', async () => {
    const { w, b } = await twoDevices();
    w.add(b);
    await w.round(b, 'before-write');
    await w.round(b);
    await w.rollback(b, b, 0);
    await settled(w);
  });

  // The same rollback, then a restart before anything else: the engine's memory is gone too.
  it('its own folder is rolled back and the computer restarts: nothing is lost or reused', async () => {
    const { w, a, b } = await twoDevices();
    w.add(b);
    await w.round(b);
    w.remove(b, 0);
    w.add(b);
    await w.round(b);
    await w.arrive(a, b, 4, 1, 9);
    await w.rollback(b, b, 1);
    w.lock(b);
    await w.unlock(b);
    await settled(w);
  });

  // G2 in the model (not a failure found: the removal steps' own check). A removed device goes
  // on writing; nothing it writes after its removal reaches the others' vaults.
  it('a removed device that keeps writing changes nothing on the others', async () => {
    world = await World.create(await mkdtemp(join(base, 'trayotp-model-case-')), 3);
    const w = world;
    const [a, b, c] = w.devices as [ModelDevice, ModelDevice, ModelDevice];
    w.tick();
    w.add(c);
    await w.round(c);
    for (const to of w.devices) for (const from of w.devices) await w.deliverAll(to, from);
    for (const d of w.devices) await w.round(d);
    await w.removeDevice(a, c);
    expect(c.removed).toBe(true);
    w.tick();
    w.add(c);
    w.rename(c, 0);
    await w.round(c);
    await settled(w);
    expect(b.vault.entries.map((e) => e.name)).toEqual(a.vault.entries.map((e) => e.name));
    expect(a.vault.entries).toHaveLength(1);
  });

  // G1 with an older vault restored (the restore steps' own check): accounts added since come
  // back from the folder, a deletion made since is made again, nothing is sent as a change.
  it('an older backup of the vault is restored: nothing is lost or brought back', async () => {
    const { w, a, b } = await twoDevices();
    w.tick();
    w.add(a);
    w.add(a);
    await w.round(a);
    w.backupVault(a);
    w.tick();
    w.add(a);
    w.remove(a, 0);
    await w.round(a);
    await w.arrive(b, a, 9, 1, 9);
    await w.restoreVault(a, 0);
    await settled(w);
    expect(a.vault.entries.map((e) => e.name).sort()).toEqual(['n2', 'n3']);
  });

  // G1, an older vault restored (seed 222026, without clock steps): [2, backup@0, add@0,
  // restore@0#1] — "00000000-0000-4000-8000-000000000001 left device 0 though nobody deleted
  // it": the restored vault lacked the account, and the engine took that for a deletion.
  it('a vault backup from before an account was added is restored: the account is not deleted', async () => {
    const { w, a } = await twoDevices();
    w.tick();
    w.backupVault(a);
    w.tick();
    w.add(a);
    await w.round(a);
    w.tick();
    await w.restoreVault(a, 1);
    await settled(w);
  });
});

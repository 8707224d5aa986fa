// Issue 22 behaviours 1 and 3 through real Syncthing (docs/sync.md G1, G3): two daemons on
// 127.0.0.1, each the "computer" of one TrayOTP engine with its own vault.
// (a) Syncthing delivers segment N+1 before N (here `.stignore` holds N back, as a failed pull
//     retried a minute later does); the desktop merges N+1, locks, N arrives, it unlocks: the
//     account N added exists everywhere.
// (b) The laptop's clock is an hour ahead: the desktop's edit made after seeing the laptop's wins,
//     its deletion is not undone, and the notice names the laptop.
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceDir } from '../../main/sync/folder-write';
import { newSyncKey } from '../../main/sync/keys';
import { SYNC_DIR } from '../../main/sync/names';
import { skipWithout } from '../support/tools';
import { account, makeDevice } from '../unit/sync/device-harness';
import type { TestDevice } from '../unit/sync/device-harness';
import {
  configure,
  connected,
  makeDaemon,
  pauseDevice,
  removeDaemon,
  rescan,
  resumeDevice,
  startDaemon,
  waitFor,
} from './syncthing';
import type { Daemon } from './syncthing';

const skip = skipWithout('syncthing');
const HOUR = 3600_000;
let daemons: Daemon[] = [];
const devices: TestDevice[] = [];

async function link(x: Daemon, y: Daemon, on: boolean) {
  if (on) {
    await resumeDevice(x, y);
    await resumeDevice(y, x);
  } else {
    await pauseDevice(x, y);
    await pauseDevice(y, x);
  }
  await waitFor(
    on ? 'the daemons to reconnect' : 'the daemons to part',
    async () => ((await connected(x, y)) && (await connected(y, x))) === on,
    60_000,
  );
}

async function until(what: string, done: () => boolean, list: TestDevice[]) {
  await waitFor(
    what,
    async () => {
      for (const d of daemons) await rescan(d);
      for (const d of list) await d.engine.syncNow().catch(() => undefined);
      return done();
    },
    90_000,
  ).catch((error: Error) => {
    for (const d of list) console.log(d.name, d.labels(), d.engine.status.problems);
    throw error;
  });
}

async function ownSegments(d: TestDevice, folder: string): Promise<string[]> {
  return (await readdir(deviceDir(folder, d.device))).filter((n) => /^\d{10}\.tsl$/.test(n)).sort();
}

describe.skipIf(skip)('sync through real Syncthing: delivery order and clocks', () => {
  beforeAll(async () => {
    daemons = await Promise.all(['ordera', 'orderb'].map((name) => makeDaemon(name)));
    for (const d of daemons)
      await configure(
        d,
        daemons.filter((p) => p !== d),
      );
    await Promise.all(daemons.map((d) => startDaemon(d)));
    const [x, y] = daemons as [Daemon, Daemon];
    await waitFor(
      'the two daemons to connect',
      async () => (await connected(x, y)) && (await connected(y, x)),
      60_000,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(devices.splice(0).map((d) => d.close()));
    await Promise.all(daemons.map((d) => removeDaemon(d)));
  }, 60_000);

  // Failed before: the desktop wrote a deletion for 'first' at its unlock, and the laptop
  // applied it (the account N added was gone on both).
  it('segment N+1 before N, then a lock and an unlock: the account N added exists everywhere', async () => {
    const [x, y] = daemons as [Daemon, Daemon];
    const key = newSyncKey();
    const a = await makeDevice('laptop', x.folder, [key]);
    const b = await makeDevice('desktop', y.folder, [key]);
    devices.push(a, b);
    await a.engine.start();
    await b.engine.start();
    await until('both cards to arrive', () => b.engine.status.devices.length === 2, [a, b]);

    await link(x, y, false);
    await a.vault.add(account('first'));
    await a.engine.syncNow();
    const n = (await ownSegments(a, x.folder)).at(-1)!;
    await a.vault.add(account('second'));
    await a.engine.syncNow();
    // Syncthing on the desktop holds N back; everything else of the laptop's arrives.
    const ignore = join(y.folder, '.stignore');
    await writeFile(ignore, `/${SYNC_DIR}/${a.device}/${n}\n`);
    await rescan(y);
    await link(x, y, true);
    await until('N+1 to be merged on the desktop', () => b.labels().includes('Example:second'), [
      a,
      b,
    ]);
    expect(b.labels()).toEqual(['Example:second']);

    b.engine.stop(); // the desktop locks (auto-lock)
    await rm(ignore, { force: true });
    await rescan(y);
    await waitFor(
      'N to arrive on the desktop',
      async () => (await readdir(deviceDir(y.folder, a.device))).includes(n),
      90_000,
    );
    await b.restart(); // and is unlocked
    await b.engine.start();
    await until(
      'both accounts everywhere',
      () =>
        [a, b].every((d) => JSON.stringify(d.labels()) === '["Example:first","Example:second"]'),
      [b, a],
    );
    // A few more rounds: nothing takes it away again.
    for (let i = 0; i < 3; i++) for (const d of [b, a]) await d.engine.syncNow();
    for (const d of [a, b]) expect(d.labels()).toEqual(['Example:first', 'Example:second']);
    for (const d of devices.splice(0)) await d.close();
  });

  // Failed before: the desktop's rename was reverted to the laptop's, the deleted account came
  // back, and the laptop reported the desktop's clock as the wrong one.
  it('a clock an hour ahead on one side: the later edit wins, a deletion stays, the laptop is named', async () => {
    const [x, y] = daemons as [Daemon, Daemon];
    const key = newSyncKey();
    const a = await makeDevice('fast laptop', x.folder, [key], {
      clock: { now: () => Date.now() + HOUR },
    });
    // The desktop's clock check measured its clock right.
    const b = await makeDevice('desktop', y.folder, [key], { clockOffsetMs: () => 0 });
    devices.push(a, b);
    await a.engine.start();
    await b.engine.start();
    const kept = await a.vault.add(account('kept'));
    const gone = await a.vault.add(account('to delete'));
    await a.engine.syncNow();
    await until("the laptop's accounts on the desktop", () => b.labels().length === 2, [a, b]);

    await a.vault.update(kept.id, { name: 'renamed on the laptop' });
    await a.vault.update(gone.id, { name: 'edited on the laptop' });
    await a.engine.syncNow();
    await until(
      "the laptop's edits on the desktop",
      () => b.labels().includes('Example:renamed on the laptop'),
      [a, b],
    );
    await b.vault.update(kept.id, { name: 'renamed on the desktop after seeing it' });
    await b.vault.remove(gone.id);
    await b.engine.syncNow();
    await until(
      "the desktop's edit and deletion on the laptop",
      () => JSON.stringify(a.labels()) === '["Example:renamed on the desktop after seeing it"]',
      [b, a],
    );
    for (let i = 0; i < 3; i++) for (const d of [a, b]) await d.engine.syncNow();
    for (const d of [a, b])
      expect(d.labels()).toEqual(['Example:renamed on the desktop after seeing it']);
    const status = b.engine.status;
    expect(status.clockNotice).toMatch(/^The clock of fast laptop is 60 minutes ahead\./);
    expect(status.devices.find((d) => d.device === b.device)!.clockAheadMs).toBe(0);
    expect(a.engine.status.devices.every((d) => d.clockAheadMs === 0)).toBe(true);
  });
});

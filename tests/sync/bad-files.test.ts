// Issue 22 behaviour 5 carried by real Syncthing (docs/sync.md G5): a garbage file in a computer's
// own folder, then a restart. Its older segments are not overwritten, no account it deleted comes
// back, and the other computer keeps receiving its changes; the garbage file is shown there.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceDir } from '../../main/sync/folder-write';
import { newSyncKey } from '../../main/sync/keys';
import { skipWithout } from '../support/tools';
import { account, makeDevice } from '../unit/sync/device-harness';
import type { TestDevice } from '../unit/sync/device-harness';
import {
  configure,
  connected,
  makeDaemon,
  removeDaemon,
  rescan,
  startDaemon,
  waitFor,
} from './syncthing';
import type { Daemon } from './syncthing';

const skip = skipWithout('syncthing');
const key = newSyncKey();
const GARBAGE = 'not a sync file: a cloud provider or a broken disk wrote this';
let daemons: Daemon[] = [];
let a: TestDevice;
let b: TestDevice;

async function converge(what: string, labels: string[]) {
  await waitFor(
    what,
    async () => {
      for (const d of daemons) await rescan(d);
      return [a, b].every((d) => JSON.stringify(d.labels()) === JSON.stringify([...labels].sort()));
    },
    90_000,
  ).catch((error: Error) => {
    for (const d of [a, b]) console.log(d.name, d.labels(), d.engine.status.problems);
    throw error;
  });
}

async function ownFiles(folder: string): Promise<Map<string, string>> {
  const dir = deviceDir(folder, a.device);
  const names = (await readdir(dir)).filter((n) => /^\d{10}\.ts[ls]$/.test(n));
  return new Map(
    await Promise.all(
      names.map(async (n) => [n, (await readFile(join(dir, n))).toString('base64')] as const),
    ),
  );
}

describe.skipIf(skip)('a garbage file in a computer’s own folder, through real Syncthing', () => {
  beforeAll(async () => {
    daemons = await Promise.all(['alpha', 'beta'].map((name) => makeDaemon(name)));
    for (const d of daemons)
      await configure(
        d,
        daemons.filter((p) => p !== d),
      );
    await Promise.all(daemons.map((d) => startDaemon(d)));
    const [x, y] = daemons as [Daemon, Daemon];
    await waitFor('the daemons to connect', () => connected(x, y), 60_000);
    a = await makeDevice('laptop', x.folder, [key]);
    b = await makeDevice('desktop', y.folder, [key]);
    await a.engine.start();
    await b.engine.start();
  }, 120_000);

  afterAll(async () => {
    for (const d of [a, b]) await d?.close();
    await Promise.all(daemons.map((d) => removeDaemon(d)));
  }, 60_000);

  it('then a restart: nothing of its own overwritten, no deletion undone, the other keeps receiving', async () => {
    const [x, y] = daemons as [Daemon, Daemon];
    await a.vault.add(account('kept'));
    const doomed = await a.vault.add(account('deleted'));
    a.engine.localChanged();
    await converge('two accounts', ['Example:kept', 'Example:deleted']);
    await a.vault.remove(doomed.id);
    a.engine.localChanged();
    await converge('the deletion', ['Example:kept']);

    // The newest segment of the laptop's own folder becomes garbage, and reaches the desktop.
    await a.engine.idle();
    const before = await ownFiles(x.folder);
    const newest = [...before.keys()].sort().at(-1)!;
    const highest = Number(newest.slice(0, 10));
    await writeFile(join(deviceDir(x.folder, a.device), newest), GARBAGE);
    await waitFor(
      'the garbage file to reach the desktop',
      async () => {
        await rescan(x);
        const there = await readFile(join(deviceDir(y.folder, a.device), newest), 'utf8').catch(
          () => '',
        );
        return there === GARBAGE;
      },
      60_000,
    );
    const kept = await ownFiles(x.folder);

    await a.restart();
    await a.engine.start();
    await a.vault.add(account('after'));
    a.engine.localChanged();
    await converge('a change after the restart', ['Example:after', 'Example:kept']);

    const after = await ownFiles(x.folder);
    for (const [name, bytes] of kept)
      if (after.has(name)) expect(after.get(name), name).toBe(bytes);
    const fresh = [...after.keys()].filter((n) => !kept.has(n));
    expect(fresh.length).toBeGreaterThan(0);
    for (const name of fresh) expect(Number(name.slice(0, 10)), name).toBeGreaterThan(highest);
    await b.engine.syncNow();
    expect(b.engine.status.problems.map((p) => [p.device, p.file])).toContainEqual([
      a.device,
      newest,
    ]);
    expect(b.labels()).not.toContain('Example:deleted');
  }, 240_000);
});

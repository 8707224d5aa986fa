// TrayOTP sync carried by real Syncthing (docs/sync.md): three Syncthing daemons on 127.0.0.1,
// each the "computer" of one TrayOTP core with its own vault. Concurrent edits, delete against
// edit, a computer offline for many changes, a conflict copy Syncthing itself makes, and a third
// computer joining by invitation: every vault converges and no account is lost.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceDir, writeLogFile } from '../../main/sync/folder-write';
import { formatHlc } from '../../main/sync/hlc';
import {
  acceptInvitation,
  checkCode,
  createInvitation,
  parseInvitationText,
} from '../../main/sync/invitation';
import { newSyncKey } from '../../main/sync/keys';
import type { Entry } from '../../main/vault';
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
const key = newSyncKey();
let daemons: Daemon[] = [];
let a: TestDevice;
let b: TestDevice;
const devices: TestDevice[] = [];
const timings: Record<string, number> = {};

/** What must be equal everywhere: the synced fields (lastUsedAt is local; updatedAt is each vault's own stamp). */
function synced(entries: readonly Entry[]) {
  return entries
    .map(({ lastUsedAt: _u, updatedAt: _t, ...rest }) => rest)
    .sort((x, y) => (x.id < y.id ? -1 : 1));
}

async function converge(what: string, list: TestDevice[], expectLabels?: string[]) {
  const ms = await waitFor(
    what,
    async () => {
      for (const d of daemons) await rescan(d);
      const first = JSON.stringify(synced(list[0]!.vault.entries));
      const same = list.every((d) => JSON.stringify(synced(d.vault.entries)) === first);
      return (
        same &&
        (expectLabels === undefined ||
          JSON.stringify(list[0]!.labels()) === JSON.stringify([...expectLabels].sort()))
      );
    },
    90_000,
  ).catch((error: Error) => {
    for (const d of list) console.log(d.name, d.labels(), d.engine.status.problems);
    throw error;
  });
  timings[what] = ms;
  return ms;
}

/** Cuts computer `x` off from every other one (the third daemon would otherwise relay its files). */
async function offline(x: Daemon) {
  for (const y of daemons.filter((d) => d !== x)) {
    await pauseDevice(x, y);
    await pauseDevice(y, x);
  }
  await waitFor(
    'the computer to be cut off',
    async () => {
      for (const y of daemons.filter((d) => d !== x))
        if ((await connected(x, y)) || (await connected(y, x))) return false;
      return true;
    },
    30_000,
  );
}

async function online(x: Daemon) {
  for (const y of daemons.filter((d) => d !== x)) {
    await resumeDevice(x, y);
    await resumeDevice(y, x);
  }
  await waitFor(
    'the computer to reconnect',
    async () => {
      for (const y of daemons.filter((d) => d !== x))
        if (!(await connected(x, y)) || !(await connected(y, x))) return false;
      return true;
    },
    60_000,
  );
}

describe.skipIf(skip)('sync through real Syncthing', () => {
  beforeAll(async () => {
    daemons = await Promise.all(['alpha', 'beta', 'gamma'].map((name) => makeDaemon(name)));
    for (const d of daemons)
      await configure(
        d,
        daemons.filter((p) => p !== d),
      );
    await Promise.all(daemons.map((d) => startDaemon(d)));
    const [x, y, z] = daemons as [Daemon, Daemon, Daemon];
    await waitFor(
      'the three daemons to connect',
      async () => (await connected(x, y)) && (await connected(x, z)) && (await connected(y, z)),
      60_000,
    );
    a = await makeDevice('laptop', x.folder, [key]);
    b = await makeDevice('desktop', y.folder, [key]);
    devices.push(a, b);
    await a.engine.start();
    await b.engine.start();
  }, 120_000);

  afterAll(async () => {
    console.log('sync through Syncthing, ms to converge:', timings);
    await Promise.all(devices.map((d) => d.close()));
    await Promise.all(daemons.map((d) => removeDaemon(d)));
  }, 60_000);

  it('carries a new account to the other computer', async () => {
    await a.vault.add(account('alice', { issuer: 'GitHub' }));
    a.engine.localChanged();
    await converge('an added account', [a, b], ['GitHub:alice']);
  });

  it('merges concurrent edits of one account on both computers', async () => {
    const { id } = a.vault.entries[0]!;
    await Promise.all([
      a.vault.update(id, { issuer: 'GitHub, Inc.' }),
      b.vault.update(id, { tags: ['work'], pinned: true }),
    ]);
    await new Promise((r) => setTimeout(r, 5));
    await b.vault.update(id, { name: 'alice@example.com' });
    a.engine.localChanged();
    b.engine.localChanged();
    await converge('concurrent edits', [a, b], ['GitHub, Inc.:alice@example.com']);
    expect(a.vault.entry(id)).toMatchObject({ tags: ['work'], pinned: true });
  });

  it('a deletion beats an older edit made offline; an edit made after a deletion brings the account back', async () => {
    const one = await a.vault.add(account('one'));
    const two = await a.vault.add(account('two'));
    a.engine.localChanged();
    await converge(
      'two more accounts',
      [a, b],
      ['GitHub, Inc.:alice@example.com', 'Example:one', 'Example:two'],
    );
    await offline(daemons[0]!);
    // Each computer's sync runs right after its save, as the app does (localChanged).
    await b.vault.update(one.id, { name: 'one, edited before the deletion' });
    await b.engine.syncNow();
    await new Promise((r) => setTimeout(r, 20));
    await a.vault.remove(one.id);
    await a.vault.remove(two.id);
    await a.engine.syncNow();
    await new Promise((r) => setTimeout(r, 20));
    await b.vault.update(two.id, { name: 'two, edited after the deletion' });
    await b.engine.syncNow();
    await online(daemons[0]!);
    await converge(
      'delete against edit',
      [a, b],
      ['GitHub, Inc.:alice@example.com', 'Example:two, edited after the deletion'],
    );
  });

  it('a computer offline for many changes rejoins without losing any account', async () => {
    await offline(daemons[0]!);
    const expected = new Set(a.labels());
    for (let i = 0; i < 30; i++) {
      const entry = await a.vault.add(account(`offline-a-${i}`, { issuer: 'Laptop' }));
      if (i % 5 === 0) await a.vault.update(entry.id, { tags: ['renamed'] });
      a.engine.localChanged();
      expected.add(`Laptop:offline-a-${i}`);
    }
    for (let i = 0; i < 10; i++) {
      await b.vault.add(account(`offline-b-${i}`, { issuer: 'Desktop' }));
      b.engine.localChanged();
      expected.add(`Desktop:offline-b-${i}`);
    }
    const doomed = a.vault.entries.find((e) => e.name === 'offline-a-3')!;
    await a.vault.remove(doomed.id);
    expected.delete('Laptop:offline-a-3');
    a.engine.localChanged();
    await a.engine.idle();
    await b.engine.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(b.labels()).not.toContain('Laptop:offline-a-0');
    await online(daemons[0]!);
    await converge('rejoin after 41 offline changes', [a, b], [...expected]);
    expect(a.labels()).toHaveLength(expected.size);
  });

  it('reads a conflict copy Syncthing made of a device file, and loses neither side', async () => {
    // A computer restored from a disk image on two machines: both run "laptop" and both write its
    // next segment. Syncthing keeps one and renames the other to *.sync-conflict-*.
    await offline(daemons[0]!);
    const target = a.vault.entries.find((e) => e.name === 'offline-a-1')!;
    const other = a.vault.entries.find((e) => e.name === 'offline-a-2')!;
    const names = await readdir(deviceDir(daemons[0]!.folder, a.device));
    const seq =
      Math.max(...names.filter((n) => /^\d{10}\./.test(n)).map((n) => Number(n.slice(0, 10)))) + 1;
    const at = (ms: number) => formatHlc({ wall: Date.now() + ms, counter: 0, device: a.device });
    await writeLogFile(
      daemons[0]!.folder,
      a.device,
      seq,
      'segment',
      { records: [{ at: at(0), id: target.id, f: 'name', v: 'renamed by one clone' }], seen: {} },
      key,
    );
    await writeLogFile(
      daemons[1]!.folder,
      a.device,
      seq,
      'segment',
      {
        records: [{ at: at(1), id: other.id, f: 'issuer', v: 'Renamed by the other clone' }],
        seen: {},
      },
      key,
    );
    await online(daemons[0]!);
    const conflictIn = async (d: Daemon) =>
      (await readdir(deviceDir(d.folder, a.device))).some((n) => n.includes('.sync-conflict-'));
    await waitFor(
      'Syncthing to make a conflict copy',
      async () => {
        for (const d of daemons) await rescan(d);
        return (await conflictIn(daemons[0]!)) && (await conflictIn(daemons[1]!));
      },
      90_000,
    );
    a.engine.localChanged();
    b.engine.localChanged();
    // Both computers were equal before the conflict copy too: wait for its records themselves,
    // not only for equality (under load the first round could still be to come).
    await waitFor(
      'both sides of the conflict copy on both computers',
      async () => {
        for (const d of daemons) await rescan(d);
        return [a, b].every(
          (d) =>
            d.vault.entry(target.id).name === 'renamed by one clone' &&
            d.vault.entry(other.id).issuer === 'Renamed by the other clone',
        );
      },
      90_000,
    );
    await converge('a Syncthing conflict copy', [a, b]);
    for (const d of [a, b]) {
      expect(d.vault.entry(target.id).name).toBe('renamed by one clone');
      expect(d.vault.entry(other.id).issuer).toBe('Renamed by the other clone');
    }
    expect(await conflictIn(daemons[0]!)).toBe(true); // never deleted blindly
  });

  it('a third computer joins by invitation and gets every account, and its own reach the others', async () => {
    const invitation = await createInvitation({
      folder: daemons[0]!.folder,
      device: a.device,
      key,
      now: Date.now(),
    });
    const gammaFolder = daemons[2]!.folder;
    const input = parseInvitationText(invitation.qrText);
    let accepted: Awaited<ReturnType<typeof acceptInvitation>> | undefined;
    await waitFor(
      'the invitation to reach the third computer',
      async () => {
        await rescan(daemons[0]!);
        accepted = await acceptInvitation(gammaFolder, input).catch(() => undefined);
        return accepted !== undefined;
      },
      60_000,
    );
    const c = await makeDevice('phone-desk', gammaFolder, [accepted!.key]);
    devices.push(c);
    await c.engine.start();
    expect(checkCode(accepted!.key, invitation.invite, c.device)).toBe(
      checkCode(key, invitation.invite, c.device),
    );
    await converge('the invited computer', [a, b, c]);
    expect(c.labels()).toEqual(a.labels());
    await c.vault.add(account('from the third computer', { issuer: 'Gamma' }));
    c.engine.localChanged();
    await converge('an account from the invited computer', [a, b, c]);
    expect(a.labels()).toContain('Gamma:from the third computer');
    // Every device sees the others, by name, with no problem. Syncthing sends the third
    // computer's card file apart from its segment, so the name may arrive a round later.
    const seen = () => a.engine.status.devices.map((d) => [d.name, d.problem]);
    await waitFor(
      "the third computer's card to reach the first",
      async () => {
        for (const d of daemons) await rescan(d);
        a.engine.localChanged();
        return seen().some(([name]) => name === 'phone-desk');
      },
      60_000,
    ).catch(() => undefined);
    expect(seen()).toEqual(
      expect.arrayContaining([
        ['laptop', undefined],
        ['desktop', undefined],
        ['phone-desk', undefined],
      ]),
    );
  });
});

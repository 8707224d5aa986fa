// The sync engine over one shared folder (a perfect sync engine): local changes become records,
// other devices' records reach the vault in one write, deletions and edits follow docs/sync.md,
// hostile files are reported with nothing applied, and a restart neither loses nor repeats.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceDir, writeLogFile } from '../../../main/sync/folder-write';
import { formatHlc } from '../../../main/sync/hlc';
import {
  acceptInvitation,
  createInvitation,
  parseInvitationText,
  requestJoin,
} from '../../../main/sync/invitation';
import { newSyncKey } from '../../../main/sync/keys';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-engine-'));
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

async function rounds(...list: TestDevice[]) {
  for (let i = 0; i < 2; i++) for (const d of list) await d.engine.syncNow();
}

describe('SyncEngine', () => {
  it('carries an added account to the other device, and back', async () => {
    const [a, b] = await pair();
    await a.vault.add(account('alice'));
    await rounds(a, b);
    expect(b.labels()).toEqual(['Example:alice']);
    await b.vault.add(account('bob'));
    await rounds(a, b);
    expect(a.labels()).toEqual(['Example:alice', 'Example:bob']);
    expect(b.vault.entries.map((e) => e.id).sort()).toEqual(
      a.vault.entries.map((e) => e.id).sort(),
    );
  });

  it('keeps both sides of concurrent edits of different fields, and the later of one field', async () => {
    const [a, b] = await pair();
    const { id } = await a.vault.add(account('alice'));
    await rounds(a, b);
    await a.vault.update(id, { issuer: 'GitHub' });
    await b.vault.update(id, { tags: ['work'] });
    await a.vault.update(id, { name: 'first' });
    await new Promise((r) => setTimeout(r, 5));
    await b.vault.update(id, { name: 'second' });
    await rounds(a, b);
    for (const d of [a, b])
      expect(d.vault.entry(id)).toMatchObject({ issuer: 'GitHub', tags: ['work'], name: 'second' });
  });

  it('a deletion wins over an older concurrent edit; an edit made later brings the account back', async () => {
    const [a, b] = await pair();
    const one = await a.vault.add(account('one'));
    const two = await a.vault.add(account('two'));
    await rounds(a, b);
    await b.vault.update(one.id, { name: 'one edited' });
    await new Promise((r) => setTimeout(r, 5));
    await a.vault.remove(one.id);
    await a.vault.remove(two.id);
    await a.engine.syncNow();
    await new Promise((r) => setTimeout(r, 5));
    await b.vault.update(two.id, { name: 'two edited after the deletion' });
    await rounds(b, a);
    expect(a.labels()).toEqual(['Example:two edited after the deletion']);
    expect(b.labels()).toEqual(['Example:two edited after the deletion']);
  });

  it('merges HOTP counters by maximum', async () => {
    const [a, b] = await pair();
    const { id } = await a.vault.add(account('hotp', { type: 'hotp', counter: 5 }));
    await rounds(a, b);
    await a.vault.code(id);
    await a.vault.code(id);
    await b.vault.code(id);
    await rounds(a, b);
    expect(a.vault.entry(id).counter).toBe(7);
    expect(b.vault.entry(id).counter).toBe(7);
  });

  it('keeps lastUsedAt local, and writes nothing when nothing changed', async () => {
    const [a, b] = await pair();
    const { id } = await a.vault.add(account('alice'));
    await rounds(a, b);
    const files = (await readdir(deviceDir(folder, a.device))).length;
    await a.vault.markUsed(id);
    await rounds(a, b);
    expect(b.vault.entry(id).lastUsedAt).toBeNull();
    expect(a.vault.entry(id).lastUsedAt).not.toBeNull();
    expect((await readdir(deviceDir(folder, a.device))).length).toBe(files);
  });

  it('after a restart, neither repeats nor reverts: remote changes merged before stay, local ones made while stopped are sent', async () => {
    const [a, b] = await pair();
    const { id } = await a.vault.add(account('alice'));
    await rounds(a, b);
    await b.restart();
    await b.vault.update(id, { name: 'renamed while sync was off' });
    const filesBefore = (await readdir(deviceDir(folder, b.device))).length;
    await rounds(b, a);
    expect(a.labels()).toEqual(['Example:renamed while sync was off']);
    // One segment for the rename; no re-sent copy of what it had merged before.
    expect((await readdir(deviceDir(folder, b.device))).length).toBe(filesBefore + 1);
  });

  it('reports a device whose file fails authentication and applies nothing of it', async () => {
    const [a, b] = await pair();
    await a.vault.add(account('alice'));
    await rounds(a, b);
    const intruder = 'intruderintruderintruder22';
    await writeLogFile(
      folder,
      intruder,
      1,
      'segment',
      {
        records: [
          {
            at: formatHlc({ wall: Date.now(), counter: 0, device: intruder }),
            id: '00000000-0000-4000-8000-000000000001',
            f: 'name',
            v: 'x',
          },
        ],
        seen: {},
      },
      newSyncKey(),
    );
    await writeFile(
      join(deviceDir(folder, a.device), '0000000099.tsl'),
      'garbage, not a TrayOTP sync file at all',
    );
    const status = await b.engine.syncNow();
    expect(status.problems.map((p) => [p.device, p.code]).sort()).toEqual(
      [
        [a.device, 'not-a-sync-file'],
        [intruder, 'unknown-key'],
      ].sort(),
    );
    expect(status.devices.find((d) => d.device === intruder)?.problem?.code).toBe('unknown-key');
    // What b had merged from a before stays; nothing new is applied.
    expect(b.labels()).toEqual(['Example:alice']);
  });

  it('reports a device whose clock runs more than five minutes ahead, and still merges its changes', async () => {
    // The clock check measured this computer's clock right: the other one is named.
    const a = await makeDevice('laptop', folder, [key], { clockOffsetMs: () => 0 });
    const b = await makeDevice('fast clock', folder, [key], {
      clock: { now: () => Date.now() + 20 * 60_000 },
    });
    devices.push(a, b);
    await b.engine.start(); // its card: its name
    await b.vault.add(account('from the future'));
    await b.engine.syncNow();
    const status = await a.engine.syncNow();
    expect(a.labels()).toEqual(['Example:from the future']);
    const fast = status.devices.find((d) => d.device === b.device)!;
    expect(fast.clockAheadMs).toBeGreaterThan(15 * 60_000);
    expect(status.devices.find((d) => d.device === a.device)).toMatchObject({
      thisDevice: true,
      clockAheadMs: 0,
    });
    expect(status.clockNotice).toMatch(/^The clock of fast clock is 20 minutes ahead\./);
  });

  it("a computer joining with accounts the group already has takes the group's entries instead of twins", async () => {
    const a = await makeDevice('laptop', folder, [key]);
    devices.push(a);
    const shared = await a.vault.add(account('imported on both', { type: 'hotp', counter: 3 }));
    await a.vault.add(account('only on the laptop'));
    await a.engine.syncNow();
    const b = await makeDevice('desktop', folder, [key]);
    devices.push(b);
    await b.vault.add(account('imported on both', { type: 'hotp', counter: 9 }));
    await b.vault.add(account('only on the desktop'));
    await rounds(b, a);
    const expected = [
      'Example:imported on both',
      'Example:only on the desktop',
      'Example:only on the laptop',
    ];
    expect(a.labels()).toEqual(expected);
    expect(b.labels()).toEqual(expected);
    expect(b.vault.entries.find((e) => e.name === 'imported on both')!.id).toBe(shared.id);
    expect(a.vault.entry(shared.id).counter).toBe(9); // the higher counter is kept
  });

  it('removes its invitation once a new device joined with it', async () => {
    const [a] = await pair();
    const invitation = await createInvitation({ folder, device: a.device, key, now: Date.now() });
    a.engine.addInvitation(invitation);
    await a.engine.syncNow();
    expect(await readdir(deviceDir(folder, a.device))).toContain(`invite-${invitation.invite}.tsi`);
    const accepted = await acceptInvitation(folder, parseInvitationText(invitation.phrase));
    const c = await makeDevice('joined', folder, [accepted.key]);
    devices.push(c);
    await requestJoin(folder, accepted, c.device, c.deviceKeys, Date.now());
    await c.engine.start();
    c.engine.stop();
    await a.engine.syncNow();
    expect(
      (await readdir(deviceDir(folder, a.device))).filter((n) => n.startsWith('invite-')),
    ).toEqual([]);
  });

  it('compacts its own log into a snapshot without changing any vault', async () => {
    const a = await makeDevice('laptop', folder, [key], { compactAfterFiles: 8 });
    const b = await makeDevice('desktop', folder, [key], { compactAfterFiles: 8 });
    devices.push(a, b);
    const { id } = await a.vault.add(account('alice'));
    for (let i = 0; i < 30; i++) {
      await a.vault.update(id, { name: `name ${i}` });
      await rounds(a, b);
    }
    const names = await readdir(deviceDir(folder, a.device));
    expect(names.some((n) => n.endsWith('.tss'))).toBe(true);
    expect(names.length).toBeLessThan(20);
    const c = await makeDevice('new', folder, [key]);
    devices.push(c);
    await c.engine.syncNow();
    expect(c.labels()).toEqual(['Example:name 29']);
    expect(b.labels()).toEqual(['Example:name 29']);
  });

  it('notices a file arriving through the folder watcher and merges within a second', async () => {
    const [a, b] = await pair();
    await b.engine.start();
    await a.vault.add(account('watched'));
    const started = Date.now();
    await a.engine.syncNow();
    for (;;) {
      if (b.labels().includes('Example:watched')) break;
      await new Promise((r) => setTimeout(r, 20));
      if (Date.now() - started > 10_000) throw new Error('not merged within 10 s');
    }
    console.log(`merged ${Date.now() - started} ms after the file was written`);
  });
});

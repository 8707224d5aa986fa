// G5 (docs/sync.md § Guarantees): a bad file costs only itself, and only until it is replaced.
// Snapshots that cannot be used, junk folders and files, links, this device's own folder, the
// cache between rounds, and G7's cleaning of text from other devices.
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creationRecords } from '../../../main/sync/diff';
import { FOLDER_PROBLEM, LIMITS, ReadCache, readSyncFolder } from '../../../main/sync/folder-read';
import { deviceDir, writeDeviceCard, writeLogFile } from '../../../main/sync/folder-write';
import { formatHlc } from '../../../main/sync/hlc';
import { newSyncKey } from '../../../main/sync/keys';
import type { SyncRecord } from '../../../main/sync/records';
import { T0, deviceId, sampleEntry, uuid } from './simulation';

const A = deviceId(0);
const B = deviceId(1);
const key = newSyncKey();
const at = (ms: number, d = A) => formatHlc({ wall: T0 + ms, counter: 0, device: d });
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-bad-files-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const rename = (n: number, v: string, d = A): SyncRecord => ({
  at: at(n, d),
  id: uuid(1),
  f: 'name',
  v,
});
const segment = (seq: number, records: SyncRecord[], d = A) =>
  writeLogFile(folder, d, seq, 'segment', { records, seen: {} }, key);
const snapshot = (seq: number, records: SyncRecord[], covers: number) =>
  writeLogFile(folder, A, seq, 'snapshot', { records, seen: {}, covers }, key);
const garbage = (name: string, d = A) =>
  writeFile(join(deviceDir(folder, d), name), 'not a sync file');
const names = async (d = A) =>
  (await readSyncFolder(folder, [key])).devices
    .find((x) => x.device === d)
    ?.records.filter((r) => r.f === 'name')
    .map((r) => r.v);

/** Device ids that sort before every real one: 'aaaa…' plus i in base32. */
function lowId(i: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const digits = [...i.toString(32).padStart(4, '0')].map((c) => alphabet[parseInt(c, 32)]);
  return 'a'.repeat(22) + digits.join('');
}

describe('a snapshot that cannot be used', () => {
  it('is skipped when the snapshot before it and the segments it replaced are all there', async () => {
    await segment(1, [rename(1, 'one')]);
    await segment(2, [rename(2, 'two')]);
    await snapshot(3, [rename(2, 'two')], 2);
    await segment(4, [rename(4, 'four')]);
    await segment(5, [rename(5, 'five')]);
    await snapshot(6, [rename(5, 'five')], 5);
    await segment(7, [rename(7, 'seven')]);
    // What compaction at 6 leaves: snapshot 3 and segments 4, 5 stay; 1 and 2 are gone.
    await unlink(join(deviceDir(folder, A), '0000000001.tsl'));
    await unlink(join(deviceDir(folder, A), '0000000002.tsl'));
    await garbage('0000000006.tss');
    const state = await readSyncFolder(folder, [key]);
    const a = state.devices.find((d) => d.device === A)!;
    expect(a.waiting).toBe(false);
    expect(a.snapshot).toEqual({ seq: 3, covers: 2 });
    expect(a.covered).toEqual([]);
    expect(a.records.filter((r) => r.f === 'name').map((r) => r.v)).toEqual([
      'two',
      'four',
      'five',
      'seven',
    ]);
    expect(state.problems.map((p) => [p.file, p.code])).toEqual([
      ['0000000006.tss', 'not-a-sync-file'],
    ]);
  });

  it('makes the device wait, shown with the file, while files it replaced are gone; it resumes once the file is removed', async () => {
    await segment(1, [rename(1, 'one')]);
    await segment(2, [rename(2, 'two')]);
    await snapshot(3, [rename(2, 'two')], 2);
    await segment(4, [rename(4, 'four')]);
    await unlink(join(deviceDir(folder, A), '0000000001.tsl'));
    await unlink(join(deviceDir(folder, A), '0000000002.tsl'));
    await garbage('0000000003.tss');
    const state = await readSyncFolder(folder, [key]);
    const a = state.devices.find((d) => d.device === A)!;
    expect(a.waiting).toBe(true);
    expect(a.records).toEqual([]);
    expect(a.maxSeq).toBe(4);
    const waiting = state.problems.find((p) => p.code === 'waiting')!;
    expect(waiting).toMatchObject({ device: A, file: '0000000003.tss' });
    expect(waiting.message).toMatch(/waits.*0000000003\.tss.*replaced or removed/);
    await unlink(join(deviceDir(folder, A), '0000000003.tss'));
    expect(await names()).toEqual(['four']);
  });

  it("below the snapshot used is covered (its owner's compaction removes it), not reported", async () => {
    await segment(1, [rename(1, 'one')]);
    await garbage('0000000002.tss');
    await snapshot(3, [rename(1, 'one')], 2);
    await segment(4, [rename(4, 'four')]);
    const state = await readSyncFolder(folder, [key]);
    expect(state.problems).toEqual([]);
    const a = state.devices[0]!;
    expect(a.covered.sort()).toEqual(['0000000001.tsl', '0000000002.tss']);
    expect(a.records.map((r) => r.v)).toEqual(['one', 'four']);
  });

  it('planted above everything the device wrote, costs only itself', async () => {
    await segment(1, [rename(1, 'one')]);
    await segment(2, [rename(2, 'two')]);
    await garbage('0000009998.tss');
    await garbage('0000009999.tss');
    expect(await names()).toEqual(['one', 'two']);
  });
});

describe('junk folders and files', () => {
  it('64 empty folders named like low-sorting device ids hide no device', async () => {
    await writeDeviceCard(folder, B, { name: 'Desk', createdAt: T0 }, key);
    await segment(1, creationRecords(sampleEntry(uuid(2), 2), at(2, B)), B);
    for (let i = 0; i < LIMITS.devices + 1; i++)
      await mkdir(deviceDir(folder, lowId(i)), { recursive: true });
    const state = await readSyncFolder(folder, [key]);
    expect(state.problems).toEqual([]);
    expect(state.devices.map((d) => [d.device, d.records.length])).toEqual([[B, 8]]);
  });

  it('64 folders with a garbage file each, sorted first, hide no device and are each reported', async () => {
    await writeDeviceCard(folder, B, { name: 'Desk', createdAt: T0 }, key);
    await segment(1, creationRecords(sampleEntry(uuid(2), 2), at(2, B)), B);
    const junk = Array.from({ length: LIMITS.devices }, (_, i) => lowId(i));
    for (const d of junk) {
      await mkdir(deviceDir(folder, d), { recursive: true });
      await garbage('0000000001.tsl', d);
    }
    const state = await readSyncFolder(folder, [key]);
    expect(state.devices.map((d) => [d.device, d.records.length])).toEqual([[B, 8]]);
    expect(new Set(state.problems.map((p) => p.device)).size).toBe(new Set(junk).size);
  });

  it('past 64 member devices, each device not read is a problem', async () => {
    const members = Array.from({ length: LIMITS.devices + 2 }, (_, i) => lowId(i + 100));
    for (const d of members)
      await writeDeviceCard(folder, d, { name: `D${d}`, createdAt: T0 }, key);
    const state = await readSyncFolder(folder, [key], { self: members.at(-1)! });
    expect(state.devices.length).toBe(LIMITS.devices);
    expect(state.devices[0]!.device).toBe(members.at(-1));
    expect(state.ignoredDevices).toBe(2);
    expect(state.problems.map((p) => p.code)).toEqual(['too-many-devices', 'too-many-devices']);
    expect(state.problems[0]!.message).toMatch(
      /was not read: the sync folder holds more than 64 devices/,
    );
  });
});

describe("this device's own folder", () => {
  it('is reported with every sequence number in its names, even when no file of it reads', async () => {
    await mkdir(deviceDir(folder, A), { recursive: true });
    await garbage('0000000001.tsl');
    await mkdir(join(deviceDir(folder, A), '0000000002.tsl'));
    await symlink('/etc/hostname', join(deviceDir(folder, A), '0000000003.tsl'));
    await garbage('0000000004.tss');
    const state = await readSyncFolder(folder, [key], { self: A });
    const a = state.devices.find((d) => d.device === A)!;
    expect(a.maxSeq).toBe(4);
    expect(a.left.sort()).toEqual([
      '0000000001.tsl',
      '0000000002.tsl',
      '0000000003.tsl',
      '0000000004.tss',
    ]);
  });

  it('counts junk named far above its numbers (9999999999) for nothing, and junk close to them', async () => {
    await segment(1, [rename(1, 'one')]);
    await segment(2, [rename(2, 'two')]);
    await garbage('9999999999.tsl');
    let a = (await readSyncFolder(folder, [key], { self: A })).devices[0]!;
    expect(a.maxSeq).toBe(2);
    expect(a.left).toEqual(['9999999999.tsl']);
    await garbage('0000000040.tss');
    a = (await readSyncFolder(folder, [key], { self: A })).devices[0]!;
    expect(a.maxSeq).toBe(40);
  });

  it('as a link is neither read nor written through', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'trayotp-elsewhere-'));
    await mkdir(join(folder, 'trayotp-sync'));
    await symlink(elsewhere, deviceDir(folder, A));
    await expect(segment(1, [rename(1, 'one')])).rejects.toThrow(
      /is a link; TrayOTP writes nothing through it/,
    );
    await expect(writeDeviceCard(folder, A, { name: 'X', createdAt: T0 }, key)).rejects.toThrow(
      /is a link/,
    );
    expect(await readdir(elsewhere)).toEqual([]);
    const state = await readSyncFolder(folder, [key], { self: A });
    expect(state.problems.map((p) => [p.device, p.code])).toEqual([[A, 'unreadable']]);
    await rm(elsewhere, { recursive: true, force: true });
  });
});

describe('trayotp-sync/ itself as a link', () => {
  it('is neither read nor written through, and says so', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'trayotp-elsewhere-'));
    const inner = join(elsewhere, 'trayotp-sync');
    await writeDeviceCard(elsewhere, B, { name: 'Planted', createdAt: T0 }, key);
    await symlink(inner, join(folder, 'trayotp-sync'));
    const state = await readSyncFolder(folder, [key], { self: A });
    expect(state.devices).toEqual([]);
    expect(state.problems.map((p) => [p.device, p.code])).toEqual([[FOLDER_PROBLEM, 'unreadable']]);
    expect(state.problems[0]!.message).toMatch(/is a link, and links are never followed/);
    await expect(segment(1, [rename(1, 'one')])).rejects.toThrow(/is a link/);
    expect(await readdir(inner)).toEqual([B]);
    await rm(elsewhere, { recursive: true, force: true });
  });
});

describe('the cache between rounds', () => {
  it('decodes an unchanged file once, and a replaced one again', async () => {
    await segment(1, [rename(1, 'one')]);
    await segment(2, [rename(2, 'two')]);
    const cache = new ReadCache();
    expect((await readSyncFolder(folder, [key], { cache })).devices[0]!.decoded).toBe(2);
    const first = { ...cache.counts };
    expect((await readSyncFolder(folder, [key], { cache })).devices[0]!.decoded).toBe(0);
    expect(cache.counts.misses).toBe(first.misses);
    await segment(2, [rename(3, 'three')]);
    const state = await readSyncFolder(folder, [key], { cache });
    expect(cache.counts.misses).toBe(first.misses + 1);
    expect(state.devices[0]!.decoded).toBe(1);
    expect(state.devices[0]!.records.map((r) => r.v)).toEqual(['one', 'three']);
    // A bad file fixed in place is read again, and the device's problem goes.
    await garbage('0000000002.tsl');
    expect((await readSyncFolder(folder, [key], { cache })).problems).toHaveLength(1);
    await segment(2, [rename(3, 'three')]);
    expect((await readSyncFolder(folder, [key], { cache })).problems).toEqual([]);
  });
});

describe('text from other devices (G7)', () => {
  it('passes the same cleaning gate as an import: no control or bidi characters', async () => {
    const dirty = 'Bank\u202Eevil\u001b[2J';
    await writeDeviceCard(folder, A, { name: `Laptop\u202E\u0007`, createdAt: T0 }, key);
    await segment(1, [
      { at: at(1), id: uuid(1), f: 'issuer', v: dirty },
      { at: at(1), id: uuid(1), f: 'name', v: ` ${dirty}\n` },
      { at: at(1), id: uuid(1), f: 'tags', v: ['work\u200F', '\u202E'] },
    ]);
    const a = (await readSyncFolder(folder, [key])).devices[0]!;
    expect(a.card?.name).toBe('Laptop');
    expect(a.records.map((r) => r.v)).toEqual(['Bankevil[2J', 'Bankevil[2J', ['work']]);
    expect((await readFile(join(deviceDir(folder, A), '0000000001.tsl'))).length).toBeGreaterThan(
      0,
    );
  });
});

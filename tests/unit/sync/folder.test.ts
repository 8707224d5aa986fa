// Reading and writing the sync folder (docs/sync.md § File format, § Bounds): round trips,
// conflict copies as extra input, and every kind of hostile or broken file refused before it is
// parsed, with nothing of its device applied and the other devices still read.
import { execFileSync } from 'node:child_process';
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  symlink,
  truncate,
  writeFile,
  copyFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creationRecords } from '../../../main/sync/diff';
import { encodeFile } from '../../../main/sync/file-format';
import { readSyncFolder } from '../../../main/sync/folder-read';
import { deviceDir, writeDeviceCard, writeLogFile } from '../../../main/sync/folder-write';
import { formatHlc } from '../../../main/sync/hlc';
import { newSyncKey } from '../../../main/sync/keys';
import { classifyName } from '../../../main/sync/names';
import { T0, deviceId, sampleEntry, uuid } from './simulation';

const A = deviceId(0);
const B = deviceId(1);
const key = newSyncKey();
const at = (ms: number, d = A) => formatHlc({ wall: T0 + ms, counter: 0, device: d });
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-folder-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function twoDevices() {
  await writeDeviceCard(folder, A, { name: 'Laptop', createdAt: T0 }, key);
  await writeLogFile(
    folder,
    A,
    1,
    'segment',
    { records: creationRecords(sampleEntry(uuid(1), 1), at(1)), seen: {} },
    key,
  );
  await writeLogFile(
    folder,
    B,
    1,
    'segment',
    { records: creationRecords(sampleEntry(uuid(2), 2), at(2, B)), seen: { [A]: at(1) } },
    key,
  );
}

function byDevice(state: Awaited<ReturnType<typeof readSyncFolder>>) {
  return Object.fromEntries(state.devices.map((d) => [d.device, d.records.length]));
}

describe('names', () => {
  it.each([
    ['0000000002.tsl', { kind: 'segment', seq: 2, conflict: false }],
    ['0000000040.tss', { kind: 'snapshot', seq: 40, conflict: false }],
    [
      '0000000002.sync-conflict-20261203-101500-ABCDEFG.tsl',
      { kind: 'segment', seq: 2, conflict: true },
    ],
    ['0000000002 (conflicted copy 2026-12-03).tsl', { kind: 'segment', seq: 2, conflict: true }],
    [
      "0000000002 (Alice's conflicted copy 2026-12-03).tsl",
      { kind: 'segment', seq: 2, conflict: true },
    ],
    ['0000000002-DESKTOP-1.tsl', { kind: 'segment', seq: 2, conflict: true }],
    ['device.tsd', { kind: 'device', conflict: false }],
    ['invite-abcdefghijklm.tsi', { kind: 'invitation', invite: 'abcdefghijklm', conflict: false }],
    ['.trayotp-tmp-1-abc', undefined],
    ['.syncthing.0000000002.tsl.tmp', undefined],
    ['~syncthing~0000000002.tsl.tmp', undefined],
    ['notes.txt', undefined],
    ['2.tsl', undefined],
  ])('%s', (name, expected) => {
    expect(classifyName(name)).toEqual(expected);
  });
});

describe('readSyncFolder', () => {
  it("reads back what was written, with each device's acknowledgement and card", async () => {
    await twoDevices();
    const state = await readSyncFolder(folder, [key]);
    expect(state.problems).toEqual([]);
    expect(byDevice(state)).toEqual({ [A]: 8, [B]: 8 });
    const b = state.devices.find((d) => d.device === B)!;
    expect(b.seen).toEqual({ [A]: at(1) });
    expect(state.devices.find((d) => d.device === A)!.card).toEqual({
      name: 'Laptop',
      createdAt: T0,
    });
    // No clear text of an account in any file.
    for (const name of await readdir(deviceDir(folder, A))) {
      const text = (await readFile(join(deviceDir(folder, A), name))).toString('latin1');
      expect(text).not.toMatch(/Issuer|example\.com|JBSWY3DP|Laptop/);
    }
  });

  it('reads a conflict copy a sync engine made as extra input, and leaves it in place', async () => {
    await twoDevices();
    const dir = deviceDir(folder, A);
    await writeLogFile(
      folder,
      A,
      2,
      'segment',
      { records: [{ at: at(5), id: uuid(1), f: 'name', v: 'one side' }], seen: {} },
      key,
    );
    await rename(
      join(dir, '0000000002.tsl'),
      join(dir, '0000000002.sync-conflict-20261203-101500-ABCDEFG.tsl'),
    );
    await writeLogFile(
      folder,
      A,
      2,
      'segment',
      { records: [{ at: at(6), id: uuid(1), f: 'issuer', v: 'other side' }], seen: {} },
      key,
    );
    const state = await readSyncFolder(folder, [key]);
    expect(byDevice(state)[A]).toBe(10);
    expect(await readdir(dir)).toContain('0000000002.sync-conflict-20261203-101500-ABCDEFG.tsl');
  });

  it('reads the newest snapshot and only the segments after what it covers', async () => {
    await twoDevices();
    await writeLogFile(
      folder,
      A,
      2,
      'segment',
      { records: [{ at: at(5), id: uuid(1), f: 'name', v: 'x' }], seen: {} },
      key,
    );
    await writeLogFile(
      folder,
      A,
      3,
      'snapshot',
      { records: [{ at: at(5), id: uuid(1), f: 'name', v: 'x' }], seen: {}, covers: 2 },
      key,
    );
    await writeLogFile(
      folder,
      A,
      4,
      'segment',
      { records: [{ at: at(7), id: uuid(1), f: 'pinned', v: true }], seen: {} },
      key,
    );
    const a = (await readSyncFolder(folder, [key])).devices.find((d) => d.device === A)!;
    expect(a.records.map((r) => r.f)).toEqual(['name', 'pinned']);
    expect(a.snapshot).toEqual({ seq: 3, covers: 2 });
    expect(a.covered.sort()).toEqual(['0000000001.tsl', '0000000002.tsl']);
    expect(a.maxSeq).toBe(4);
  });

  type Damage = [string, (dir: string) => Promise<void>, string];
  const damages: Damage[] = [
    [
      'a flipped byte in the ciphertext',
      async (dir) => {
        const path = join(dir, '0000000001.tsl');
        const bytes = await readFile(path);
        bytes[bytes.length - 20]! ^= 1;
        await writeFile(path, bytes);
      },
      'authentication',
    ],
    [
      'a flipped byte in the header',
      async (dir) => {
        const path = join(dir, '0000000001.tsl');
        const bytes = await readFile(path);
        const text = bytes.toString('latin1').replace('"seq":1', '"seq":1 ');
        await writeFile(path, Buffer.from(text.replace(/.$/s, ''), 'latin1'));
      },
      'bad-header',
    ],
    [
      'a file written under another sync key',
      async (dir) =>
        writeFile(
          join(dir, '0000000001.tsl'),
          encodeFile(
            'segment',
            { device: A, seq: 1 },
            Buffer.from('{"records":[],"seen":{}}'),
            newSyncKey(),
          ),
        ),
      'unknown-key',
    ],
    [
      'garbage',
      async (dir) => writeFile(join(dir, '0000000001.tsl'), 'hello, this is not a sync file'),
      'not-a-sync-file',
    ],
    ['an empty file', async (dir) => writeFile(join(dir, '0000000001.tsl'), ''), 'truncated'],
    ['a file cut short', async (dir) => truncate(join(dir, '0000000001.tsl'), 40), 'truncated'],
    [
      'a newer format version',
      async (dir) => {
        const path = join(dir, '0000000001.tsl');
        const bytes = await readFile(path);
        bytes.writeUInt16BE(99, 8);
        await writeFile(path, bytes);
      },
      'unsupported-version',
    ],
    [
      'a segment renamed to another sequence number',
      async (dir) => rename(join(dir, '0000000001.tsl'), join(dir, '0000000007.tsl')),
      'bad-records',
    ],
    [
      "a file of device B copied into A's folder",
      async (dir) =>
        copyFile(join(deviceDir(folder, B), '0000000001.tsl'), join(dir, '0000000009.tsl')),
      'bad-records',
    ],
    [
      "records stamped with another device's clock",
      async () => {
        await writeLogFile(
          folder,
          A,
          9,
          'segment',
          { records: [{ at: at(9, B), id: uuid(1), f: 'name', v: 'forged' }], seen: {} },
          key,
        );
      },
      'bad-records',
    ],
    [
      'a record that breaks the schema (a lower-case secret)',
      async (dir) => {
        const bytes = encodeFile(
          'segment',
          { device: A, seq: 9 },
          Buffer.from(
            JSON.stringify({
              records: [
                {
                  at: at(9),
                  id: uuid(1),
                  f: 'otp',
                  v: {
                    type: 'totp',
                    secret: 'abc',
                    algorithm: 'SHA1',
                    digits: 6,
                    period: 30,
                    counter: 0,
                  },
                },
              ],
              seen: {},
            }),
          ),
          key,
        );
        await writeFile(join(dir, '0000000009.tsl'), bytes);
      },
      'bad-records',
    ],
    [
      'a symlink to a file elsewhere',
      async (dir) => symlink('/etc/hostname', join(dir, '0000000009.tsl')),
      'unreadable',
    ],
    [
      'a FIFO',
      async (dir) => {
        execFileSync('mkfifo', [join(dir, '0000000009.tsl')]);
      },
      'not-a-file',
    ],
    [
      'a folder named like a segment',
      async (dir) => mkdir(join(dir, '0000000009.tsl')),
      'not-a-file',
    ],
    [
      'a 17 MiB file (sparse: refused by its size, never read)',
      async (dir) => {
        await writeFile(join(dir, '0000000009.tsl'), '');
        await truncate(join(dir, '0000000009.tsl'), 17 * 1024 * 1024);
      },
      'too-large',
    ],
  ];

  it.each(damages)(
    'refuses %s: only that file is left out, the rest of that device and the other device are used',
    async (_, damage, code) => {
      await twoDevices();
      // A second good segment of A: it must still be applied whatever happens to the first.
      await writeLogFile(
        folder,
        A,
        2,
        'segment',
        { records: [{ at: at(3), id: uuid(1), f: 'pinned', v: true }], seen: {} },
        key,
      );
      await damage(deviceDir(folder, A));
      const state = await readSyncFolder(folder, [key]);
      expect(state.problems.map((p) => [p.device, p.code])).toEqual([[A, code]]);
      const problem = state.problems[0]!;
      expect(problem.message).toMatch(/Only this file is left out until it is replaced or removed/);
      const a = state.devices.find((d) => d.device === A)!;
      expect(a.left).toEqual([problem.file]);
      expect(a.card?.name).toBe('Laptop');
      // Segment 2 always; segment 1's 8 records unless segment 1 itself was damaged or moved.
      const firstIntact =
        problem.file !== '0000000001.tsl' &&
        (await readdir(deviceDir(folder, A))).includes('0000000001.tsl');
      expect(a.records.some((r) => r.f === 'pinned')).toBe(true);
      expect(a.records.length).toBe(firstIntact ? 9 : 1);
      expect(a.maxSeq).toBeGreaterThanOrEqual(2);
      expect(byDevice(state)[B]).toBe(8);
    },
  );

  it('refuses a device with more than 4,096 TrayOTP files as a whole, and says so', async () => {
    await twoDevices();
    const dir = deviceDir(folder, A);
    await Promise.all(
      Array.from({ length: 4100 }, (_, i) =>
        writeFile(join(dir, `${String(i + 10).padStart(10, '0')}.tsl`), ''),
      ),
    );
    const state = await readSyncFolder(folder, [key]);
    expect(state.problems.map((p) => [p.device, p.code])).toEqual([[A, 'too-many-files']]);
    expect(state.problems[0]!.message).toMatch(/nothing of it was applied/);
    expect(byDevice(state)).toEqual({ [B]: 8 });
  });

  it("5,000 files that are not TrayOTP's in a device folder hide nothing", async () => {
    await twoDevices();
    const dir = deviceDir(folder, A);
    await Promise.all(
      Array.from({ length: 5000 }, (_, i) => writeFile(join(dir, `junk-${i}`), '')),
    );
    const state = await readSyncFolder(folder, [key]);
    expect(state.problems).toEqual([]);
    expect(byDevice(state)).toEqual({ [A]: 8, [B]: 8 });
  });

  it("skips files still being written, and things that are not TrayOTP's", async () => {
    await twoDevices();
    const dir = deviceDir(folder, A);
    await writeFile(join(dir, '.syncthing.0000000002.tsl.tmp'), 'partial');
    await writeFile(join(dir, '.trayotp-tmp-99-abc'), 'partial');
    await writeFile(join(dir, 'desktop.ini'), 'x');
    await writeFile(join(folder, 'trayotp-sync', 'README.txt'), 'x');
    await writeFile(join(folder, 'trayotp-sync', 'a'.repeat(26)), 'a file named like a device');
    const state = await readSyncFolder(folder, [key]);
    expect(state.problems).toEqual([]);
    expect(byDevice(state)).toEqual({ [A]: 8, [B]: 8 });
  });

  it('reads nothing from an empty or missing folder', async () => {
    expect(await readSyncFolder(join(folder, 'missing'), [key])).toEqual({
      devices: [],
      problems: [],
      ignoredDevices: 0,
    });
  });
});

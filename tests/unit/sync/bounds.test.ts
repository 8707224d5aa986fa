// G6 (docs/sync.md § Bounds): a device with more records than the per-device bound is refused
// before any of its files is parsed, says so, and costs nothing more until its files change; the
// other devices are read. G5: junk planted in a member's folder never counts toward that bound.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creationRecords } from '../../../main/sync/diff';
import { LIMITS, ReadCache, readSyncFolder } from '../../../main/sync/folder-read';
import { deviceDir, writeDeviceCard, writeLogFile } from '../../../main/sync/folder-write';
import { formatHlc } from '../../../main/sync/hlc';
import { newSyncKey } from '../../../main/sync/keys';
import type { SyncRecord } from '../../../main/sync/records';
import { T0, deviceId, sampleEntry, uuid } from './simulation';

const A = deviceId(0);
const B = deviceId(1);
const key = newSyncKey();
let folder: string;
const at = (ms: number, d = A) => formatHlc({ wall: T0 + ms, counter: 0, device: d });
const ICON = `data:image/png;base64,${'A'.repeat(250 * 1024)}`;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-bounds-'));
  await writeDeviceCard(folder, A, { name: 'Huge', createdAt: T0 }, key);
  const records = creationRecords(sampleEntry(uuid(2), 2), at(1, B));
  await writeLogFile(folder, B, 1, 'segment', { records, seen: {} }, key);
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** `files` segments of 40 icons of 250 KiB each (10 MB a file) from device A. */
async function icons(files: number) {
  for (let seq = 1; seq <= files; seq++) {
    const records: SyncRecord[] = Array.from({ length: 40 }, (_, i) => ({
      at: at(seq * 100 + i),
      id: uuid(i),
      f: 'icon',
      v: ICON,
    }));
    await writeLogFile(folder, A, seq, 'segment', { records, seen: {} }, key);
  }
}

describe('the per-device bound', () => {
  it('refuses a device with more record bytes than the bound before parsing, and reads the others', async () => {
    await icons(3); // 30 MB of records, past the 24 MiB bound
    const cache = new ReadCache();
    const state = await readSyncFolder(folder, [key], { cache });
    expect(state.problems.map((p) => [p.device, p.code])).toEqual([[A, 'device-too-large']]);
    expect(state.problems[0]!.message).toMatch(
      /more than 24 MiB of records, more than is read from one device; nothing of it was applied/,
    );
    expect(state.devices.map((d) => [d.device, d.records.length])).toEqual([[B, 8]]);
    // The next round decodes nothing: the refusal is remembered until a file changes.
    const misses = cache.counts.misses;
    await readSyncFolder(folder, [key], { cache });
    expect(cache.counts.misses).toBe(misses);
    expect(LIMITS.bytesPerDevice).toBe(24 * 1024 * 1024);
  });

  it('does not count junk planted in a member folder: two 13 MiB garbage files refuse nothing', async () => {
    await icons(1);
    for (const name of ['0000000002.tsl', '0000000003.tsl']) {
      await writeFile(join(deviceDir(folder, A), name), '');
      await truncate(join(deviceDir(folder, A), name), 13 * 1024 * 1024);
    }
    const state = await readSyncFolder(folder, [key]);
    expect(state.problems.map((p) => [p.file, p.code])).toEqual([
      ['0000000002.tsl', 'not-a-sync-file'],
      ['0000000003.tsl', 'not-a-sync-file'],
    ]);
    expect(state.devices.find((d) => d.device === A)!.records).toHaveLength(40);
  });
});

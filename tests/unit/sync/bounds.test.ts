// G6 (docs/sync.md § Bounds): a device past the per-device bound is refused from its listing's
// sizes, before anything of it is read or decrypted, and says so; the other devices are read.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creationRecords } from '../../../main/sync/diff';
import { LIMITS, ReadCache, readSyncFolder } from '../../../main/sync/folder-read';
import { deviceDir, writeDeviceCard, writeLogFile } from '../../../main/sync/folder-write';
import { formatHlc } from '../../../main/sync/hlc';
import { newSyncKey } from '../../../main/sync/keys';
import { T0, deviceId, sampleEntry, uuid } from './simulation';

const A = deviceId(0);
const B = deviceId(1);
const key = newSyncKey();
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-bounds-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the per-device bound', () => {
  it('refuses a device with more log bytes than the bound, from sizes alone, and reads the others', async () => {
    await writeDeviceCard(folder, A, { name: 'Huge', createdAt: T0 }, key);
    const at = formatHlc({ wall: T0 + 1, counter: 0, device: B });
    await writeLogFile(
      folder,
      B,
      1,
      'segment',
      { records: creationRecords(sampleEntry(uuid(2), 2), at), seen: {} },
      key,
    );
    // Sparse files: never read (they would be garbage), refused by their sizes.
    const half = Math.ceil(LIMITS.bytesPerDevice / 2 / 1024 / 1024 + 1) * 1024 * 1024;
    for (const name of ['0000000001.tsl', '0000000002.tsl']) {
      await writeFile(join(deviceDir(folder, A), name), '');
      await truncate(join(deviceDir(folder, A), name), half);
    }
    const cache = new ReadCache();
    const state = await readSyncFolder(folder, [key], { cache });
    expect(state.problems.map((p) => [p.device, p.code])).toEqual([[A, 'device-too-large']]);
    expect(state.problems[0]!.message).toMatch(
      /more than the 24 MiB read from one device; nothing of it was applied/,
    );
    expect(state.devices.map((d) => [d.device, d.records.length])).toEqual([[B, 8]]);
    // Only the cards and B's segment were decoded; the next round decodes nothing.
    const misses = cache.counts.misses;
    await readSyncFolder(folder, [key], { cache });
    expect(cache.counts.misses).toBe(misses);
  });
});

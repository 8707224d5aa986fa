// A sync folder that goes away while the engine runs (a disk unplugged, the folder moved) is not
// made again where it was: the round fails with ENOENT (the app says "the folder is gone") and
// nothing is written in its place.
import { mkdir, mkdtemp, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDeviceId, newSyncKey, SyncEngine } from '../../../main/sync';
import { newDeviceKeys } from '../../../main/sync/device-keys';
import { writeDeviceCard } from '../../../main/sync/folder-write';
import type { Entry } from '../../../main/vault';

describe('a sync folder that is gone', () => {
  it('is not created again by the engine', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'trayotp-gone-'));
    const folder = join(parent, 'Sync');
    await mkdir(folder);
    let entries: Entry[] = [];
    const engine = new SyncEngine({
      folder,
      identity: {
        device: newDeviceId(),
        name: 'Desk',
        keys: [newSyncKey()],
        deviceKeys: newDeviceKeys(),
      },
      vault: {
        get entries() {
          return entries;
        },
        replaceEntries: async (next) => void (entries = next),
      },
      clock: { now: () => Date.now() },
    });
    await engine.start();
    engine.stop();
    await rename(folder, join(parent, 'Sync-unplugged'));
    await expect(engine.compact()).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(
      writeDeviceCard(folder, newDeviceId(), { name: 'X', createdAt: 0 }, newSyncKey()),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(folder)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

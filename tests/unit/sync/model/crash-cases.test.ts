// Crashes in the middle of a write to the sync folder (crash-fs.ts), then a restart: each way a
// write can be left half done, at each write of a round and of an unlock's first round. The
// failures the model found are kept first, each with the failure it gave before its fix.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it, vi } from 'vitest';
import { World } from './world';
import { CRASH_MODES } from './crash-fs';
import type { ModelDevice } from './world';

// Writes to the folder can crash half-way (crash-fs.ts); untouched unless a step arms a crash.
vi.mock('node:fs/promises', async (original) =>
  (await import('./crash-fs')).crashingFs(await original()),
);

const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
let world: World | undefined;

async function twoDevices() {
  world = await World.create(await mkdtemp(join(base, 'trayotp-crash-case-')), 2);
  return { w: world, a: world.device(0) as ModelDevice, b: world.device(1) as ModelDevice };
}

afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

describe('sync model: a crash half-way through a write to the folder, then a restart', () => {
  // Found by the crash step: [2, add@1, crash torn at write 0@1] — "devices 0 and 1 differ:
  // …0002=n2 / …0001=n1 …0002=n2": the segment holding n1 was torn under its real name; after
  // the restart the engine took the promised segment for written (its name was there) and,
  // with a problem in its own folder, wrote nothing of its own again, so n1 never left.
  it('the segment a save promised is torn under its own name: its records are written again', async () => {
    const { w, b } = await twoDevices();
    w.tick();
    w.add(b);
    await w.crashWrite(b, 0, 'torn');
    w.tick();
    w.add(b);
    await w.round(b);
    await w.settle();
    w.checkSettled();
  });

  // Every mode at each of the first writes of a round and of an unlock's first round.
  for (const mode of CRASH_MODES)
    for (const start of [false, true])
      it(`${mode}, at each of the first 4 writes of ${start ? 'an unlock' : 'a round'}: nothing lost, nothing back, all converge`, async () => {
        for (let at = 0; at < 4; at++) {
          const { w, a, b } = await twoDevices();
          w.tick();
          w.add(a);
          w.add(b);
          await w.round(a);
          await w.round(b);
          await w.deliverAll(a, b);
          await w.deliverAll(b, a);
          w.tick();
          w.rename(b, 0);
          w.remove(b, 1);
          await w.crashWrite(b, at, mode, start);
          w.tick();
          w.add(b);
          await w.round(b);
          await w.settle();
          w.checkSettled();
          await w.dispose();
          world = undefined;
        }
      });
});

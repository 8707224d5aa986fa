// The model-based property test of sync (issue 22): 2–4 real engines over their own copies of a
// shared folder that is the adversary (commands.ts, world.ts), checked after every step against
// a reference model of what each person did (reference.ts). `npm test` runs a fixed seed;
// TRAYOTP_FUZZ_RUNS raises the number of runs (and TRAYOTP_FUZZ_SEED picks another seed). A
// failure prints its seed and path; each one found is kept in sync-model-cases.test.ts.
import { mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it, vi } from 'vitest';
import { commands } from './commands';
import { World } from './world';

// Writes to the folder can crash half-way (crash-fs.ts); untouched unless a step arms a crash.
vi.mock('node:fs/promises', async (original) =>
  (await import('./crash-fs')).crashingFs(await original()),
);

const RUNS = Number(process.env.TRAYOTP_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.TRAYOTP_FUZZ_SEED ?? 22_2026);
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

describe('sync model (issue 22)', () => {
  it(`keeps G1 and G3 in ${RUNS} runs of devices over an adversarial folder`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(2, 2, 3, 4),
        fc.commands(commands, { maxCommands: 10 }),
        async (count, steps) => {
          const world = await World.create(await mkdtemp(join(base, 'trayotp-model-')), count);
          try {
            await fc.asyncModelRun(() => ({ model: {}, real: world }), steps);
            await world.settle();
            world.checkSettled();
          } finally {
            await world.dispose();
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});

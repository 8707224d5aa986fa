// The model-based property test of save events (issue 26): random copies, typings, HOTP codes,
// additions, deletions, locks, unlocks and saves by another process on the same file; after each,
// the window's last state and the tray's recent list are what a fresh read shows, and the app
// heard exactly one event per save (save-world.ts). `npm test` runs a fixed seed;
// TRAYOTP_FUZZ_RUNS raises the number of runs and TRAYOTP_FUZZ_SEED picks another seed;
// fast-check prints a failing seed and path, and each one found is kept in save-events-cases.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { saveCommands } from './save-commands';
import type { SaveModel } from './save-world';
import { SaveWorld } from './save-world';

const RUNS = Number(process.env.TRAYOTP_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.TRAYOTP_FUZZ_SEED ?? 26_2026);

describe('save events model (issue 26)', () => {
  it(`never leaves the window or the tray stale, one event per save, in ${RUNS} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(saveCommands, { maxCommands: 20 }), async (steps) => {
        const world = await SaveWorld.create();
        const model: SaveModel = {
          locked: false,
          revealed: new Set(),
          saves: 0,
          externalWhileLocked: false,
          added: 0,
        };
        try {
          await fc.asyncModelRun(() => ({ model, real: world }), steps);
        } finally {
          await world.dispose();
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});

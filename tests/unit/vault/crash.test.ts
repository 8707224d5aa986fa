// Crash safety (docs/vault.md § Writing): a child process saving the vault in a loop is killed
// with SIGKILL at random moments, 300 times; after every kill the vault opens and holds exactly
// the last generation the child reported saved, or the one after it (saved, not yet reported) —
// never anything else — and every backup under its final name checks out.
// The writer is bundled once with esbuild and started from a V8 startup snapshot, so each child
// starts in tens of milliseconds, and four vaults are written at once, to keep the test short.
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { listBackups, Vault } from '../../../main/vault';
import { seededRandom } from '../../support/random';
import { entriesFor, generationOf } from './crash-writer';
import { PASSPHRASE, fixedClock, tempFolder } from './helpers';

const KILLS = 300;
const LANES = 4;
const MAX_DELAY_MS = 40;
const startupMs: number[] = [];

/** Bundles the writer and builds its startup snapshot; returns the snapshot blob's path. */
async function buildWriter(folder: string): Promise<string> {
  const bundle = join(folder, 'crash-writer.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./crash-writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'iife',
    target: 'node22',
    outfile: bundle,
    logLevel: 'error',
  });
  const blob = join(folder, 'crash-writer.blob');
  await promisify(execFile)(
    process.execPath,
    ['--snapshot-blob', blob, '--build-snapshot', bundle],
    {
      cwd: folder,
    },
  );
  return blob;
}

/**
 * Runs the writer until `delayMs` after it is ready (or after it reports its first save), kills
 * it; resolves with what it printed. Counting from the first save makes sure half the kills land
 * among the writes however slow a loaded machine makes each save.
 */
function runAndKill(writer: string, path: string, delayMs: number, from: 'ready' | 'first-save') {
  return new Promise<{ ready: number; acknowledged: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--snapshot-blob', writer, 'write', path, PASSPHRASE], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    let readyAt = 0;
    const spawned = performance.now();
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n').length - 1;
      if (lines >= 1 && !readyAt) {
        readyAt = performance.now();
        startupMs.push(readyAt - spawned);
      }
      if (!timer && lines >= (from === 'ready' ? 1 : 2)) {
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      const lines = out.trim().split('\n');
      const ready = /^ready (-?\d+)$/.exec(lines[0] ?? '');
      if (signal !== 'SIGKILL' || !ready) {
        reject(new Error(`writer ended with ${signal ?? _code}, not SIGKILL: ${out} ${err}`));
        return;
      }
      const numbers = lines.slice(1).map(Number);
      resolve({ ready: Number(ready[1]), acknowledged: Math.max(Number(ready[1]), ...numbers) });
    });
  });
}

describe('a vault written in a loop and killed with SIGKILL', () => {
  it(
    `opens whole after each of ${KILLS} kills, with the old or the new entries`,
    { timeout: 180_000 },
    async () => {
      const folder = await tempFolder();
      const writer = await buildWriter(folder);
      const seed = Date.now() % 100_000;
      console.log(`crash: seed ${seed}`);
      const random = seededRandom(seed);
      const clock = fixedClock();
      const started = performance.now();
      const stats = { kills: 0, advanced: 0, unacknowledged: 0, saves: 0 };

      async function lane(index: number, kills: number) {
        const path = join(folder, `vault-${index}.trayotp`);
        await Vault.create(path, {
          clock,
          passphrase: PASSPHRASE,
          // Cheap scrypt: native, so a child unlocks without compiling Argon2's WebAssembly.
          kdf: { name: 'scrypt', N: 2, r: 1, p: 1 },
          allowWeakKdf: true,
          backups: 3,
          entries: entriesFor(0, clock.now()),
        });
        let onDisk = 0;
        for (let i = 0; i < kills; i++) {
          const delay = Math.floor(random() * MAX_DELAY_MS);
          const from = i % 2 === 0 ? 'ready' : 'first-save';
          const { ready, acknowledged } = await runAndKill(writer, path, delay, from);
          expect(ready).toBe(onDisk);
          const vault = await Vault.open(path, { clock });
          await vault.unlock({ passphrase: PASSPHRASE });
          const generation = generationOf(vault.entries);
          // Old (last reported) or new (saved, killed before it could say so); nothing else.
          expect([acknowledged, acknowledged + 1]).toContain(generation);
          expect(vault.entries.map((e) => e.name)).toEqual(
            entriesFor(generation, 0).map((e) => e.name),
          );
          for (const backup of await listBackups(path)) {
            expect(backup.problem, backup.path).toBeUndefined();
            const copy = Vault.fromBytes(path, await readFile(backup.path), { clock });
            await copy.unlock({ passphrase: PASSPHRASE });
          }
          stats.kills++;
          stats.saves += generation - onDisk;
          if (generation > onDisk) stats.advanced++;
          if (generation === acknowledged + 1) stats.unacknowledged++;
          onDisk = generation;
        }
      }

      await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i, KILLS / LANES)));
      console.log(
        `crash: ${stats.kills} kills in ${Math.round(performance.now() - started)} ms; ${stats.saves} saves; ` +
          `${stats.advanced} kills after at least one save, ${stats.unacknowledged} between a save and its report; ` +
          `median child start ${Math.round(startupMs.sort((a, b) => a - b)[startupMs.length >> 1]!)} ms`,
      );
      expect(stats.kills).toBe(KILLS);
      // Half the kills are timed from the first save, so at least those land among the writes.
      expect(stats.advanced).toBeGreaterThanOrEqual(KILLS / 2);
    },
  );
});

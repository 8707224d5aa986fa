// Two writers on one vault (docs/vault.md § Writing): the app and the CLI, two copies, a sync
// tool's TrayOTP. Child processes are started in pairs, each reads the vault, and both add an
// account at the same moment. Before the write lock, 7 of 20 pairs lost an account although
// both writers said "added". Now every writer either added (and its account is in the vault
// and in its verified backup) or was refused with the lock's sentence; nothing is lost.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault';
import type { BackupReport } from '../../../main/vault';
import { PASSPHRASE, account, fixedClock, tempFolder } from './helpers';

const PAIRS = 20;
const PAIRS_AT_ONCE = 5;
// Native scrypt at its cheapest: a child unlocks without compiling Argon2's WebAssembly.
const CHEAP_SCRYPT = { kdf: { name: 'scrypt', N: 2, r: 1, p: 1 }, allowWeakKdf: true } as const;
const LOCK_SENTENCE =
  /^Another TrayOTP \(process \d+ on .+\) is saving this vault and did not finish within \d+(\.\d)? seconds; nothing was saved\. Try again in a moment\.$/;

type Outcome = { added: string; backup: BackupReport } | { refused: string };

let writerBlob: string;
let bundleFolder: string;

beforeAll(async () => {
  // Not a tempFolder(): those are removed after each test, and both tests use the writer.
  bundleFolder = await mkdtemp(join(tmpdir(), 'trayotp-writer-'));
  const bundle = join(bundleFolder, 'concurrent-writer.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./concurrent-writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'iife',
    target: 'node22',
    outfile: bundle,
    logLevel: 'error',
  });
  // A V8 startup snapshot, as crash.test.ts builds: each child starts from a ready heap.
  writerBlob = join(bundleFolder, 'concurrent-writer.blob');
  await promisify(execFile)(
    process.execPath,
    ['--snapshot-blob', writerBlob, '--build-snapshot', bundle],
    { cwd: bundleFolder },
  );
}, 60_000);

afterAll(() => rm(bundleFolder, { recursive: true, force: true }));

interface Writer {
  ready: Promise<void>;
  go(): void;
  outcome: Promise<Outcome>;
}

function startWriter(path: string, name: string, lockWaitMs = 10_000): Writer {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--snapshot-blob', writerBlob, 'add', path, PASSPHRASE, name, String(lockWaitMs)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const outcome = new Promise<Outcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n')[1];
      if (code !== 0 || !line) reject(new Error(`writer ${name} ended ${code}: ${out} ${err}`));
      else resolve(JSON.parse(line) as Outcome);
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), outcome };
}

async function entriesOf(path: string) {
  const vault = await Vault.open(path, { clock: fixedClock() });
  await vault.unlock({ passphrase: PASSPHRASE });
  return vault.entries;
}

describe('two writers on one vault', () => {
  it(
    `${PAIRS} pairs of child processes adding at once lose nothing`,
    { timeout: 120_000 },
    async () => {
      const folder = await tempFolder();
      const path = join(folder, 'vault.trayotp');
      await Vault.create(path, { clock: fixedClock(), passphrase: PASSPHRASE, ...CHEAP_SCRYPT });
      const added: string[] = [];
      const refused: string[] = [];
      const started = performance.now();
      const readyMs: number[] = [];
      // Five pairs at a time (ten writers on the vault at once): more contention, and a
      // shorter test on a shared 2-core machine.
      for (let first = 0; first < PAIRS; first += PAIRS_AT_ONCE) {
        const writers = Array.from({ length: PAIRS_AT_ONCE }, (_, i) => [
          startWriter(path, `p${first + i}-a`),
          startWriter(path, `p${first + i}-b`),
        ]).flat();
        // All have read the same version before any writes.
        const round = performance.now();
        await Promise.all(writers.map((w) => w.ready));
        readyMs.push(performance.now() - round);
        for (const writer of writers) writer.go();
        for (const outcome of await Promise.all(writers.map((w) => w.outcome))) {
          if ('refused' in outcome) {
            expect(outcome.refused).toMatch(LOCK_SENTENCE);
            refused.push(outcome.refused);
            continue;
          }
          added.push(outcome.added);
          // Its verified backup is still there: no other writer deleted it.
          expect(outcome.backup.ok, JSON.stringify(outcome.backup)).toBe(true);
          await access(outcome.backup.path);
        }
      }
      const ids = (await entriesOf(path)).map((e) => e.id);
      console.log(
        `concurrency: ${PAIRS} pairs in ${Math.round(performance.now() - started)} ms; ` +
          `${added.length} added, ${refused.length} refused; ` +
          `ten writers ready (started, opened, unlocked) in ${readyMs.map(Math.round).join(', ')} ms`,
      );
      for (const id of added) expect(ids).toContain(id);
      expect(ids).toHaveLength(added.length);
      expect(added.length + refused.length).toBe(2 * PAIRS);
    },
  );

  it(
    'the app core (one Vault kept open) and a CLI child writer both keep their accounts',
    { timeout: 60_000 },
    async () => {
      const folder = await tempFolder();
      const path = join(folder, 'vault.trayotp');
      const clock = fixedClock();
      await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP_SCRYPT });
      // As the app (VaultSession) holds it: opened and unlocked once, changed many times.
      const app = await Vault.open(path, { clock });
      await app.unlock({ passphrase: PASSPHRASE });
      const fromApp: string[] = [];
      const fromCli: string[] = [];
      for (let round = 0; round < 8; round++) {
        const cli = startWriter(path, `cli-${round}`);
        await cli.ready;
        cli.go();
        const [entry, outcome] = await Promise.all([app.add(account(`app-${round}`)), cli.outcome]);
        fromApp.push(entry.id);
        if ('added' in outcome) fromCli.push(outcome.added);
        else expect(outcome.refused).toMatch(LOCK_SENTENCE);
      }
      const ids = (await entriesOf(path)).map((e) => e.id);
      expect(ids.filter((id) => fromApp.includes(id))).toHaveLength(fromApp.length);
      expect(ids.filter((id) => fromCli.includes(id))).toHaveLength(fromCli.length);
      // The app's own view caught up with the CLI's accounts as it saved on top of them.
      const last = fromCli.at(-1);
      if (last !== undefined && app.entries.some((e) => e.id === fromApp.at(-1))) {
        expect(app.entries.map((e) => e.id)).toEqual(expect.arrayContaining(fromApp));
      }
      expect(fromCli.length).toBeGreaterThan(0);
    },
  );
});

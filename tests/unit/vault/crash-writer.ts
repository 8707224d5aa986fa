// The child process of crash.test.ts: unlocks a vault and saves a new generation of entries in a
// loop, printing each generation number once its save returned, until it is killed (SIGKILL).
// Generation g holds (g % 5) + 1 entries named `g<g>-<i>`, so the parent can tell exactly which
// generation a file holds and that it is whole.
import { startupSnapshot } from 'node:v8';
import { Vault } from '../../../main/vault';
import type { Entry } from '../../../main/vault';

export function entriesFor(generation: number, now: number): Entry[] {
  return Array.from({ length: (generation % 5) + 1 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(generation * 10 + i).padStart(12, '0')}`,
    type: 'totp' as const,
    issuer: 'Crash',
    name: `g${generation}-${i}`,
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: 0,
    icon: null,
    tags: [],
    pinned: false,
    sortOrder: i,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: null,
  }));
}

export function generationOf(entries: readonly Entry[]): number {
  const generation = Number(/^g(\d+)-0$/.exec(entries[0]?.name ?? '')?.[1] ?? -1);
  return generation;
}

async function main(path: string, passphrase: string) {
  const clock = { now: () => Date.now() };
  const vault = await Vault.open(path, { clock, backups: 3 });
  await vault.unlock({ passphrase });
  let generation = generationOf(vault.entries);
  process.stdout.write(`ready ${generation}\n`);
  for (;;) {
    generation++;
    await vault.replaceEntries(entriesFor(generation, clock.now()));
    process.stdout.write(`${generation}\n`);
  }
}

// crash.test.ts bundles this file and builds a V8 startup snapshot of it (node
// --build-snapshot), so each of the hundreds of children starts from a ready heap; the
// arguments then follow `write` wherever Node put them.
function run() {
  const at = process.argv.indexOf('write');
  main(process.argv[at + 1]!, process.argv[at + 2]!).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}

if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(run);
else if (process.argv.includes('write')) run();

// Issue 22 behaviour 5 (docs/sync.md G5): one bad file in this computer's own folder, then a
// restart. Its sequence numbers go on from the highest name in its folder, so no older file of
// its own is overwritten; no account it deleted comes back; the other computer keeps receiving.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceDir } from '../../../main/sync/folder-write';
import { newSyncKey } from '../../../main/sync/keys';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-own-bad-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

async function rounds(...list: TestDevice[]) {
  for (let i = 0; i < 2; i++) for (const d of list) await d.engine.syncNow();
}

async function files(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((n) => /^\d{10}\.ts[ls]$/.test(n));
  return new Map(
    await Promise.all(
      names.map(async (n) => [n, (await readFile(join(dir, n))).toString('base64')] as const),
    ),
  );
}

describe("a bad file in this computer's own folder, then a restart", () => {
  it.each([
    ['its newest segment is garbage', 'newest'],
    ['its first segment is garbage', 'first'],
  ])(
    '%s: nothing of its own is overwritten, no deletion undone, the other still receives',
    async (_, which) => {
      const a = await makeDevice('laptop', folder, [key]);
      const b = await makeDevice('desktop', folder, [key]);
      devices.push(a, b);
      await rounds(a, b);
      await a.vault.add(account('kept'));
      const gone = await a.vault.add(account('deleted'));
      await rounds(a, b);
      await a.vault.remove(gone.id);
      await rounds(a, b);
      expect(b.labels()).toEqual(['Example:kept']);

      const dir = deviceDir(folder, a.device);
      const before = await files(dir);
      const sorted = [...before.keys()].sort();
      const victim = which === 'newest' ? sorted.at(-1)! : sorted[0]!;
      await writeFile(join(dir, victim), 'not a sync file');
      const kept = await files(dir);
      const highest = Number(sorted.at(-1)!.slice(0, 10));

      await a.restart();
      await a.engine.syncNow();
      await a.vault.add(account('after'));
      await rounds(a, b);

      const after = await files(dir);
      for (const [name, bytes] of kept)
        if (after.has(name)) expect(after.get(name), name).toBe(bytes);
      const fresh = [...after.keys()].filter((n) => !kept.has(n));
      expect(fresh.length).toBeGreaterThan(0);
      for (const name of fresh) expect(Number(name.slice(0, 10)), name).toBeGreaterThan(highest);
      expect(a.labels()).toEqual(['Example:after', 'Example:kept']);
      expect(b.labels()).toEqual(['Example:after', 'Example:kept']);
      expect(a.engine.status.problems.map((p) => [p.device, p.file])).toContainEqual([
        a.device,
        victim,
      ]);
    },
  );
});

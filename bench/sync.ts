// `npm run bench:sync`: the sync merge at scale (docs/sync.md). Five devices make 1,000 accounts
// and then 10,000 changes (renames, tags, pins, order, HOTP counters, new secrets, deletions),
// written as encrypted segments of 50 changes each. Prints the merge time (median of 5), reading
// and decrypting the folder, and the size of the logs before and after every device compacts.
// Then G6 (docs/sync.md): one device with 2,000,000 records, and one just within the per-device
// bound, each read per round by the old full re-read and by readSyncFolder with the engine's
// cache, in child processes of their own (bench/sync-big-device.ts) so each peak memory is its own.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { planApply } from '../main/sync/apply';
import { compactOwn } from '../main/sync/compact';
import { creationRecords } from '../main/sync/diff';
import { readSyncFolder } from '../main/sync/folder-read';
import { deviceDir, writeLogFile } from '../main/sync/folder-write';
import { HybridClock } from '../main/sync/hlc';
import { newDeviceId, newSyncKey } from '../main/sync/keys';
import { merge } from '../main/sync/merge';
import type { SyncRecord } from '../main/sync/records';
import type { Entry } from '../main/vault';

const DEVICES = 5;
const ACCOUNTS = 1000;
const CHANGES = 10_000;
const PER_SEGMENT = 50;
const T0 = Date.UTC(2026, 0, 1);

let seed = 17;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const now = { t: T0 };
const devices = Array.from({ length: DEVICES }, () => {
  const id = newDeviceId();
  return { id, clock: new HybridClock(id, () => now.t), log: [] as SyncRecord[] };
});

const ids: string[] = [];
for (let i = 0; i < ACCOUNTS; i++) {
  const device = devices[i % DEVICES]!;
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  ids.push(id);
  now.t += 1000;
  const entry: Entry = {
    id,
    type: i % 10 === 0 ? 'hotp' : 'totp',
    issuer: `Issuer ${i}`,
    name: `user${i}@example.com`,
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    icon: null,
    tags: [],
    pinned: false,
    sortOrder: i,
    createdAt: now.t,
    updatedAt: now.t,
    lastUsedAt: null,
  };
  device.log.push(...creationRecords(entry, device.clock.next()));
}
let deletions = 0;
for (let i = 0; i < CHANGES; i++) {
  const device = pick(devices);
  const id = pick(ids);
  now.t += 1000;
  const at = device.clock.next();
  const roll = random();
  if (roll < 0.3) device.log.push({ at, id, f: 'name', v: `renamed ${i}` });
  else if (roll < 0.45) device.log.push({ at, id, f: 'tags', v: [pick(['work', 'home', 'bank'])] });
  else if (roll < 0.55) device.log.push({ at, id, f: 'pinned', v: random() < 0.5 });
  else if (roll < 0.7) device.log.push({ at, id, f: 'order', v: Math.floor(random() * ACCOUNTS) });
  else if (roll < 0.85) device.log.push({ at, id, f: 'issuer', v: `Issuer ${i}` });
  else if (roll < 0.98) {
    device.log.push({
      at,
      id,
      f: 'otp',
      v: {
        type: 'totp',
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    });
  } else {
    device.log.push({ at, id, f: 'del', v: null });
    deletions++;
  }
  // Every device hears of the others now and then.
  for (const other of devices) other.clock.receive(at);
}
const all = devices.flatMap((d) => d.log);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const mergeMs: number[] = [];
let result = merge(all);
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  result = merge(all);
  mergeMs.push(performance.now() - started);
}
const localEntries = result.accounts.map((a) => a.entry);
const applyStarted = performance.now();
planApply(localEntries, result);
const applyMs = performance.now() - applyStarted;

async function folderBytes(folder: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const d of devices) {
    for (const name of await readdir(deviceDir(folder, d.id))) {
      files++;
      bytes += (await stat(join(deviceDir(folder, d.id), name))).size;
    }
  }
  return { files, bytes };
}

const folder = await mkdtemp(join(tmpdir(), 'trayotp-bench-sync-'));
try {
  const key = newSyncKey();
  const writeStarted = performance.now();
  const seen = Object.fromEntries(devices.map((d) => [d.id, d.log.at(-1)!.at]));
  for (const d of devices) {
    for (let s = 0; s * PER_SEGMENT < d.log.length; s++) {
      await writeLogFile(
        folder,
        d.id,
        s + 1,
        'segment',
        { records: d.log.slice(s * PER_SEGMENT, (s + 1) * PER_SEGMENT), seen },
        key,
      );
    }
  }
  const writeMs = performance.now() - writeStarted;
  const before = await folderBytes(folder);
  let readStarted = performance.now();
  const state = await readSyncFolder(folder, [key]);
  const readBeforeMs = performance.now() - readStarted;
  if (state.problems.length > 0) throw new Error(JSON.stringify(state.problems));

  // Every device compacts (all have seen everything, tombstones are old enough).
  const compactStarted = performance.now();
  const later = now.t + 365 * 24 * 3600_000;
  const compacted = new Map<string, SyncRecord[]>();
  for (const d of devices) {
    const others = devices
      .filter((o) => o !== d)
      .map((o) => ({ device: o.id, records: compacted.get(o.id) ?? o.log, seen }));
    compacted.set(d.id, compactOwn(d.id, d.log, others, later));
  }
  // A second pass lets the deleting devices drop tombstones the others no longer need.
  for (const d of devices) {
    const others = devices
      .filter((o) => o !== d)
      .map((o) => ({ device: o.id, records: compacted.get(o.id)!, seen }));
    compacted.set(d.id, compactOwn(d.id, compacted.get(d.id)!, others, later));
  }
  const compactMs = performance.now() - compactStarted;
  const check = merge([...compacted.values()].flat());
  if (JSON.stringify(check.accounts) !== JSON.stringify(result.accounts))
    throw new Error('compaction changed the merge');
  const after = await mkdtemp(join(tmpdir(), 'trayotp-bench-sync-after-'));
  for (const d of devices) {
    await writeLogFile(
      after,
      d.id,
      d.log.length + 1,
      'snapshot',
      { records: compacted.get(d.id)!, seen, covers: d.log.length },
      key,
    );
  }
  const afterSize = await folderBytes(after);
  readStarted = performance.now();
  await readSyncFolder(after, [key]);
  const readAfterMs = performance.now() - readStarted;
  await rm(after, { recursive: true, force: true });

  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    `sync bench: ${DEVICES} devices, ${ACCOUNTS} accounts, ${CHANGES} changes (${deletions} deletions), ${all.length} records`,
  );
  console.log(
    `  merge of all records      median ${median(mergeMs).toFixed(1)} ms (runs: ${mergeMs.map((m) => m.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  result                    ${result.accounts.length} accounts, ${result.deleted.size} deleted`,
  );
  console.log(`  apply plan (1,000)        ${applyMs.toFixed(1)} ms`);
  console.log(`  write segments            ${writeMs.toFixed(0)} ms`);
  console.log(
    `  logs before compaction    ${before.files} files, ${kib(before.bytes)}; read + decrypt + validate ${readBeforeMs.toFixed(0)} ms`,
  );
  console.log(`  compaction (5 devices ×2) ${compactMs.toFixed(0)} ms`);
  console.log(
    `  logs after compaction     ${afterSize.files} files, ${kib(afterSize.bytes)} (${((100 * afterSize.bytes) / before.bytes).toFixed(0)}%), ${[...compacted.values()].flat().length} records; read ${readAfterMs.toFixed(0)} ms`,
  );
  console.log(
    `  compaction's effect       reading the logs ×${(readBeforeMs / readAfterMs).toFixed(1)} faster, ×${(before.bytes / afterSize.bytes).toFixed(1)} smaller, ×${(before.files / afterSize.files).toFixed(0)} fewer files`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
}

// G6: the 2,000,000-record device, and one just within the bound, old reader against new.
const run = promisify(execFile);
const big = join(import.meta.dirname, 'sync-big-device.ts');
async function child(...args: string[]) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', big, ...args], {
    maxBuffer: 1024 * 1024,
  });
  return stdout.trim() === ''
    ? undefined
    : (JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        ms: number[];
        peakMiB: number;
        records: number;
        problems: string[];
      });
}
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
for (const records of [2_000_000, 190_000]) {
  const where = await mkdtemp(join(tmpdir(), 'trayotp-bench-big-'));
  try {
    await child('write', where, String(records));
    const old = (await child('old', where, '2'))!;
    const now = (await child('new', where, '3'))!;
    const steady = Math.max(...now.ms.slice(1));
    console.log(
      `  one device, ${records.toLocaleString('en')} records: old full re-read ${fmt(old.ms[0]!)} then ${fmt(old.ms[1]!)} per round, ${old.peakMiB.toFixed(0)} MiB peak (${old.records.toLocaleString('en')} records read)`,
    );
    console.log(
      `    new: first round ${fmt(now.ms[0]!)}, then ${fmt(steady)} per round, ${now.peakMiB.toFixed(0)} MiB peak; ${now.records.toLocaleString('en')} records applied${now.problems.length > 0 ? `, refused: ${now.problems.join(', ')}` : ''}`,
    );
    console.log(
      `    ratios (old / new): per round ×${(old.ms[1]! / steady).toFixed(0)}, first round ×${(old.ms[0]! / now.ms[0]!).toFixed(1)}, memory ×${(old.peakMiB / Math.max(1, now.peakMiB)).toFixed(1)}`,
    );
  } finally {
    await rm(where, { recursive: true, force: true });
  }
}

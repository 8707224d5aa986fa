// The 2,000,000-record device of `npm run bench:sync` (docs/sync.md G6). Run by bench/sync.ts, one
// child process per measurement, so each one's peak memory (maxRSS) is its own:
//   tsx bench/sync-big-device.ts write <folder> <records>   one device's segments (100,000 a file)
//   tsx bench/sync-big-device.ts old <folder> <rounds>      the old reader: every file read, decrypted and validated each round
//   tsx bench/sync-big-device.ts new <folder> <rounds>      readSyncFolder with the engine's cache between rounds
// Prints one JSON line: per-round milliseconds and the peak extra memory in MiB.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeFile } from '../main/sync/file-format';
import { ReadCache, readSyncFolder } from '../main/sync/folder-read';
import { deviceDir, writeDeviceCard, writeLogFile } from '../main/sync/folder-write';
import { formatHlc } from '../main/sync/hlc';
import { syncKeyFrom } from '../main/sync/keys';
import { logBodySchema } from '../main/sync/records';
import type { SyncRecord } from '../main/sync/records';
import { SYNC_DIR } from '../main/sync/names';

export const BIG_DEVICE = 'bigdevice22222222222222222';
export const PER_FILE = 100_000;
const T0 = Date.UTC(2026, 0, 1);
// A fixed key: the writer and the readers are separate processes.
const key = syncKeyFrom(Buffer.alloc(32, 7));

async function write(folder: string, records: number): Promise<void> {
  await writeDeviceCard(folder, BIG_DEVICE, { name: 'Big', createdAt: T0 }, key);
  for (let seq = 1; (seq - 1) * PER_FILE < records; seq++) {
    const batch: SyncRecord[] = [];
    for (let i = (seq - 1) * PER_FILE; i < Math.min(records, seq * PER_FILE); i++) {
      batch.push({
        at: formatHlc({ wall: T0 + i, counter: 0, device: BIG_DEVICE }),
        id: `00000000-0000-4000-8000-${(i % 5000).toString(16).padStart(12, '0')}`,
        f: 'pinned',
        v: i % 2 === 0,
      });
    }
    await writeLogFile(folder, BIG_DEVICE, seq, 'segment', { records: batch, seen: {} }, key);
  }
}

/** What readSyncFolder did before G6, every round: read, decrypt and validate every file. */
async function oldRound(folder: string): Promise<number> {
  const dir = deviceDir(folder, BIG_DEVICE);
  const records: SyncRecord[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith('.tsl')) continue;
    // The old reader's steps: decrypt, strict UTF-8, JSON, the record schema, the device check.
    const decoded = decodeFile(await readFile(join(dir, name)), [key], name);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(decoded.plaintext);
    const body = logBodySchema.parse(JSON.parse(text));
    for (const record of body.records) {
      if (!record.at.endsWith(`:${BIG_DEVICE}`)) throw new Error('another device');
      records.push(record);
    }
  }
  return records.length;
}

async function measure(mode: string, folder: string, rounds: number) {
  const baseline = process.memoryUsage().rss;
  const cache = new ReadCache();
  const ms: number[] = [];
  let records = 0;
  let problems: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    if (mode === 'old') records = await oldRound(folder);
    else {
      const state = await readSyncFolder(folder, [key], { cache });
      records = state.devices.reduce((n, d) => n + d.records.length, 0);
      problems = state.problems.map((p) => p.code);
    }
    ms.push(performance.now() - started);
  }
  const peakMiB = (process.resourceUsage().maxRSS * 1024 - baseline) / 1024 / 1024;
  console.log(JSON.stringify({ ms, peakMiB, records, problems }));
}

const [mode, folder, count] = process.argv.slice(2);
if (mode === 'write') await write(folder!, Number(count));
else if (mode === 'old' || mode === 'new') await measure(mode, folder!, Number(count));
else if (mode !== undefined) throw new Error(`unknown mode ${mode} (${SYNC_DIR})`);

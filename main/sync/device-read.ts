// Reading one device's folder (docs/sync.md § Reading the folder, G5 and G6). A bad file
// costs only itself: it is reported and left out, and every other file of the device is used,
// except in the one case where order makes that unsafe (a snapshot that cannot be used while
// files it replaced are gone: the device waits, shown with the file, until it is fixed or
// removed). The device's records are bounded as its files decrypt, before any is parsed; files read in
// an earlier round are taken from the cache.
import { join } from 'node:path';
import { cachedResult, decodeCached, decryptFile, parseFile } from './device-file';
import type { Decoded, DeviceCard, DeviceReadContext, ListedFile } from './device-file';
import type { Kind } from './file-format';
import { maxHlc } from './hlc';
import type { Hlc } from './hlc';
import { classifyName } from './names';
import type { FileName } from './names';
import { bad, fileIdentity, listNames, lstatOrUndefined } from './read-file';
import type { DeviceProblem } from './read-file';
import type { LogBody, SyncRecord } from './records';

export { deviceCardSchema, hasValidCard } from './device-file';
export type { DeviceCard, DeviceReadContext, FileCheck } from './device-file';

export const DEVICE_LIMITS = {
  /** Entries of one device folder listed; past this the device is refused (and said so). */
  entriesPerDevice: 16_384,
  /** TrayOTP files (segments, snapshots, conflict copies, card) of one device. */
  filesPerDevice: 4096,
  /**
   * Record bytes of one device (the plaintext of the files in use), counted as they decrypt and
   * before any is parsed: about 200,000 records, parsed once in about 1–2 s and 200 MiB
   * (bench:sync). An honest device holds its snapshot and the segments since, a few hundred KiB
   * for a thousand accounts. A file that does not decrypt never counts (G5).
   */
  bytesPerDevice: 24 * 1024 * 1024,
} as const;

export interface DeviceLog {
  device: string;
  /** Records of every file used (each file's once; cleaned by the import gate, G7). */
  records: SyncRecord[];
  /** The device's acknowledgement: the newest HLC of each device it has merged. */
  seen: Record<string, Hlc>;
  card: DeviceCard | undefined;
  /**
   * The highest sequence number in the names of its files: segments, snapshots, rotations and
   * conflict copies, readable or not (but not a name far above all others: ownNumbersEnd). A
   * device never writes at or below its own.
   */
  maxSeq: number;
  /** The snapshot used (the newest that reads) and what it covers. */
  snapshot: { seq: number; covers: number } | undefined;
  /** Names of the files read (for compaction of our own folder). */
  files: { name: string; parsed: FileName }[];
  /** Names present but not read because the snapshot used covers them. */
  covered: string[];
  /** TrayOTP files left out because they cannot be used (each is also a problem). */
  left: string[];
  /** A snapshot that cannot be used stands where files are gone: nothing above `snapshot` is used. */
  waiting: boolean;
  /** Files written after the device was removed from the group, not used. */
  refusedAfterRemoval: number;
  /**
   * The newest of the device's own HLCs in its files read as an unbroken chain from its base
   * (each file's `after` names the one before it): what a reader may acknowledge. A file missing
   * or left out below newer ones stops the chain there (docs/sync.md § Tombstones).
   */
  ackUpTo: Hlc | undefined;
  /**
   * Files decrypted in this call (not taken from the cache): 0 means `records` holds nothing
   * that the previous call with the same cache did not (G6: the engine may skip the device).
   */
  decoded: number;
}

export function emptyLog(device: string): DeviceLog {
  return {
    device,
    records: [],
    seen: {},
    card: undefined,
    maxSeq: 0,
    snapshot: undefined,
    files: [],
    covered: [],
    left: [],
    waiting: false,
    refusedAfterRemoval: 0,
    decoded: 0,
    ackUpTo: undefined,
  };
}

/** Reads one device folder (already checked to be a real folder, not a link). */
export async function readDevice(
  dir: string,
  device: string,
  context: DeviceReadContext,
): Promise<{ log: DeviceLog; problems: DeviceProblem[] }> {
  const log = emptyLog(device);
  const problems: DeviceProblem[] = [];
  const names = await listNames(dir, DEVICE_LIMITS.entriesPerDevice);
  const ours = names.sort().flatMap((name) => {
    const parsed = classifyName(name);
    return parsed ? [{ name, parsed }] : [];
  });
  const named = ours.flatMap(({ parsed }) => ('seq' in parsed ? [parsed.seq] : []));
  log.maxSeq = ownNumbersEnd(named, 0); // refined once we know which files read
  const refuse = (code: DeviceProblem['code'], message: string) => {
    problems.push({ device, file: dir, code, message });
    return { log, problems };
  };
  if (
    names.length >= DEVICE_LIMITS.entriesPerDevice ||
    ours.length > DEVICE_LIMITS.filesPerDevice
  ) {
    return refuse(
      'too-many-files',
      `The folder of device ${device} holds more than ${DEVICE_LIMITS.filesPerDevice.toLocaleString('en')} TrayOTP files or ${DEVICE_LIMITS.entriesPerDevice.toLocaleString('en')} entries; nothing of it was applied. Remove what is not TrayOTP's from it.`,
    );
  }

  // Files to consider, with their identity from lstat (a link is refused here, never opened).
  const files: ListedFile[] = [];
  for (const { name, parsed } of ours) {
    if (parsed.kind === 'rotation' || parsed.kind === 'invitation') continue; // rotation.ts, invitation.ts
    if (
      context.removedAfter !== undefined &&
      'seq' in parsed &&
      parsed.seq > context.removedAfter
    ) {
      log.refusedAfterRemoval++;
      continue;
    }
    const info = await lstatOrUndefined(join(dir, name));
    if (!info) continue; // removed meanwhile
    if (info.isSymbolicLink() || !info.isFile()) {
      const why = info.isSymbolicLink()
        ? 'it is a link, and links are never followed'
        : 'it is not a regular file';
      problems.push(
        bad(device, name, why, info.isSymbolicLink() ? 'unreadable' : 'not-a-file').problem,
      );
      log.left.push(name);
      continue;
    }
    files.push({ name, parsed, identity: fileIdentity(info), size: info.size });
  }
  // A device refused by its size in an earlier round, unchanged since: nothing is read again.
  const listing = `${files.map((f) => `${f.name}:${f.identity}`).join('/')}|${context.keys.map((k) => k.id).join(',')}|${context.verify?.version ?? ''}`;
  const refusedBefore = context.cache.peek<string>(`${dir}/`, listing);
  if (refusedBefore !== undefined) return refuse('device-too-large', refusedBefore);
  const missesBefore = context.cache.counts.misses;
  const budget = context.budget; // bytes read in this merge, all devices
  let used = 0; // plaintext bytes of the files used (the per-device bound)

  const decode = (file: ListedFile, kind: Kind) =>
    decodeCached(dir, device, file, kind, context, budget);
  const use = (file: ListedFile, result: Decoded): result is Extract<Decoded, { ok: true }> => {
    if (result.ok) return true;
    problems.push(result.problem);
    log.left.push(file.name);
    return false;
  };

  const card = files.find((f) => f.parsed.kind === 'device' && !f.parsed.conflict);
  if (card) {
    const result = await decode(card, 'device');
    if (use(card, result)) log.card = result.value as DeviceCard;
  }

  // The newest snapshot that reads is the base: it says which segments it replaces.
  const snapshots = files
    .filter((f) => f.parsed.kind === 'snapshot' && !f.parsed.conflict)
    .sort((a, b) => seqOf(b.parsed) - seqOf(a.parsed));
  let base: { file: ListedFile; body: LogBody; bytes: number } | undefined;
  const unusable: number[] = [];
  for (const snapshot of snapshots) {
    const result = await decode(snapshot, 'snapshot');
    if (use(snapshot, result)) {
      base = { file: snapshot, body: result.value as LogBody, bytes: result.bytes };
      break;
    }
    unusable.push(seqOf(snapshot.parsed));
  }
  const covers = base?.body.covers ?? 0;
  if (base) {
    log.snapshot = { seq: seqOf(base.file.parsed), covers };
    take(log, base.body);
    log.files.push({ name: base.file.name, parsed: base.file.parsed });
  }

  // Every other file above the base, each on its own: a bad one is reported and left out. All
  // are decrypted (cheap) before any is parsed (what costs), so a device past the bound costs
  // no parsing; junk does not decrypt and so never counts toward it.
  if (base) used += base.bytes;
  const decrypted: { file: ListedFile; kind: Kind; result: Decoded | Buffer }[] = [];
  for (const file of files) {
    if (file === base?.file || file.parsed.kind === 'device') continue;
    if (!file.parsed.conflict && seqOf(file.parsed) <= covers) {
      log.covered.push(file.name); // older snapshots too: compaction removes them
      continue;
    }
    if (!file.parsed.conflict && file.parsed.kind === 'snapshot') continue; // unusable, reported
    const kind = file.parsed.kind === 'snapshot' ? 'snapshot' : 'segment';
    const cached = cachedResult(dir, file, kind, context);
    const result = cached ?? (await decryptFile(dir, device, file, kind, context, budget));
    const bytes = 'plaintext' in result ? result.plaintext.length : result.ok ? result.bytes : 0;
    used += bytes;
    if (used > DEVICE_LIMITS.bytesPerDevice) {
      const message = `Device ${log.card?.name ?? device} holds more than ${DEVICE_LIMITS.bytesPerDevice / 1024 / 1024} MiB of records, more than is read from one device; nothing of it was applied. Let it compact (it does so by itself), or remove it from sync.`;
      context.cache.set(`${dir}/`, listing, message);
      log.card = undefined;
      log.records = [];
      log.seen = {};
      log.files = [];
      log.covered = [];
      log.snapshot = undefined;
      return refuse('device-too-large', message);
    }
    decrypted.push({ file, kind, result: 'plaintext' in result ? result.plaintext : result });
  }
  const above: { file: ListedFile; body: LogBody }[] = [];
  for (const { file, kind, result } of decrypted) {
    const parsed = Buffer.isBuffer(result)
      ? parseFile(dir, device, file, kind, context, result)
      : result;
    if (use(file, parsed)) above.push({ file, body: parsed.value as LogBody });
  }

  // An unusable snapshot above the base replaced the segments below it. If one of those is gone
  // from the folder while the device wrote on after the snapshot (a file above it reads), the
  // snapshot may hold the only copy of some records: the device waits rather than apply a log
  // with a hole that cannot close. Junk planted above everything the device wrote costs nothing.
  const present = new Set(
    ours.flatMap(({ parsed }) => ('seq' in parsed && !parsed.conflict ? [parsed.seq] : [])),
  );
  const newestRead = Math.max(0, ...above.map(({ file }) => seqOf(file.parsed)));
  const waitingOn = unusable.find((k) => {
    if (k <= covers || newestRead <= k) return false;
    let there = 0; // counted, not walked: a sequence number may be near 10^10
    for (const seq of present) if (seq > covers && seq < k) there++;
    return there < k - covers - 1;
  });
  log.maxSeq = ownNumbersEnd(named, Math.max(newestRead, log.snapshot?.seq ?? 0));
  log.decoded = context.cache.counts.misses - missesBefore;
  const rotations = new Set(
    ours.flatMap(({ parsed }) =>
      parsed.kind === 'rotation' && !parsed.conflict ? [parsed.seq] : [],
    ),
  );
  const chain = waitingOn === undefined ? above : [];
  log.ackUpTo = chainEnd(
    device,
    base && { seq: seqOf(base.file.parsed), body: base.body },
    chain,
    rotations,
  );
  if (waitingOn !== undefined) {
    log.waiting = true;
    const name = snapshots.find((s) => seqOf(s.parsed) === waitingOn)!.name;
    problems.push({
      device,
      file: name,
      code: 'waiting',
      message: `Device ${log.card?.name ?? device} waits: its snapshot ${name} cannot be used, and files it replaced are no longer in the folder. Its newer changes are applied once that file is replaced or removed.`,
    });
    return { log, problems };
  }
  for (const { file, body } of above) {
    take(log, body);
    log.files.push({ name: file.name, parsed: file.parsed });
  }
  return { log, problems };
}

/**
 * The highest sequence number a device has used, from the names in its folder, readable or not:
 * a bad file of its own must not make it write at that number again. A device numbers its files
 * one by one, so its names follow the highest file that reads (`anchor`) closely; a name more
 * than SEQ_GAP beyond them (junk planted at 9999999999) would end its numbering for good and is
 * not counted. With nothing readable every name counts.
 */
export function ownNumbersEnd(seqs: readonly number[], anchor: number): number {
  if (anchor === 0) return Math.max(0, ...seqs);
  let end = anchor;
  for (const seq of seqs.filter((n) => n > anchor).sort((a, b) => a - b)) {
    if (seq - end > SEQ_GAP) break;
    end = seq;
  }
  return end;
}

/** See ownNumbersEnd: as many as the files a device folder may hold. */
export const SEQ_GAP = 4096;

function seqOf(parsed: FileName): number {
  return 'seq' in parsed ? parsed.seq : 0;
}

function take(log: DeviceLog, body: LogBody) {
  for (const record of body.records) log.records.push(record);
  for (const [device, hlc] of Object.entries(body.seen))
    log.seen[device] = maxHlc(log.seen[device], hlc)!;
}

/**
 * The newest own HLC of the device's log read as a chain: the base snapshot, then each segment
 * whose `after` is the file before it (older files, without `after`, link when only key files
 * stand between). Conflict copies are extra input and extend nothing.
 */
function chainEnd(
  device: string,
  base: { seq: number; body: LogBody } | undefined,
  above: { file: ListedFile; body: LogBody }[],
  rotations: ReadonlySet<number>,
): Hlc | undefined {
  let top = base?.seq ?? 0;
  let end = base ? newestOwn(device, base.body) : undefined;
  const files = above
    .filter(({ file }) => !file.parsed.conflict && file.parsed.kind === 'segment')
    .sort((a, b) => seqOf(a.file.parsed) - seqOf(b.file.parsed));
  for (const { file, body } of files) {
    const seq = seqOf(file.parsed);
    const linked =
      body.after !== undefined ? body.after === top : onlyKeyFilesBetween(top, seq, rotations);
    if (!linked) break;
    end = maxHlc(end, newestOwn(device, body));
    top = seq;
  }
  return end;
}

function newestOwn(device: string, body: LogBody): Hlc | undefined {
  let newest: Hlc | undefined;
  for (const record of body.records) {
    if (record.at.endsWith(`:${device}`)) newest = maxHlc(newest, record.at);
  }
  return newest;
}

function onlyKeyFilesBetween(low: number, high: number, rotations: ReadonlySet<number>): boolean {
  if (high <= low) return false;
  if (high - low - 1 > rotations.size) return false;
  for (let seq = low + 1; seq < high; seq++) if (!rotations.has(seq)) return false;
  return true;
}

// The parts of a sync round that keep G1 (docs/sync.md § Guarantees): this device's own sequence
// numbers, its state after a save, and what it writes again when its own folder lost a file
// (rolled back, replaced, deleted). Pure functions over plain values, used by engine.ts.
import { join } from 'node:path';
import { z } from 'zod';
import type { Entry } from '../vault/entries';
import { appliedFrom, SEQ_RESERVE } from './applied-state';
import type { AppliedState } from './applied-state';
import { TOMBSTONE_MIN_AGE_MS } from './compact';
import { creationRecords } from './diff';
import { listNames } from './folder-read';
import { parseHlc } from './hlc';
import type { Hlc } from './hlc';
import { foldRecords } from './merge';
import type { MergeResult } from './merge';
import { seqName, SYNC_DIR } from './names';
import { recordKey, recordSchema } from './records';
import type { SyncRecord } from './records';

/**
 * The highest sequence number among every name in this device's own folder, readable or not
 * (segments, snapshots, key files, conflict copies, garbage under a sequence-number name): the
 * next file goes above all of them, so nothing of its own is ever overwritten (G5, behaviour 5).
 */
export async function highestOwnSeq(folder: string, device: string): Promise<number> {
  const names = await listNames(join(folder, SYNC_DIR, device), 1 << 16).catch(
    () => [] as string[],
  );
  let highest = 0;
  for (const name of names) {
    const match = /^(?:keys-)?(\d{10})/.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

/**
 * A vault without a state (sync turned on by an older version): every local account the folder
 * mentions counts as applied as it is, so nothing is taken for a deletion; an account the
 * folder does not mention is this computer's own, still to send.
 */
export function stateFromFolder(
  state: AppliedState,
  local: readonly Entry[],
  cache: Iterable<SyncRecord>,
): AppliedState {
  const mentioned = foldRecords(cache);
  state.accounts = appliedFrom(
    local.filter((e) => mentioned.has(e.id)),
    () => undefined,
  );
  return state;
}

/** The state after this round's save: the vault's entries as saved, this round's deletions. */
export function stateAfter(
  previous: AppliedState,
  saved: readonly Entry[],
  merged: MergeResult,
  records: readonly SyncRecord[],
  hlc: Hlc,
  nextSeq: number,
): AppliedState {
  const otpAt = new Map(merged.accounts.map((a) => [a.entry.id, a.otpAt]));
  const tombs = new Map(previous.tombs);
  const createdHere = new Set(previous.createdHere);
  for (const r of records) {
    if (r.f === 'del') tombs.set(r.id, r.at);
    if (r.f === 'created' && r.at.endsWith(`:${previous.device}`)) createdHere.add(r.id);
  }
  return {
    device: previous.device,
    seq: Math.max(previous.seq, nextSeq + SEQ_RESERVE),
    hlc,
    accounts: appliedFrom(saved, (id) => otpAt.get(id)),
    tombs,
    pending: records.length > 0 ? { seq: nextSeq, records: [...records] } : undefined,
    createdHere,
  };
}

/**
 * Records of this device that still count in the merge but are missing from its own folder
 * (a file rolled back, replaced or deleted there): written again, unchanged, so the others
 * still get them. After a restart the records themselves may be gone from memory too; an
 * account this device created, that the vault holds unchanged and nothing in the folder
 * mentions any more, is then written again as this device's (the only copy left is here).
 */
export function lostOwnRecords(options: {
  me: string;
  cache: Iterable<SyncRecord>;
  ownInFolder: Iterable<SyncRecord>;
  local: readonly Entry[];
  applied: AppliedState;
  changedHere: ReadonlySet<string>;
  now: number;
  next: () => Hlc;
}): SyncRecord[] {
  const { me, local, applied, changedHere, now } = options;
  const present = new Set<string>();
  for (const r of options.ownInFolder) {
    present.add(recordKey(r));
    // Compaction keeps one of equal `created` and counter records: any one present will do.
    if (r.f === 'created') present.add(`${r.id}|created|${r.v}`);
    if (r.f === 'counter') present.add(`${r.id}|counter|${r.v.otp}|${r.v.n}`);
  }
  const all = [...options.cache];
  const folds = foldRecords(all);
  const lost: SyncRecord[] = [];
  for (const r of all) {
    if (!r.at.endsWith(`:${me}`) || present.has(recordKey(r))) continue;
    const fold = folds.get(r.id);
    if (!fold) continue;
    const live = fold.tomb === undefined || (fold.last !== undefined && fold.last > fold.tomb);
    switch (r.f) {
      case 'del':
        // A tombstone compaction may drop (old, acknowledged) is not brought back.
        if (!live && fold.tomb === r.at && parseHlc(r.at).wall > now - TOMBSTONE_MIN_AGE_MS)
          lost.push(r);
        break;
      case 'counter':
        if (
          live &&
          (fold.counters.get(r.v.otp) ?? 0) === r.v.n &&
          !present.has(`${r.id}|counter|${r.v.otp}|${r.v.n}`)
        )
          lost.push(r);
        break;
      case 'created':
        if (live && fold.created === r.v && !present.has(`${r.id}|created|${r.v}`)) lost.push(r);
        break;
      default:
        if (live && fold.fields.get(r.f)?.at === r.at) lost.push(r);
    }
  }
  for (const entry of local) {
    if (
      folds.has(entry.id) ||
      changedHere.has(entry.id) ||
      !applied.accounts.has(entry.id) ||
      !applied.createdHere.has(entry.id)
    )
      continue;
    lost.push(...creationRecords(entry, options.next()));
  }
  return lost;
}

/** Whether this device's own segment `seq` is in its folder (under its own name). */
export async function ownFileExists(folder: string, device: string, seq: number): Promise<boolean> {
  const names = await listNames(join(folder, SYNC_DIR, device), 1 << 16).catch(
    () => [] as string[],
  );
  return names.includes(seqName(seq, 'segment'));
}

/** Records kept in the vault's state, checked like any from the folder (undefined if not). */
export function parseRecords(raw: unknown[]): SyncRecord[] | undefined {
  const parsed = z.array(recordSchema).safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

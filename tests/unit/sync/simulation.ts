// A model of several devices syncing through a folder, without files: each device has its own
// hybrid clock (with its own skew), its own append-only log, and the prefixes of the others'
// logs that have reached it so far (delivery is late, out of order and repeated). A device's
// accounts are the merge of what it holds; its changes are diffEntries against that.
import { diffEntries } from '../../../main/sync/diff';
import { HybridClock } from '../../../main/sync/hlc';
import { merge, uniqueRecords } from '../../../main/sync/merge';
import type { MergeResult, SyncEntry } from '../../../main/sync/merge';
import type { SyncRecord } from '../../../main/sync/records';

export const T0 = Date.UTC(2026, 11, 1);

export function deviceId(n: number): string {
  return `device${'abcdefghijklmnopqrstuvwxyz'[n]}`.padEnd(26, '2');
}

export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function sampleEntry(id: string, n: number, extra: Partial<SyncEntry> = {}): SyncEntry {
  return {
    id,
    type: 'totp',
    issuer: `Issuer ${n}`,
    name: `user${n}@example.com`,
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    icon: null,
    tags: [],
    pinned: false,
    sortOrder: n,
    createdAt: T0,
    updatedAt: T0,
    lastUsedAt: null,
    ...extra,
  };
}

export class SimDevice {
  readonly clock: HybridClock;
  readonly log: SyncRecord[] = [];
  /** Every record this device wrote: the engine keeps what it accepted this session in memory. */
  readonly history: SyncRecord[] = [];
  /** For each other device, how much of its log has reached us. */
  readonly received = new Map<SimDevice, SyncRecord[][]>();
  #merged: MergeResult | undefined;

  constructor(
    readonly id: string,
    readonly world: { now: number },
    readonly skewMs: number,
  ) {
    this.clock = new HybridClock(id, () => this.world.now + this.skewMs);
  }

  /** What this device acknowledges: the newest HLC it holds of each other device. */
  seen(): Record<string, string> {
    const seen: Record<string, string> = {};
    for (const [from, prefixes] of this.received) {
      for (const prefix of prefixes)
        for (const r of prefix) if (r.at > (seen[from.id] ?? '')) seen[from.id] = r.at;
    }
    return seen;
  }

  /** Compaction: the device's log replaced by a snapshot; what others already hold stays with them. */
  replaceLog(records: SyncRecord[]): void {
    this.log.splice(0, this.log.length, ...records);
    this.#merged = undefined;
  }

  records(): SyncRecord[] {
    return uniqueRecords([this.log, this.history, ...[...this.received.values()].flat()]);
  }

  state(): MergeResult {
    this.#merged ??= merge(this.records());
    return this.#merged;
  }

  entries(): SyncEntry[] {
    return this.state().accounts.map((a) => a.entry);
  }

  /** Applies a local change (what a person did in the vault) and logs its records. */
  change(edit: (entries: SyncEntry[]) => SyncEntry[]): SyncRecord[] {
    const known = this.entries();
    const otpAt = new Map(this.state().accounts.map((a) => [a.entry.id, a.otpAt]));
    const records = diffEntries(
      known,
      edit(known.map((e) => ({ ...e }))),
      (id) => otpAt.get(id),
      () => this.clock.next(),
    );
    this.log.push(...records);
    this.history.push(...records);
    this.#merged = undefined;
    return records;
  }

  /** A file of `from` arrives: a prefix of its log (a later file may arrive before an earlier one). */
  deliver(from: SimDevice, upTo: number): void {
    const prefix = from.log.slice(0, upTo);
    const list = this.received.get(from) ?? [];
    list.push(prefix);
    this.received.set(from, list);
    for (const record of prefix) this.clock.receive(record.at);
    this.#merged = undefined;
  }
}

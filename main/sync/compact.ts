// Compaction of this device's own log into a snapshot (docs/sync.md § Compaction, § Tombstones).
// Only records the merge can no longer use are dropped, so merging the others' logs with the
// snapshot gives exactly what merging them with the whole log gave:
// - a write of a field superseded by a newer own write of that field;
// - HOTP counters below the highest own counter of the same secret write;
// - every record of an account deleted everywhere once every known device has acknowledged the
//   deletion in its own folder; the tombstone itself only once no other device still holds an
//   older record of the account (else that record would bring it back).
import { newer } from './records';
import type { SyncRecord } from './records';
import type { Hlc } from './hlc';
import { merge } from './merge';

export interface OtherDevice {
  device: string;
  records: readonly SyncRecord[];
  seen: Readonly<Record<string, Hlc>>;
}

/**
 * A tombstone younger than this is kept even when every device acknowledged it: a device that
 * restarts while another's snapshot is still on its way would otherwise read an old record of
 * the account without the tombstone that ends it.
 */
export const TOMBSTONE_MIN_AGE_MS = 90 * 24 * 3600_000;

export function compactOwn(
  device: string,
  own: readonly SyncRecord[],
  others: readonly OtherDevice[],
  now: number,
): SyncRecord[] {
  others = others.filter((o) => o.device !== device);
  const all = [...own, ...others.flatMap((o) => o.records)];
  const { deleted } = merge(all);
  const othersHold = new Set<string>();
  for (const other of others)
    for (const r of other.records) if (r.f !== 'del') othersHold.add(r.id);
  const newestTomb = new Map<string, Hlc>();
  for (const r of all)
    if (r.f === 'del' && r.at > (newestTomb.get(r.id) ?? '')) newestTomb.set(r.id, r.at);

  const acknowledgedByAll = (tomb: Hlc) => {
    const by = tomb.slice(19);
    return others.every(
      (o) => o.device === by || (o.seen[by] !== undefined && o.seen[by]! >= tomb),
    );
  };

  const kept = new Map<string, SyncRecord>();
  for (const record of own) {
    const tomb = newestTomb.get(record.id);
    if (deleted.has(record.id) && tomb !== undefined && acknowledgedByAll(tomb)) {
      if (record.f !== 'del') continue;
      const old = Number(record.at.slice(0, 13)) <= now - TOMBSTONE_MIN_AGE_MS;
      if (old && !othersHold.has(record.id)) continue;
    }
    const slot =
      record.f === 'counter' ? `${record.id}|counter|${record.v.otp}` : `${record.id}|${record.f}`;
    const current = kept.get(slot);
    if (!current || wins(record, current)) kept.set(slot, record);
  }
  return [...kept.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function wins(record: SyncRecord, current: SyncRecord): boolean {
  if (record.f === 'counter' && current.f === 'counter') return record.v.n > current.v.n;
  if (record.f === 'created' && current.f === 'created') return record.v < current.v;
  return newer(record, current);
}

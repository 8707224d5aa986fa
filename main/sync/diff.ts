// Local changes → records, measured against the accounts as last known (docs/sync.md § Applying,
// step 1): every field where an entry differs becomes a record of this device. Which fields and
// how they are written is fields.ts's table; the engine measures against what it applied
// (local-changes.ts), the simulation and tests against a merge.
import type { Entry } from '../vault/entries';
import { creationRecords, differingFields, editRecords } from './fields';
import type { Hlc } from './hlc';
import type { SyncRecord } from './records';

export { creationRecords, otpValue } from './fields';

/**
 * The records that turn `known` into `local`. `otpAt(id)` is the HLC of the secret write the
 * known entry came from (HOTP counter records refer to it); `next()` hands out HLCs.
 */
export function diffEntries(
  known: readonly Entry[],
  local: readonly Entry[],
  otpAt: (id: string) => Hlc | undefined,
  next: (madeAt?: number) => Hlc,
): SyncRecord[] {
  const records: SyncRecord[] = [];
  const knownById = new Map(known.map((e) => [e.id, e]));
  const localIds = new Set(local.map((e) => e.id));
  // Oldest change first: the clock never goes back, so a change stamped after a newer one
  // would claim a later time than it was made (and could beat a deletion it never saw).
  const byTime = [...local].sort((x, y) => x.updatedAt - y.updatedAt);
  for (const entry of byTime) {
    const before = knownById.get(entry.id);
    if (!before) {
      records.push(...creationRecords(entry, next(entry.updatedAt)));
      continue;
    }
    const changed = new Set(differingFields(before, entry));
    // Stamped with when the vault says the entry changed (the engine notices it later).
    const stamp = () => next(entry.updatedAt);
    records.push(
      ...editRecords(entry, changed, { counter: before.counter, otpAt: otpAt(entry.id) }, stamp),
    );
  }
  for (const entry of known) {
    if (!localIds.has(entry.id)) records.push({ at: next(), id: entry.id, f: 'del', v: null });
  }
  return records;
}

// Local changes → records (docs/sync.md § Applying, step 1), measured against what this computer
// applied (applied-state.ts), never against what the folder suggests it knew: a field becomes a
// record only when the vault's value differs from the one sync last saved, and a deletion is
// written only for an account sync saved here and the person then deleted (G1).
import type { Entry } from '../vault/entries';
import { changedFields } from './applied-state';
import type { AppliedState } from './applied-state';
import { creationRecords, editRecords } from './fields';
import type { Hlc } from './hlc';
import type { SyncRecord } from './records';

export function localRecords(
  state: AppliedState,
  local: readonly Entry[],
  next: (madeAt?: number) => Hlc,
): SyncRecord[] {
  const records: SyncRecord[] = [];
  const localIds = new Set(local.map((e) => e.id));
  // Oldest change first: the clock never goes back, so a change stamped after a newer one
  // would claim a later time than it was made (and could beat a deletion it never saw).
  const byTime = [...local].sort((x, y) => x.updatedAt - y.updatedAt);
  for (const entry of byTime) {
    const applied = state.accounts.get(entry.id);
    if (!applied) {
      records.push(...creationRecords(entry, next(entry.updatedAt)));
      continue;
    }
    const changed = new Set(changedFields(applied, entry));
    records.push(...editRecords(entry, changed, applied, () => next(entry.updatedAt)));
  }
  for (const id of state.accounts.keys())
    if (!localIds.has(id)) records.push({ at: next(), id, f: 'del', v: null });
  return records;
}

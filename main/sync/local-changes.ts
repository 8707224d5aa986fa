// Local changes → records (docs/sync.md § Applying, step 1), measured against what this computer
// applied (applied-state.ts), never against what the folder suggests it knew: a field becomes a
// record only when the vault's value differs from the one sync last saved, and a deletion is
// written only for an account sync saved here and the person then deleted (G1).
import type { Entry } from '../vault/entries';
import { changedFields } from './applied-state';
import type { AppliedState } from './applied-state';
import { creationRecords, otpValue } from './diff';
import type { Hlc } from './hlc';
import type { SyncRecord } from './records';
import { entryDomains } from '../vault/entries';

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
    const id = entry.id;
    const stamp = () => next(entry.updatedAt);
    const changed = new Set(changedFields(applied, entry));
    if (changed.has('otp') || entry.counter < applied.counter) {
      // A new secret, new parameters, or a counter set back by hand: a new secret write.
      records.push({ at: stamp(), id, f: 'otp', v: otpValue(entry) });
    } else if (entry.counter > applied.counter) {
      records.push(
        applied.otpAt === undefined
          ? { at: stamp(), id, f: 'otp', v: otpValue(entry) }
          : { at: stamp(), id, f: 'counter', v: { otp: applied.otpAt, n: entry.counter } },
      );
    }
    if (changed.has('issuer')) records.push({ at: stamp(), id, f: 'issuer', v: entry.issuer });
    if (changed.has('name')) records.push({ at: stamp(), id, f: 'name', v: entry.name });
    if (changed.has('tags')) records.push({ at: stamp(), id, f: 'tags', v: [...entry.tags] });
    if (changed.has('pinned')) records.push({ at: stamp(), id, f: 'pinned', v: entry.pinned });
    if (changed.has('order')) records.push({ at: stamp(), id, f: 'order', v: entry.sortOrder });
    if (changed.has('icon')) records.push({ at: stamp(), id, f: 'icon', v: entry.icon });
    if (changed.has('domains'))
      records.push({ at: stamp(), id, f: 'domains', v: [...entryDomains(entry)] });
  }
  for (const id of state.accounts.keys())
    if (!localIds.has(id)) records.push({ at: next(), id, f: 'del', v: null });
  return records;
}

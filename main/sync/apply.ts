// What a merge does to the local vault (docs/sync.md § Applying, step 3): the merged accounts,
// each keeping this computer's own use record (lastUsedAt); an account leaves the vault only
// through a tombstone, so a log file that has not arrived yet (or was compacted before its
// snapshot arrived) never makes an account disappear. The vault's own order is kept; accounts
// new here follow in the merge's order.
import { isDeepStrictEqual } from 'node:util';
import type { Entry } from '../vault/entries';
import type { MergeResult } from './merge';

export interface ApplyPlan {
  next: Entry[];
  added: number;
  changed: number;
  removed: number;
  /** Accounts kept although no log mentions them any more (waiting for a file to arrive). */
  keptUnmentioned: number;
}

export function planApply(local: readonly Entry[], merged: MergeResult): ApplyPlan {
  const mergedById = new Map(merged.accounts.map((a) => [a.entry.id, a.entry]));
  const localIds = new Set(local.map((e) => e.id));
  const plan: ApplyPlan = { next: [], added: 0, changed: 0, removed: 0, keptUnmentioned: 0 };
  for (const mine of local) {
    const theirs = mergedById.get(mine.id);
    if (theirs) {
      const withUse: Entry = { ...theirs, lastUsedAt: mine.lastUsedAt };
      if (sameContent(mine, withUse)) plan.next.push(mine);
      else {
        plan.next.push(withUse);
        plan.changed++;
      }
    } else if (merged.deleted.has(mine.id)) {
      plan.removed++;
    } else {
      plan.next.push(mine);
      plan.keptUnmentioned++;
    }
  }
  for (const { entry } of merged.accounts) {
    if (localIds.has(entry.id)) continue;
    plan.next.push(entry);
    plan.added++;
  }
  return plan;
}

/** Equal but for updatedAt (the vault stamps its own; sync's comes from the HLC). */
export function sameContent(a: Entry, b: Entry): boolean {
  const strip = (e: Entry) => ({ ...e, updatedAt: 0, domains: e.domains ?? [] });
  return isDeepStrictEqual(strip(a), strip(b));
}

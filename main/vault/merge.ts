// Applying a whole-list change on top of what another program saved meanwhile. A caller of
// replaceEntries computed `next` from the entries it saw (`base`); under the write lock the file
// may now hold `current`, with another writer's additions, edits or deletions. The result keeps
// both sides' work, entry by entry (by id): what this caller changed, added or deleted wins for
// those entries; every other entry is as `current` has it. Nothing another writer added is lost.
import { isDeepStrictEqual } from 'node:util';
import type { Entry } from './entries';

export function mergeEntries(
  base: readonly Entry[],
  next: readonly Entry[],
  current: readonly Entry[],
): Entry[] {
  const baseById = new Map(base.map((e) => [e.id, e]));
  const currentById = new Map(current.map((e) => [e.id, e]));
  const nextIds = new Set(next.map((e) => e.id));
  const result: Entry[] = [];
  for (const ours of next) {
    const before = baseById.get(ours.id);
    const theirs = currentById.get(ours.id);
    if (before === undefined) {
      result.push(ours); // added here
    } else if (!isDeepStrictEqual(before, ours)) {
      result.push(ours); // changed here: our version wins, even over their deletion
    } else if (theirs !== undefined) {
      result.push(theirs); // untouched here: as the other writer left it
    }
    // untouched here and deleted there: stays deleted
  }
  for (const theirs of current) {
    // Added by the other writer (not deleted here, since it was never in our base).
    if (!baseById.has(theirs.id) && !nextIds.has(theirs.id)) result.push(theirs);
  }
  return result;
}

/** Whether two lists differ only in use records (lastUsedAt, an HOTP counter). */
export function onlyUsageChanged(before: readonly Entry[], after: readonly Entry[]): boolean {
  const strip = (entries: readonly Entry[]) =>
    entries.map((entry) => ({ ...entry, lastUsedAt: null, counter: 0 }));
  return isDeepStrictEqual(strip(before), strip(after));
}

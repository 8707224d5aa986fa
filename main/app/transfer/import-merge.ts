// An import after its preview: what the window is shown of each entry, and the vault's entries
// once the person's decisions (add, skip, replace, keep both; an accepted issuer spelling) are
// applied. Pure: the import service writes the result in one save, so an import lands whole or not.
import type { ImportDecision, ImportPreview } from '../../../preload/contract';
import type { Classified } from '../../importers/duplicates';
import { importedTags } from '../../importers/types';
import { newEntry } from '../../vault';
import type { Entry } from '../../vault';

/** The preview's rows: labels, duplicates of existing accounts by id, warnings, suggestions. */
export function previewEntries(
  classified: readonly Classified[],
  existing: readonly Entry[],
  suggestIssuer?: (issuer: string) => string | undefined,
): ImportPreview['entries'] {
  return classified.map((item, index) => ({
    index,
    issuer: item.entry.account.issuer,
    name: item.entry.account.name,
    type: item.entry.account.type,
    duplicateOf:
      item.status === 'duplicate' && item.of === 'existing' ? existing[item.index]!.id : null,
    warnings: item.entry.warnings,
    suggestedIssuer: suggestIssuer?.(item.entry.account.issuer),
  }));
}

export interface MergedImport {
  entries: Entry[];
  added: number;
  replaced: number;
  skipped: number;
}

/**
 * The vault's entries with the import applied. Without a decision, new entries are added and
 * duplicates skipped; "replace" overwrites the existing account's key and settings in place.
 */
export function mergeImport(
  existing: readonly Entry[],
  classified: readonly Classified[],
  decisions: readonly ImportDecision[],
  options: { now: number; newId: () => string },
): MergedImport {
  const chosen = new Map(decisions.map((d) => [d.index, d]));
  const { now } = options;
  let entries = [...existing];
  const counts = { added: 0, replaced: 0, skipped: 0 };
  let order = Math.max(0, ...entries.map((e) => e.sortOrder)) + 1;
  for (const [index, item] of classified.entries()) {
    const decision = chosen.get(index);
    const action = decision?.action ?? (item.status === 'duplicate' ? 'skip' : 'add');
    if (action === 'skip') {
      counts.skipped++;
      continue;
    }
    const issuer = decision?.issuer?.trim();
    const account = issuer ? { ...item.entry.account, issuer } : item.entry.account;
    if (action === 'replace' && item.status === 'duplicate' && item.of === 'existing') {
      const target = existing[item.index]!;
      entries = entries.map((e) => (e.id === target.id ? { ...e, ...account, updatedAt: now } : e));
      counts.replaced++;
      continue;
    }
    // Groups become tags; a new account goes last.
    const meta = { tags: importedTags(item.entry), sortOrder: order++ };
    entries.push(newEntry(account, options.newId(), now, meta));
    counts.added++;
  }
  return { entries, ...counts };
}

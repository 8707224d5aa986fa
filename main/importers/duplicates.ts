// Duplicates between an import and the accounts already kept: the same secret for the same kind
// of code (compared as key bytes, so case, spaces and padding do not matter) is the same
// account, whatever its label says. The person chooses per entry: skip it, replace the existing
// account with it, or keep both. Pure functions: the caller writes the result in one save.
import { decodeBase32 } from '../otp';
import type { Account } from '../otp';
import type { ImportedEntry } from './types';

export type DuplicateChoice = 'skip' | 'replace' | 'keep-both';

export type Classified =
  | { status: 'new'; entry: ImportedEntry }
  /** Same secret as `existing[index]`. */
  | { status: 'duplicate'; entry: ImportedEntry; of: 'existing'; index: number }
  /** Same secret as an earlier entry of this import (`entries[index]`), e.g. a code scanned twice. */
  | { status: 'duplicate'; entry: ImportedEntry; of: 'import'; index: number };

/** The identity of an account for duplicate detection: its type and its key bytes. */
export function duplicateKey(account: Account): string {
  let secret: string;
  try {
    secret = Buffer.from(decodeBase32(account.secret)).toString('hex');
  } catch {
    secret = account.secret.toUpperCase(); // Never the case for validated accounts.
  }
  return `${account.type}:${secret}`;
}

export function classifyImport(existing: Account[], entries: ImportedEntry[]): Classified[] {
  const kept = new Map<string, number>();
  existing.forEach((account, index) => {
    const key = duplicateKey(account);
    if (!kept.has(key)) kept.set(key, index);
  });
  const imported = new Map<string, number>();
  return entries.map((entry, index): Classified => {
    const key = duplicateKey(entry.account);
    const existingIndex = kept.get(key);
    if (existingIndex !== undefined) {
      return { status: 'duplicate', entry, of: 'existing', index: existingIndex };
    }
    const earlier = imported.get(key);
    if (earlier !== undefined) return { status: 'duplicate', entry, of: 'import', index: earlier };
    imported.set(key, index);
    return { status: 'new', entry };
  });
}

export interface DuplicateChoices {
  /** For every duplicate without its own choice. */
  default: DuplicateChoice;
  /** Per import entry (its index in the classified list). */
  byEntry?: Record<number, DuplicateChoice>;
}

/**
 * The account list after the import: existing accounts in their order (a replaced one keeps its
 * place), then new entries and kept-both duplicates in import order.
 */
export function mergeImport(
  existing: Account[],
  classified: Classified[],
  choices: DuplicateChoices,
): Account[] {
  const result = [...existing];
  /** Where each import entry ended up in `result`, for repeats within the import. */
  const placed = new Map<number, number>();
  classified.forEach((item, index) => {
    if (item.status === 'new') {
      placed.set(index, result.push(item.entry.account) - 1);
      return;
    }
    const choice = choices.byEntry?.[index] ?? choices.default;
    if (choice === 'skip') return;
    if (choice === 'keep-both') {
      placed.set(index, result.push(item.entry.account) - 1);
      return;
    }
    // A repeat within the import always points at a 'new' entry, which has been placed.
    const target = item.of === 'existing' ? item.index : placed.get(item.index)!;
    result[target] = item.entry.account;
    placed.set(index, target);
  });
  return result;
}

// Turning a foreign entry into an ImportedEntry through the one validation gate (otp/validate):
// an entry that cannot work is skipped with its reason, the rest still import.
import {
  displaySafe,
  displaySafeMultiline,
  LIMITS,
  OtpError,
  parseOtpUri,
  toAccount,
} from '../otp';
import type { AccountInput } from '../otp';
import { ImportError } from './errors';
import type { ImportedEntry, SkippedEntry } from './types';

/**
 * Entries (imported and skipped) one import may hold: far above any real export (a few
 * hundred), low enough that a file of tiny lines cannot flood the vault or the preview.
 */
export const MAX_IMPORT_ENTRIES = 100_000;

export class EntryCollector {
  readonly entries: ImportedEntry[] = [];
  readonly skipped: SkippedEntry[] = [];

  /** Adds one entry given as loose fields; `extra` carries groups and notes. */
  add(input: AccountInput, extra: Omit<ImportedEntry, 'account' | 'warnings'> = {}): void {
    this.guard(labelOf(input, this.count()), () => {
      const { account, warnings } = toAccount(input);
      this.entries.push({ account, warnings, ...cleanExtra(extra, warnings) });
    });
  }

  /** Adds one entry given as an otpauth:// URI. */
  addUri(
    uri: string,
    extra: Omit<ImportedEntry, 'account' | 'warnings'> = {},
    label?: string,
  ): void {
    this.guard(label ?? `entry ${this.count() + 1}`, () => {
      const { account, warnings } = parseOtpUri(uri);
      this.entries.push({ account, warnings, ...cleanExtra(extra, warnings) });
    });
  }

  /** Adds an entry already validated (Google's export decoder runs the gate itself). */
  accept(entry: ImportedEntry): void {
    this.checkCount();
    this.entries.push(entry);
  }

  skip(label: string, reason: string): void {
    this.checkCount();
    this.skipped.push({ label, reason });
  }

  private checkCount(): void {
    if (this.count() >= MAX_IMPORT_ENTRIES) {
      throw new ImportError(
        'too-large',
        `The file holds more than ${MAX_IMPORT_ENTRIES.toLocaleString('en')} entries; no real export has that many. Nothing was imported.`,
      );
    }
  }

  private count(): number {
    return this.entries.length + this.skipped.length;
  }

  private guard(label: string, add: () => void): void {
    this.checkCount();
    try {
      add();
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      this.skipped.push({ label, reason: error.message });
    }
  }
}

/** Groups per entry and characters of a note kept; more is dropped with a warning. */
export const EXTRA_LIMITS = { maxGroups: 64, maxNoteChars: 16_384 } as const;

type Extra = Omit<ImportedEntry, 'account' | 'warnings'>;

/**
 * Groups and notes pass the same cleaning as labels (otp/display-text): a group is one line of
 * at most maxLabelChars, a note keeps its line breaks and tabs, and neither carries escape
 * sequences or direction overrides.
 */
function cleanExtra(extra: Extra, warnings: string[]): Extra {
  const out: Extra = { ...extra };
  delete out.groups;
  delete out.note;
  let changed = false;
  if (extra.groups) {
    const groups: string[] = [];
    for (const raw of extra.groups.slice(0, EXTRA_LIMITS.maxGroups)) {
      const safe = displaySafe(raw.slice(0, LIMITS.maxLabelChars));
      if (safe !== raw.slice(0, LIMITS.maxLabelChars)) changed = true;
      const group = safe.trim();
      if (group && !groups.includes(group)) groups.push(group);
    }
    if (extra.groups.length > EXTRA_LIMITS.maxGroups) {
      warnings.push(
        `The entry had ${extra.groups.length} groups; the first ${EXTRA_LIMITS.maxGroups} were kept.`,
      );
    }
    if (groups.length > 0) out.groups = groups;
  }
  if (extra.note !== undefined) {
    const note = displaySafeMultiline(extra.note.slice(0, EXTRA_LIMITS.maxNoteChars));
    if (extra.note.length > EXTRA_LIMITS.maxNoteChars) {
      warnings.push(`The note was cut to its first ${EXTRA_LIMITS.maxNoteChars} characters.`);
    }
    if (note !== extra.note.slice(0, EXTRA_LIMITS.maxNoteChars)) changed = true;
    if (note.trim()) out.note = note;
  }
  if (changed) {
    warnings.push(
      'The groups or note held control or invisible formatting characters; they were removed.',
    );
  }
  return out;
}

function labelOf(input: AccountInput, index: number): string {
  const issuer = input.issuer?.trim();
  const name = input.name?.trim();
  if (issuer && name) return `${issuer}: ${name}`;
  return issuer || name || `entry ${index + 1}`;
}

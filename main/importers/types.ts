// The shape every importer shares. An importer reads one foreign format; detection picks the
// importer from the content (the file name is only a hint).
import type { Account } from '../otp';

export interface ImportInput {
  /** The file's name, for hints and messages only ("backup.2fas"). */
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportedEntry {
  account: Account;
  /** Things that import but look odd (a weak secret, an issuer mismatch...). */
  warnings: string[];
  /** Folders/groups/tags the source app had for the entry. */
  groups?: string[];
  /** The source app's note or icon hint, where it has one worth keeping. */
  note?: string;
}

/**
 * An imported entry's groups as the vault's tags, bounded like the tags a person types (at most
 * 64, each at most 64 characters, none empty, each once).
 */
export function importedTags(entry: { groups?: readonly string[] | undefined }): string[] {
  const tags = (entry.groups ?? []).filter(Boolean).map((group) => group.slice(0, 64));
  return [...new Set(tags)].slice(0, 64);
}

export interface SkippedEntry {
  /** What the user would recognise the entry by ("GitHub: alice"), or "entry 3". */
  label: string;
  reason: string;
}

export interface ImportResult {
  /** The importer's id ("aegis", "2fas", ...). */
  format: string;
  entries: ImportedEntry[];
  skipped: SkippedEntry[];
  /** File-level things the user should know (a missing part of a multi-code export...). */
  warnings?: string[];
}

export interface Detection {
  /** 0 = not this format; 1 = could be; 2 = certainly (a magic header or a schema that fits). */
  confidence: 0 | 1 | 2;
  /** Whether reading it will need a password. */
  encrypted: boolean;
}

/**
 * What an import is doing. `fraction` is steps done / steps planned, never a guess from elapsed
 * time: a step is one key derivation run (an Aegis slot with one password form, a Bitwarden or
 * Ente key), decrypting the data, or reading the entries. A derivation reports no progress while
 * it runs (its libraries expose none), so a UI shows the stage with an indeterminate bar then.
 */
export type ImportStage = 'deriving-key' | 'decrypting' | 'reading-entries' | 'done';

export interface ImportProgress {
  /** 0 to 1, never decreasing; 1 exactly once, with stage 'done'. */
  fraction: number;
  stage: ImportStage;
}

export interface ImportOptions {
  /**
   * Aborting it cancels the import: an Argon2id derivation under way is stopped by terminating
   * its worker, no further step starts, and read() rejects with ImportError('cancelled').
   */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * A key file that opens the file together with (or instead of) the password: KeePass
   * databases can require one. Formats that take no key file ignore it.
   */
  keyFile?: Uint8Array;
}

export interface Importer {
  id: string;
  /** The app's name as people know it ("Aegis", "2FAS Auth"). */
  label: string;
  detect(input: ImportInput): Detection;
  /**
   * Throws ImportError for a missing or wrong password, for damaged/unsupported files, for key
   * settings too costly to compute ('too-costly') and when cancelled ('cancelled').
   */
  read(input: ImportInput, password?: string, options?: ImportOptions): Promise<ImportResult>;
}

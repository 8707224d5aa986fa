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

export interface Importer {
  id: string;
  /** The app's name as people know it ("Aegis", "2FAS Auth"). */
  label: string;
  detect(input: ImportInput): Detection;
  /** Throws ImportError for a missing or wrong password and for damaged/unsupported files. */
  read(input: ImportInput, password?: string): Promise<ImportResult>;
}

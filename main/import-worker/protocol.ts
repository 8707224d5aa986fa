// What the app (or the CLI) sends the reading worker and what comes back: plain data, copied by
// structured clone. One request per worker: it reads one file and is stopped after answering.
import type {
  ImportInput,
  ImportProgress,
  ImportResult,
  ImportedEntry,
  SkippedEntry,
} from '../importers/types';

export type ReaderRequest =
  | {
      op: 'detect';
      input: ImportInput;
      /** A format the person named: how well the file fits it, and what it looks like if not. */
      format?: string;
    }
  | {
      op: 'read';
      input: ImportInput;
      format?: string;
      password?: string;
      keyFile?: Uint8Array;
    };

export interface DetectedFormat {
  id: string;
  label: string;
  encrypted: boolean;
  /** With a named format: 0 (not it), 1 (could be), 2 (certainly). */
  confidence: 0 | 1 | 2;
  /** With a named format the file does not fit: what the file looks like instead. */
  looksLike?: string;
}

/** An error as it crosses the thread: its class by name, its code when typed. */
export interface SentError {
  name: string;
  message: string;
  code?: string;
}

/**
 * A result's entries and skipped rows come in parts of at most this many, each sent after the
 * caller asked for it ('more'): 100,000 entries in one message took the caller's thread 117 ms to
 * receive; in parts, its event loop runs between them.
 */
export const PART_SIZE = 2_000;
export const MORE = 'more';

export type ReaderReply =
  | { type: 'progress'; progress: ImportProgress }
  /** Part of the result; the last message ('result') carries the rest of it. */
  | { type: 'part'; entries: ImportedEntry[]; skipped: SkippedEntry[] }
  | { type: 'detected'; detected: DetectedFormat }
  | { type: 'result'; result: ImportResult }
  | { type: 'error'; error: SentError };

// What the parent hands a child (one hostile input against one target) and what the child
// answers. Shared by supervise.ts (parent) and runner.ts (child): plain JSON both ways.

/** The entry points under test. */
export type Target =
  /** importFile(): detection from content, then the importer's read (with a password). */
  | 'import'
  /** parseOtpUri() on the file's text. */
  | 'otpauth'
  /** decodeMigrationUri() on the file's text. */
  | 'migration'
  /** scanImageFile(): the image decoder (main/qr/image-file.ts), then the QR scan. */
  | 'image'
  /** parseDirectory() on the file's bytes (the 2FA Directory download). */
  | 'directory'
  /** Vault.open() of the file, then unlock with a passphrase. */
  | 'vault';

export const TARGETS: readonly Target[] = [
  'import',
  'otpauth',
  'migration',
  'image',
  'directory',
  'vault',
];

export interface Job {
  target: Target;
  /** The input on disk (a file, or a FIFO / device for the vault's non-regular files). */
  path: string;
  /** The name the importer sees ("backup.2fas"); hints only. */
  fileName: string;
  password?: string;
  /** A lower wall-clock budget for the reading worker, ms (an input made to overrun it). */
  workerTimeMs?: number;
}

export type Outcome =
  | { kind: 'result'; summary: string }
  | { kind: 'typed-error'; errorName: string; code: string; message: string }
  | { kind: 'untyped-error'; errorName: string; message: string; stack: string };

/** The child's one line of output: the outcome and what it cost. */
export interface ChildReport {
  outcome: Outcome;
  /** Wall time of the run itself (after start-up), ms. */
  ms: number;
  /** CPU time of the whole child (all threads: libuv's pool, workers), ms. */
  cpuMs: number;
  /** Peak resident set size of the child (process.resourceUsage().maxRSS), in KiB. */
  maxRssKiB: number;
  /**
   * For 'import', while the file was read (issue 24; modules are loaded before): the longest the
   * child's main thread was busy between two runs of a 5 ms timer (its event loop held by its
   * own work), ms, measured as that thread's CPU time.
   */
  stallMs?: number;
  /** The same gap in wall-clock time, which also counts waiting for a core on a loaded machine. */
  wallStallMs?: number;
}

/** The marker that starts the child's report line on stdout (importers may print too). */
export const REPORT_MARKER = 'HOSTILE-REPORT ';

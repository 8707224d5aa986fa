// Every bound on reading a foreign file, in one place (docs/security.md § Reading foreign files
// lists them). The file dialog, the CLI, the importers and the reading worker all read these:
// a bound changed here changes everywhere it applies.

const MiB = 1024 * 1024;

/**
 * The largest file any import reads: 32 MiB. Real exports are far smaller (an Aegis vault of
 * 1,000 entries with icons is a few MB; a 4K screenshot of an export QR code as PNG is under
 * 15 MB), and every importer holds the file, its text and its parsed form in memory at once.
 */
export const MAX_IMPORT_BYTES = 32 * MiB;

/**
 * The largest text file read as a list of links: 16 MiB (a million otpauth:// links). A larger
 * text file is refused as too large, not searched for links.
 */
export const MAX_TEXT_BYTES = 16 * MiB;

/**
 * Decompression, wherever an import inflates something (a ZIP entry, a KeePass database's gzip
 * payload and its compressed attachments): the bytes one file may inflate to, all streams of it
 * together, counted while inflating and stopped at the bound; and the most inflated bytes per
 * compressed byte past a floor (JSON, XML and text compress 3–20×; deflate's ceiling, about
 * 1,032×, is reached only by runs of one byte, which is what a bomb is). Images are bounded by
 * their pixels instead (main/qr/image-file.ts: 50 million, 200 MB as RGBA), read from the header.
 */
export const INFLATE_BUDGET = {
  maxBytes: 64 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 1 * MiB,
};

/**
 * The reading worker (main/import-worker): every parse of a foreign file runs in a worker thread
 * under these. The heap bounds V8's old generation (the parsed JSON, XML trees, strings); the
 * young generation and the stack are the worker's own; the time is wall-clock from the worker's
 * start to its answer, key derivations included (the slowest allowed, Argon2 at 8 GiB·passes,
 * takes about 30 s on a loaded 2-core machine). Past any of them the worker is stopped and the
 * import ends with a one-line error; the app's own thread is never the one that runs out.
 */
export const WORKER_BUDGET = {
  heapMiB: 384,
  youngMiB: 32,
  stackMiB: 4,
  timeMs: 60_000,
};

export type WorkerBudget = typeof WORKER_BUDGET;

/** "32 MiB", "1.5 MiB", "900 KiB": sizes in messages. */
export function mib(bytes: number): string {
  if (bytes < MiB) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
}

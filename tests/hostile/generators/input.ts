// One hostile input: how to put it on disk and which entry points must survive it.
import { writeFile } from 'node:fs/promises';
import type { Target } from '../job';
import type { Limits } from '../supervise';

export interface HostileInput {
  /** Unique, "family/what" ("bombs/zip-1gib-accounts"): the test's name. */
  name: string;
  targets: Target[];
  /** The name an importer sees; detection goes by content, so mostly a hint. */
  fileName: string;
  password?: string;
  /** Tighter bounds for this input than the harness's own (the KeePass bombs: 1 GiB, 30 s). */
  limits?: Partial<Limits>;
  /** A lower wall-clock budget for the reading worker, ms (an input made to overrun it). */
  workerTimeMs?: number;
  /**
   * Puts the input at `path` (bytes, a stream, a FIFO) and returns the path the job reads,
   * which may be another one (a device file).
   */
  make(path: string): Promise<string>;
}

/** An input whose content is bytes (or text) made in memory. */
export function bytesInput(
  name: string,
  targets: Target[],
  fileName: string,
  content: () => Uint8Array | string | Promise<Uint8Array | string>,
  password?: string,
): HostileInput {
  return {
    name,
    targets,
    fileName,
    ...(password === undefined ? {} : { password }),
    async make(path) {
      await writeFile(path, await content());
      return path;
    },
  };
}

/** Repeats `unit` to `count` copies without building intermediate arrays. */
export function repeatBytes(unit: Uint8Array, count: number): Buffer {
  const out = Buffer.alloc(unit.length * count);
  for (let i = 0; i < count; i++) out.set(unit, i * unit.length);
  return out;
}

// The downloaded copy of the directory in the app's data folder: one JSON file holding the list
// exactly as the API sent it, with when and from where it was fetched. Keeping the list as sent
// (rather than our reading of it) means a newer TrayOTP reads the same copy with its own rules,
// and the licence's "this permission notice shall be included" is about the data we pass on
// unchanged. Written atomically with the vault's writer: under the name there is always the old
// copy or the new one, whole — a failed download or a bad file never gets this far.
import { readFile, unlink } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../vault/store';
import { DirectoryFormatError } from './errors';
import { parseDirectoryValue } from './parse';
import type { DirectorySnapshot } from './site';

export const CACHE_FILE_NAME = '2fa-directory.json';
const FORMAT = 'trayotp-2fa-directory';
const VERSION = 1;

const header = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  fetchedAt: z.iso.datetime(),
  source: z.string().max(2048),
  totp: z.unknown(),
});

export interface LoadedCopy {
  snapshot: DirectorySnapshot;
  /** Entries of the list that were not usable sites. */
  skipped: number;
}

export type LoadResult =
  | { kind: 'none' }
  | ({ kind: 'loaded' } & LoadedCopy)
  /** A file is there but cannot be used; `problem` says why (it is replaced by the next download). */
  | { kind: 'unusable'; problem: string };

export class DirectoryStore {
  constructor(readonly path: string) {}

  async load(): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
      return {
        kind: 'unusable',
        problem: `The saved copy of the 2FA Directory at ${this.path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      };
    }
    const unusable = (why: string): LoadResult => ({
      kind: 'unusable',
      problem: `The saved copy of the 2FA Directory at ${this.path} is damaged (${why}); it will be replaced by the next download.`,
    });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return unusable('not JSON');
    }
    const file = header.safeParse(raw);
    if (!file.success) return unusable('not a TrayOTP directory copy');
    try {
      const { sites, skipped } = parseDirectoryValue(file.data.totp);
      return {
        kind: 'loaded',
        snapshot: { fetchedAt: file.data.fetchedAt, source: file.data.source, sites },
        skipped,
      };
    } catch (error) {
      if (error instanceof DirectoryFormatError) return unusable(error.message);
      throw error;
    }
  }

  /** Replaces the copy with `list` (already checked by parseDirectory), atomically. */
  async save(list: unknown, fetchedAt: string, source: string): Promise<void> {
    const file = { format: FORMAT, version: VERSION, fetchedAt, source, totp: list };
    await writeFileAtomic(this.path, new TextEncoder().encode(JSON.stringify(file)));
  }

  /** Deletes the copy (the person turned the directory off); no copy is fine. */
  async remove(): Promise<void> {
    await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

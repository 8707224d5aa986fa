// What was decoded from each file in earlier rounds (docs/sync.md § Bounds, G6). A file is known by
// its path and identity (device and inode, size, modification and change times) and the keys it
// was tried with: an unchanged file is never read or decrypted again, a file replaced or rewritten
// is. Failures are kept too, so a 16 MiB garbage file costs one read, not one per round. Entries
// of files no longer listed are dropped at the end of each round.

export class ReadCache {
  #entries = new Map<string, { identity: string; value: unknown }>();
  #touched = new Set<string>();
  /** Lookups answered from the cache, and files decoded anew (for tests and the bench). */
  readonly counts = { hits: 0, misses: 0 };

  get<T>(path: string, identity: string): T | undefined {
    const entry = this.#entries.get(path);
    this.#touched.add(path);
    if (entry && entry.identity === identity) {
      this.counts.hits++;
      return entry.value as T;
    }
    this.counts.misses++;
    return undefined;
  }

  /** Like get, without counting: for what is remembered about a folder, not a file. */
  peek<T>(path: string, identity: string): T | undefined {
    const entry = this.#entries.get(path);
    this.#touched.add(path);
    return entry && entry.identity === identity ? (entry.value as T) : undefined;
  }

  set(path: string, identity: string, value: unknown): void {
    this.#entries.set(path, { identity, value });
    this.#touched.add(path);
  }

  /** Forgets every file not looked up since the last call. */
  endRound(): void {
    for (const path of this.#entries.keys())
      if (!this.#touched.has(path)) this.#entries.delete(path);
    this.#touched.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

// What a vault tells its listeners after each save (issue 26): one event per save that reached
// the disk, with the revision it wrote and what kind of change it was. A save that fails tells
// nobody anything. A save by another program (the `trayotp` command line, another TrayOTP on
// the same file) is one event too, of kind 'external', once this vault sees it: when a save of
// its own re-reads the file under the write lock, or when Vault.refresh finds the file changed.

/** What a save changed. */
export type SaveKind =
  /** The vault's first save: told by whoever created it (nobody listens to it before that). */
  | 'created'
  /** Accounts added (add, addAll). */
  | 'added'
  /** One account's labels or code parameters edited (update). */
  | 'edited'
  /** One account deleted (remove). */
  | 'removed'
  /** The whole list replaced: an undo, a reorder, a merge of followed backups. */
  | 'replaced'
  /** An import confirmed (replaceEntries with kind 'imported'). */
  | 'imported'
  /** Sync applied what other devices recorded, with its own bookkeeping. */
  | 'sync'
  /** A code was used: copied, typed, filled (markUsed). */
  | 'used'
  /** An HOTP counter advanced for the next code (code), which is a use too. */
  | 'counter'
  /** One of the app's secrets in the vault (sync keys, followed backups' state…). */
  | 'secret'
  /** A new master key and slots (the passphrase changed or removed). */
  | 'keys'
  /** The keychain slot bound again to the keychain running now. */
  | 'keychain'
  /** Another program saved the file; this vault now holds what it saved. */
  | 'external';

export interface VaultSaved {
  kind: SaveKind;
  /** The file's revision after the save. */
  revision: number;
}

export type SaveListener = (saved: VaultSaved) => void | Promise<void>;

/**
 * The listeners of one vault. A save waits for them (so a caller that awaited a save finds the
 * window already told); their failures are theirs to report and never fail the save.
 */
export class SaveEvents {
  readonly #listeners = new Set<SaveListener>();

  on(listener: SaveListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async emit(saved: VaultSaved): Promise<void> {
    for (const listener of [...this.#listeners]) {
      try {
        await listener(saved);
      } catch {
        // The save is on disk whatever a listener did; listeners log their own failures.
      }
    }
  }
}

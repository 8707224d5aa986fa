// The vault as the sync engine sees it (SyncVault), in memory, with faults: a save can fail
// before it reaches the disk, or after (the process dies between the vault write and whatever
// the engine meant to do next). Its entries and secrets survive an engine's restart, as a vault
// file does; a failed save leaves them as they were, a save that "crashes after" keeps the write.
import type { Entry } from '../../../../main/vault/entries';

export type VaultFault = 'before-write' | 'after-write' | undefined;

export class MemoryVault {
  entries: readonly Entry[] = [];
  #secrets: Record<string, string> = {};
  /** Set by a test: the next save fails this way, once. */
  fault: VaultFault;

  secret(name: string): string | undefined {
    return Object.hasOwn(this.#secrets, name) ? this.#secrets[name] : undefined;
  }

  async replaceEntries(
    next: Entry[],
    options: { secrets?: Readonly<Record<string, string | undefined>> } = {},
  ): Promise<void> {
    await Promise.resolve();
    const fault = this.fault;
    this.fault = undefined;
    if (fault === 'before-write') throw new Error('model: the vault save failed (crash before)');
    this.entries = next.map((e) => ({ ...e }));
    for (const [name, value] of Object.entries(options.secrets ?? {})) {
      if (value === undefined) delete this.#secrets[name];
      else this.#secrets[name] = value;
    }
    if (fault === 'after-write') throw new Error('model: crash after the vault save');
  }

  /** A backup of the vault file as it is now (entries and secrets). */
  backup(): { entries: readonly Entry[]; secrets: Record<string, string> } {
    return { entries: this.entries.map((e) => ({ ...e })), secrets: { ...this.#secrets } };
  }

  /** The person restores an older backup of the vault. */
  restore(copy: { entries: readonly Entry[]; secrets: Record<string, string> }): void {
    this.entries = copy.entries.map((e) => ({ ...e }));
    this.#secrets = { ...copy.secrets };
  }

  /** What the person does in the app: one save of the entries. */
  edit(change: (entries: Entry[]) => Entry[]): void {
    this.entries = change(this.entries.map((e) => ({ ...e })));
  }
}

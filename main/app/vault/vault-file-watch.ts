// Another program's save of the vault file (the command line, a second TrayOTP), taken in while
// unlocked as soon as it lands: the file is watched, and each change refreshes the vault, one
// refresh at a time (a change noticed during one makes one more after it).
import { watchVaultFile } from '../../vault';
import type { Vault, VaultFileWatch } from '../../vault';
import type { Logger } from '../ports/logger';

export interface ExternalSavesDeps {
  /** How the file is watched (default: fs.watch with a poll, main/vault). */
  watchFile?: VaultFileWatch | undefined;
  /** Takes in what the file holds now. */
  refresh: () => Promise<void>;
  log: Logger;
}

export class ExternalSaves {
  #stop: (() => void) | undefined;
  #refreshing: Promise<void> | undefined;
  #again = false;

  constructor(private readonly deps: ExternalSavesDeps) {}

  /** Starts watching `vault`'s file (once, and only while it is unlocked). */
  watch(vault: Vault): void {
    if (this.#stop || !vault.isUnlocked) return;
    const watch = this.deps.watchFile ?? watchVaultFile;
    this.#stop = watch(vault.path, () => this.#refreshSoon());
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  #refreshSoon(): void {
    if (this.#refreshing) {
      this.#again = true;
      return;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        await this.deps.refresh();
      } while (this.#again);
    })()
      .catch((error: unknown) =>
        this.deps.log.error('reading the vault another program saved', error),
      )
      .finally(() => {
        this.#refreshing = undefined;
      });
  }
}

// The one region selection that can be open at a time: the overlay adapter waits on it, and the
// overlay's IPC calls (regionSelect / regionCancel) settle it.
import type { RegionChoice } from '../ports/region-selector';

export class RegionRequest {
  #settle: ((choice: RegionChoice | undefined) => void) | undefined;

  /** Starts waiting; a selection still open is cancelled first. */
  wait(): Promise<RegionChoice | undefined> {
    this.cancel();
    return new Promise((resolve) => (this.#settle = resolve));
  }

  get open(): boolean {
    return this.#settle !== undefined;
  }

  /** Settles the open selection with a box; false when none was open (a stray message). */
  choose(choice: RegionChoice): boolean {
    return this.#finish(choice);
  }

  cancel(): boolean {
    return this.#finish(undefined);
  }

  #finish(choice: RegionChoice | undefined): boolean {
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.(choice);
    return settle !== undefined;
  }
}

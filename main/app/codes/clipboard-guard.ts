// Copies codes to the clipboard and takes them away again: after N seconds (default 20), on lock
// and on quit. It only ever clears the clipboard while it still holds the code we put there, so
// whatever the user copied since (a password, a paragraph) is never wiped.
import type { Clipboard } from '../ports/clipboard';
import type { Clock, TimerHandle } from '../../time/clock';

export const DEFAULT_CLEAR_AFTER_SECONDS = 20;

export type ClearResult =
  /** The clipboard still held our code and is now empty. */
  | 'cleared'
  /** Nothing of ours was pending (never copied, or already cleared). */
  | 'nothing-to-clear'
  /** The user (or another app) copied something else since: left alone. */
  | 'replaced'
  /** The clipboard could not be read, so it was left alone rather than wiped blindly. */
  | 'unreadable';

export interface ClipboardGuardOptions {
  clipboard: Clipboard;
  clock: Clock;
  /** Seconds until a copied code is cleared; 0 turns the timer off (lock and quit still clear).
   *  A function, so a settings change applies to the next copy without rebuilding the guard. */
  clearAfterSeconds?: number | (() => number);
}

export class ClipboardGuard {
  private ours: string | undefined;
  private timer: TimerHandle | undefined;
  private readonly clearAfter: () => number;

  constructor(private readonly options: ClipboardGuardOptions) {
    const setting = options.clearAfterSeconds ?? DEFAULT_CLEAR_AFTER_SECONDS;
    this.clearAfter = typeof setting === 'function' ? setting : () => setting;
  }

  /** Puts `code` on the clipboard and schedules its removal. A newer copy replaces the older. */
  async copy(code: string): Promise<void> {
    this.cancelTimer();
    await this.options.clipboard.writeText(code);
    this.ours = code;
    const seconds = this.clearAfter();
    if (seconds > 0) {
      this.timer = this.options.clock.setTimeout(() => {
        this.timer = undefined;
        void this.clearIfOurs();
      }, seconds * 1000);
    }
  }

  /** Whether a code we copied may still be on the clipboard (a clear is pending). */
  get holdsCode(): boolean {
    return this.ours !== undefined;
  }

  /** Clears the clipboard if it still holds the code we put there. Used by the timer, lock and quit. */
  async clearIfOurs(): Promise<ClearResult> {
    this.cancelTimer();
    const ours = this.ours;
    if (ours === undefined) return 'nothing-to-clear';
    let current: string;
    try {
      current = await this.options.clipboard.readText();
    } catch {
      return 'unreadable';
    }
    // Another copy of ours may have happened while we awaited the read: that one now owns the
    // clipboard and its own timer.
    if (this.ours !== ours) return 'replaced';
    this.ours = undefined;
    if (current !== ours) return 'replaced';
    await this.options.clipboard.clear();
    return 'cleared';
  }

  private cancelTimer(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

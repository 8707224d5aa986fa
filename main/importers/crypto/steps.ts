// The steps of an import that may take long (key derivations): progress as steps done / steps
// planned, and cancellation checked before every step and raced against the step under way.
import { ImportError } from '../errors';
import type { ImportOptions, ImportStage } from '../types';

export function cancelledError(): ImportError {
  return new ImportError('cancelled', 'The import was cancelled; nothing was imported.');
}

export class ImportSteps {
  readonly #options: ImportOptions;
  #total: number;
  #done = 0;
  #last = -1;

  /** `total` is the number of steps planned; it may shrink when a step makes others needless. */
  constructor(options: ImportOptions | undefined, total: number) {
    this.#options = options ?? {};
    this.#total = Math.max(1, total);
  }

  get signal(): AbortSignal | undefined {
    return this.#options.signal;
  }

  /** Throws ImportError('cancelled') once the signal is aborted. */
  check(): void {
    if (this.#options.signal?.aborted) throw cancelledError();
  }

  /**
   * Runs one step: checks for cancellation, reports the stage with the fraction done before it,
   * and rejects with ImportError('cancelled') as soon as the signal aborts, even while the step's
   * promise is still pending (steps that can be stopped stop themselves through the same signal).
   */
  async step<T>(stage: Exclude<ImportStage, 'done'>, work: () => Promise<T> | T): Promise<T> {
    this.check();
    this.#report(stage);
    const result = await this.#raced(work);
    this.#done = Math.min(this.#done + 1, this.#total);
    return result;
  }

  /** Steps that turned out needless (the slots left once one opened) leave the plan. */
  skip(count: number): void {
    this.#total = Math.max(this.#done, this.#total - count);
  }

  finish(): void {
    this.check();
    this.#done = this.#total;
    this.#report('done');
  }

  #report(stage: ImportStage): void {
    const fraction = stage === 'done' ? 1 : Math.min(this.#done / this.#total, 0.999);
    if (fraction < this.#last) return;
    this.#last = fraction;
    this.#options.onProgress?.({ fraction, stage });
  }

  async #raced<T>(work: () => Promise<T> | T): Promise<T> {
    const signal = this.#options.signal;
    if (!signal) return work();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(cancelledError());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([Promise.resolve().then(work), aborted]);
    } catch (error) {
      // A derivation stopped by the abort rejects with its own error: report the cancellation.
      if (signal.aborted) throw cancelledError();
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }
}

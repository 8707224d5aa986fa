// How long the extension waits before trying TrayOTP again after a connection ended (issue 23,
// R1): 1 s, then twice as long each time, never more than a minute; a connection that gets
// through starts the count again.

export class Backoff {
  #attempt = 0;

  constructor(
    private readonly firstMs = 1000,
    private readonly maxMs = 60_000,
  ) {}

  /** The wait before the next attempt; each call makes the following one longer. */
  next(): number {
    const delay = Math.min(this.maxMs, this.firstMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    return delay;
  }

  /** A connection got through. */
  reset(): void {
    this.#attempt = 0;
  }
}

// Short-lived things the window refers to by id while main keeps the data: a scan's candidates,
// an import being previewed, a deleted account that can still be undone. Each expires, so a
// secret never lingers in memory after the window has moved on.
// Ids are Web Crypto's random UUIDs (the same generator as node:crypto's, without a Node import).
import type { Clock } from '../../time/clock';

export class Sessions<T> {
  readonly #items = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly lifetimeMs: number,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  add(value: T): string {
    this.prune();
    const id = this.newId();
    this.#items.set(id, { value, expiresAt: this.clock.now() + this.lifetimeMs });
    return id;
  }

  get(id: string): T | undefined {
    this.prune();
    return this.#items.get(id)?.value;
  }

  take(id: string): T | undefined {
    const value = this.get(id);
    this.#items.delete(id);
    return value;
  }

  clear(): void {
    this.#items.clear();
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, item] of this.#items) if (item.expiresAt <= now) this.#items.delete(id);
  }
}

// What main pushes to the window (the contract's events), as the services see it: they emit
// plain payloads here; the IPC layer (main/ipc/events.ts) checks each against the contract's
// schema before it reaches the window.
import type { z } from 'zod';
import type { EventName, events } from '../../../preload/contract';

export type EventPayload<E extends EventName> = z.input<(typeof events)[E]>;
export type AppEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class AppEvents {
  readonly #listeners = new Set<AppEventListener>();

  /** Subscribe to every event; returns the unsubscribe function. */
  on(listener: AppEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.#listeners.size > 0;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }
}

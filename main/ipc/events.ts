// Pushed events, main → window: each payload is parsed against the contract's schema for its
// event before it is sent, as method results are in table.ts. Parsing strips fields the
// contract does not list (a secret that slipped into a view never leaves main); a payload that
// does not match is a bug, logged and not sent.
import { channelOf, events } from '../../preload/contract';
import type { EventName } from '../../preload/contract';
import type { z } from 'zod';

export type EventSender = <E extends EventName>(
  event: E,
  payload: z.input<(typeof events)[E]>,
) => void;

export function createEventSender(
  send: (channel: string, payload: unknown) => void,
  log: (message: string, error: unknown) => void,
): EventSender {
  return (event, payload) => {
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) {
      log(`not sending the ${event} event: it does not match the contract`, parsed.error);
      return;
    }
    send(channelOf(event), parsed.data);
  };
}

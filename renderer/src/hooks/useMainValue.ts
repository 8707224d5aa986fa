// A value main keeps and pushes (Settings → Sync's view, the followed folder's status): pulled
// once when the caller mounts, then replaced by every `event` main sends; nothing is set after
// the caller unmounts. One hook for both, so they cannot drift apart.
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { EventName, events, Result } from '../../../preload/contract';
import { api, call } from '../lib/api';

/** What main sends with `event`. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/**
 * `pull` must stay the same between renders (declare it at module level): a new one pulls again.
 * The setter lets the caller show a value a call returned before main's event arrives.
 */
export function useMainValue<E extends EventName>(
  event: E,
  pull: () => Promise<Result<EventPayload<E>>>,
): [EventPayload<E> | null, (value: EventPayload<E>) => void] {
  const [value, setValue] = useState<EventPayload<E> | null>(null);
  useEffect(() => {
    let live = true;
    const off = api().on(event, (next) => {
      if (live) setValue(next);
    });
    void call(pull).then((result) => {
      if (live && result.ok) setValue(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [event, pull]);
  return [value, setValue];
}

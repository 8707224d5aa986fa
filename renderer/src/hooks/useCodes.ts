// The current codes of every account, fetched from main (the window never computes a code: it
// has no secrets). Refetched when a code expires and in the last seconds of a period, when main
// starts sending the next code; the check rides on the window's one clock tick.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CodeView } from '../../../preload/contract';
import { api } from '../lib/api';
import { clockNow, subscribeClock } from '../lib/clock';

/** From this many ms before expiry the window asks for the next code until it arrives. */
export const NEXT_CODE_WINDOW_MS = 5_000;

export type CodeMap = ReadonlyMap<string, CodeView>;

function needsRefresh(codes: CodeMap, now: number): boolean {
  for (const code of codes.values()) {
    if (code.validUntil === null) continue;
    if (now >= code.validUntil) return true;
    if (code.next === null && code.validUntil - now <= NEXT_CODE_WINDOW_MS) return true;
  }
  return false;
}

/** `key` changes (accounts added, removed, unlocked) trigger a refetch. */
export function useCodes(enabled: boolean, key: string): { codes: CodeMap; refresh: () => void } {
  const [codes, setCodes] = useState<CodeMap>(new Map());
  const codesRef = useRef<CodeMap>(codes);
  const inFlight = useRef(false);

  const refresh = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    api()
      .codes()
      .then((list) => {
        const map = new Map(list.map((code) => [code.id, code]));
        codesRef.current = map;
        setCodes(map);
      })
      .catch(() => {
        // Locked in the meantime: the state event will switch to the lock screen.
      })
      .finally(() => {
        inFlight.current = false;
      });
  }, []);

  useEffect(() => {
    if (!enabled) return undefined;
    refresh();
    return subscribeClock(() => {
      if (needsRefresh(codesRef.current, clockNow())) refresh();
    });
  }, [enabled, key, refresh]);

  return { codes: enabled ? codes : new Map(), refresh };
}

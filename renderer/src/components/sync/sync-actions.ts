// Sync's calls over the bridge, and its view: pulled once, then kept by the syncChanged events.
import { useEffect, useState } from 'react';
import type { Result, SyncView } from '../../../../preload/contract';
import { api, call } from '../../lib/api';

export function useSyncView(): [SyncView | null, (view: SyncView) => void] {
  const [view, setView] = useState<SyncView | null>(null);
  useEffect(() => {
    let live = true;
    const off = api().on('syncChanged', (next) => {
      if (live) setView(next);
    });
    void call(() => api().syncStatus()).then((result) => {
      if (live && result.ok) setView(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return [view, setView];
}

/** The error sentence, or the value. */
export async function run<T>(
  action: () => Promise<Result<T>>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const result = await call(action);
  return result.ok ? result : { ok: false, message: result.error.message };
}

/** A clock for countdowns and "minutes ago", ticking every second while shown. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

// Sync's view, pulled once and then kept by the syncChanged events, and the clock its
// countdowns and "minutes ago" read.
import { useEffect, useState } from 'react';
import type { SyncView } from '../../../../preload/contract';
import { useMainValue } from '../../hooks/useMainValue';
import { api } from '../../lib/api';

const pullSyncView = () => api().syncStatus();

export function useSyncView(): [SyncView | null, (view: SyncView) => void] {
  return useMainValue('syncChanged', pullSyncView);
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

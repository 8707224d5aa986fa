// The screenshot for the region selector arrives as an event; main may send it as soon as the
// overlay page has loaded, possibly before React has mounted, so the subscription starts when
// this module is evaluated (before the first render) and keeps the latest image.
import { useSyncExternalStore } from 'react';
import type { z } from 'zod';
import type { events } from '../../../preload/contract';

export type RegionImage = z.output<typeof events.regionImage>;

let latest: RegionImage | null = null;
const listeners = new Set<() => void>();
let started = false;

export function startRegionImageListener(): void {
  if (started) return;
  started = true;
  window.trayotp.on('regionImage', (payload) => {
    latest = payload;
    for (const listener of listeners) listener();
  });
}

export function useRegionImage(): RegionImage | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => latest,
  );
}

// The one timer that drives every countdown in the window. Rows subscribe through useNow();
// the timer fires once per second, aligned to the wall clock's second boundary so every ring
// and every "seconds left" changes together, and stops while the window is hidden (the tray
// window spends most of its life hidden) or nobody is listening.
import { useSyncExternalStore } from 'react';

type Listener = () => void;

const listeners = new Set<Listener>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule() {
  // A few ms past the boundary, so Math.floor(now / 1000) has surely moved on.
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

function tick() {
  timer = undefined;
  now = Date.now();
  for (const listener of listeners) listener();
  if (listeners.size > 0 && !document.hidden) schedule();
}

function onVisibility() {
  if (document.hidden) {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  } else if (timer === undefined && listeners.size > 0) {
    tick();
  }
}

export function subscribeClock(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    document.addEventListener('visibilitychange', onVisibility);
    now = Date.now();
    if (timer === undefined && !document.hidden) schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      document.removeEventListener('visibilitychange', onVisibility);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    }
  };
}

/** The clock's current time in Unix ms (as of the last tick). */
export function clockNow(): number {
  return now;
}

/** The time of the last tick; re-renders the caller once per second. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, clockNow);
}

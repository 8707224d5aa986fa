// After a pick in the picker, the keys must reach the app the person came from, not TrayOTP's
// own window. On Wayland nothing says which window will get the focus back, and the desktop
// may take a moment to hand it over (or show its approval dialog first), so the typing waits
// until our window has lost the focus, for a bounded time: a focus that never leaves means the
// code is copied instead (typeChosenAccount's own-window check), never typed into our window.
import type { Clock } from '../../time/clock';
import { sleep } from '../../time/clock';
import type { TrayWindow } from '../ports/window';

/** How long TrayOTP waits for its window to lose the focus after a pick. */
export const FOCUS_LOSS_MS = 1500;
/** How often the focus is looked at meanwhile. */
export const FOCUS_POLL_MS = 25;

/**
 * Resolves true once `window` no longer has the focus (at once when it has none, or when the
 * window cannot say), false when it still has it after `boundMs`.
 */
export async function waitForFocusLoss(
  window: Pick<TrayWindow, 'isFocused'>,
  clock: Clock,
  boundMs = FOCUS_LOSS_MS,
): Promise<boolean> {
  if (!window.isFocused) return true;
  const start = clock.now();
  while (window.isFocused()) {
    const left = boundMs - (clock.now() - start);
    if (left <= 0) return false;
    await sleep(clock, Math.min(FOCUS_POLL_MS, left));
  }
  return true;
}

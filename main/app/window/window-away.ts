// Before typing into, or capturing, what is behind the tray window, the window goes.
import type { Clock } from '../../time/clock';
import { sleep } from '../../time/clock';
import type { TrayWindow } from '../ports/window';

/** The compositor takes a frame or two to take a window off the screen, and the window manager
 * as long to give the focus back to the window before it. */
export const WINDOW_GONE_MS = 150;

/** Hides the window; when it was showing, waits until it is gone. */
export async function getOutOfTheWay(window: TrayWindow, clock: Clock): Promise<void> {
  const visible = window.isVisible?.() ?? false;
  window.hide();
  if (visible) await sleep(clock, WINDOW_GONE_MS);
}

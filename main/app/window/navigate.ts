// Showing the window on a view (the `navigate` event): the hotkey's picker opens where the
// person is looking, every other view at the tray icon.
import type { TrayWindow, ViewName } from '../ports/window';
import type { AppEvents } from './app-events';

export type Navigate = (
  view: ViewName,
  options?: { accountId?: string | undefined; pickerToken?: string },
) => void;

export function navigator(window: TrayWindow, events: AppEvents): Navigate {
  return (view, options = {}) => {
    window.show({ nearCursor: view === 'picker' });
    const { accountId, pickerToken } = options;
    events.emit('navigate', {
      view,
      ...(accountId && { accountId }),
      ...(pickerToken && { pickerToken }),
    });
  };
}

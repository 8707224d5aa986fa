// Which view the tray window shows, and what moves it: main's 'navigate', 'scanned' and
// 'browserBindSite' events, and Escape (back to the codes list from any other view).
import { useCallback, useEffect, useState } from 'react';
import type { Result, ScanResult } from '../../../preload/contract';
import { api } from '../lib/api';

export type View =
  | { name: 'codes'; activeId?: string }
  /**
   * The hotkey's picker; its token ties the choice to the window the hotkey was pressed in. It
   * opens on main's candidate (the best match, or on Wayland the last choice: issue 27).
   */
  | { name: 'picker'; pickerToken?: string; activeId?: string }
  | { name: 'add'; scan?: Result<ScanResult> }
  | { name: 'enrol'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'code-help'; id: string }
  | { name: 'import' }
  | { name: 'export' }
  | { name: 'settings' }
  | { name: 'setup' }
  /** A site the browser extension found unbound: the person chooses its account. */
  | { name: 'bind'; domain: string; wholeSite?: string | null | undefined };

export function useWindowView(): {
  view: View;
  setView: (view: View) => void;
  back: () => void;
} {
  const [view, setView] = useState<View>({ name: 'codes' });

  useEffect(
    () =>
      api().on('navigate', (event) => {
        switch (event.view) {
          case 'enrol':
            if (event.accountId) setView({ name: 'enrol', id: event.accountId });
            break;
          case 'picker':
            setView({
              name: 'picker',
              ...(event.pickerToken && { pickerToken: event.pickerToken }),
              ...(event.accountId && { activeId: event.accountId }),
            });
            break;
          case 'codes':
          case 'add':
          case 'import':
          case 'settings':
            setView({ name: event.view } as View);
            break;
          default:
        }
      }),
    [],
  );
  useEffect(() => api().on('scanned', (scan) => setView({ name: 'add', scan })), []);
  useEffect(
    () =>
      api().on('browserBindSite', ({ domain, wholeSite }) =>
        setView({ name: 'bind', domain, wholeSite }),
      ),
    [],
  );

  const back = useCallback(() => setView({ name: 'codes' }), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && view.name !== 'codes') {
        event.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.name, back]);

  return { view, setView, back };
}

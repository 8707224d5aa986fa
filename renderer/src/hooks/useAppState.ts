// The app state main pushes ('state' events), with a pull on start and after each change the
// window makes, so the view is right even if an event was missed while the window was hidden.
import { useCallback, useEffect, useState } from 'react';
import type { AppState } from '../../../preload/contract';
import { api } from '../lib/api';

export function useAppState(): { state: AppState | null; refresh: () => Promise<void> } {
  const [state, setState] = useState<AppState | null>(null);

  const refresh = useCallback(async () => {
    setState(await api().getState());
  }, []);

  useEffect(() => {
    let live = true;
    const off = api().on('state', (next) => {
      if (live) setState(next);
    });
    void api()
      .getState()
      .then((next) => {
        if (live) setState(next);
      });
    return () => {
      live = false;
      off();
    };
  }, []);

  return { state, refresh };
}

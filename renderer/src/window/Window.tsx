// The tray window: the lock screen until the vault is open, then the codes list or the view
// reached from its header (add, import, export, settings) or pushed by main ('navigate').
import { useEffect, useMemo, useRef } from 'react';
import { useAppState } from '../hooks/useAppState';
import { useCodes } from '../hooks/useCodes';
import { useTheme } from '../hooks/useTheme';
import { LockView } from '../views/LockView';
import { useAccountActions } from './account-actions';
import { CodesWindow } from './CodesWindow';
import { CurrentView, isCurrentView } from './CurrentView';
import { useWindowView } from './view-state';

export function Window() {
  const { state, refresh } = useAppState();
  const { view, setView, back } = useWindowView();
  const searchRef = useRef<HTMLInputElement>(null);
  const unlocked = state?.vault === 'unlocked';
  const accounts = useMemo(() => state?.accounts ?? [], [state]);
  const accountsKey = useMemo(() => accounts.map((a) => a.id).join(','), [accounts]);
  // A new clock correction changes every code now, not at the end of its period.
  const codesKey = `${accountsKey}@${state?.clock.offsetInUseMs ?? 0}`;
  const { codes, refresh: refreshCodes } = useCodes(unlocked, codesKey);
  useTheme(state?.settings.theme);

  // The window is shown and hidden, not re-created: each time it comes back, search has focus.
  useEffect(() => {
    const onFocus = () => searchRef.current?.focus();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  const accountActions = useAccountActions({ view, setView, refresh, refreshCodes });

  if (!state) {
    return (
      <main className="loading">
        <h1 className="visually-hidden">TrayOTP</h1>
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (!unlocked) return <LockView key={state.vault} state={state} />;

  const shared = { view, setView, back, state, accounts, codes, searchRef };
  if (isCurrentView(view, accounts)) {
    return <CurrentView {...shared} {...{ refresh, refreshCodes, accountActions }} />;
  }
  return <CodesWindow {...shared} actions={accountActions.actions} />;
}

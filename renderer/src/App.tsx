// The tray window: the lock screen until the vault is open, then the codes list and the views
// reached from its header (add, import, export, settings) or pushed by main ('navigate').
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountView, Result, ScanResult } from '../../preload/contract';
import { BindSiteView } from './components/browser/BindSiteView';
import { PairingPrompt } from './components/browser/PairingPrompt';
import { NotifyProvider, useNotify } from './components/Toasts';
import { VaultBanners } from './components/VaultBanners';
import { useAppState } from './hooks/useAppState';
import { useCodes } from './hooks/useCodes';
import { api, call } from './lib/api';
import { accountLabel } from './lib/format';
import { AddView } from './views/AddView';
import { AppClockBanner } from './components/clock/AppClockBanner';
import { CodeHelpView } from './views/CodeHelpView';
import { CodesView } from './views/CodesView';
import type { CodesActions } from './views/CodesView';
import { EditView } from './views/EditView';
import { EnrolView } from './views/EnrolView';
import { ExportView } from './views/ExportView';
import { ImportView } from './views/ImportView';
import { LockView } from './views/LockView';
import { SettingsView } from './views/SettingsView';
import { SetupView } from './views/SetupView';
import { plural } from './lib/plural';

type View =
  | { name: 'codes'; activeId?: string }
  /** The hotkey's picker; its token ties the choice to the window the hotkey was pressed in. */
  | { name: 'picker'; pickerToken?: string }
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

function useTheme(theme: 'system' | 'light' | 'dark' | undefined) {
  useEffect(() => {
    document.documentElement.dataset.theme = theme ?? 'system';
  }, [theme]);
}

function Window() {
  const { state, refresh } = useAppState();
  const [view, setView] = useState<View>({ name: 'codes' });
  const { toast } = useNotify();
  const searchRef = useRef<HTMLInputElement>(null);
  const unlocked = state?.vault === 'unlocked';
  const accounts = useMemo(() => state?.accounts ?? [], [state]);
  const accountsKey = useMemo(() => accounts.map((a) => a.id).join(','), [accounts]);
  // A new clock correction changes every code now, not at the end of its period.
  const codesKey = `${accountsKey}@${state?.clock.offsetInUseMs ?? 0}`;
  const { codes, refresh: refreshCodes } = useCodes(unlocked, codesKey);
  useTheme(state?.settings.theme);

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
            });
            break;
          case 'codes':
          case 'add':
          case 'import':
          case 'settings':
            setView({ name: event.view } as View);
            break;
          default:
            // Every view main may name (preload/views/navigation.ts) is handled above.
            event.view satisfies never;
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

  // The window is shown and hidden, not re-created: each time it comes back, search has focus.
  useEffect(() => {
    const onFocus = () => searchRef.current?.focus();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

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

  const copy = useCallback(
    async (account: AccountView) => {
      const result = await call(() => api().copyCode(account.id));
      if (!result.ok) return toast({ message: result.error.message });
      const seconds = result.value.clearsInSeconds;
      toast({
        message:
          `Copied the ${account.issuer || account.name} code.` +
          (seconds > 0 ? ` The clipboard clears in ${plural(seconds, 'second')}.` : ''),
      });
    },
    [toast],
  );

  const typeCode = useCallback(
    async (account: AccountView, pickerToken?: string) => {
      const result = await call(() => api().typeCode(account.id, pickerToken));
      if (!result.ok) toast({ message: result.error.message });
      setView({ name: 'codes' });
    },
    [toast],
  );

  const remove = useCallback(
    async (account: AccountView) => {
      const result = await call(() => api().removeAccount(account.id));
      if (!result.ok) return toast({ message: result.error.message });
      setView({ name: 'codes' });
      await refresh();
      const token = result.value.undoToken;
      toast({
        message: `Deleted ${accountLabel(account)}.`,
        action: {
          label: 'Undo',
          run: () => {
            void call(() => api().undoRemove(token)).then(async (undone) => {
              if (!undone.ok) toast({ message: undone.error.message });
              else {
                await refresh();
                setView({ name: 'codes', activeId: undone.value.id });
                toast({ message: `Restored ${accountLabel(undone.value)}.` });
              }
            });
          },
        },
      });
    },
    [toast, refresh],
  );

  const actions: CodesActions = useMemo(
    () => ({
      choose: (account) =>
        void (view.name === 'picker' ? typeCode(account, view.pickerToken) : copy(account)),
      edit: (account) => setView({ name: 'edit', id: account.id }),
      togglePin: (account) =>
        void call(() => api().updateAccount(account.id, { pinned: !account.pinned })).then(
          (result) => {
            if (!result.ok) toast({ message: result.error.message });
            return refresh();
          },
        ),
      reorder: (ids) =>
        void call(() => api().reorder(ids)).then((result) => {
          if (!result.ok) toast({ message: result.error.message });
          return refresh();
        }),
      nextHotp: (account) =>
        void call(() => api().nextHotp(account.id)).then((result) => {
          if (!result.ok) toast({ message: result.error.message });
          refreshCodes();
        }),
      hide: () => void api().hideWindow(),
      setup: () => setView({ name: 'setup' }),
    }),
    [view, typeCode, copy, toast, refresh, refreshCodes],
  );

  if (!state) {
    return (
      <main className="loading">
        <h1 className="visually-hidden">TrayOTP</h1>
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (!unlocked) return <LockView key={state.vault} state={state} />;

  const find = (id: string) => accounts.find((a) => a.id === id);

  switch (view.name) {
    case 'add':
      return (
        <AddView
          pushedScan={view.scan}
          onClose={back}
          onSetup={() => setView({ name: 'setup' })}
          onAdded={(account, warnings) => {
            void refresh();
            setView({ name: 'codes', activeId: account.id });
            toast({ message: [`Added ${accountLabel(account)}.`, ...warnings].join(' ') });
          }}
          onEnrol={(added) => {
            void refresh();
            if (added.length === 1) setView({ name: 'enrol', id: added[0]!.id });
            else {
              setView({ name: 'codes' });
              toast({ message: `Added ${plural(added.length, 'account')}.` });
            }
          }}
        />
      );
    case 'enrol': {
      const account = find(view.id);
      if (!account) break;
      return (
        <EnrolView
          account={account}
          code={codes.get(account.id)}
          onCopy={(a) => void copy(a)}
          onDone={() => setView({ name: 'codes', activeId: account.id })}
          clock={state.clock}
        />
      );
    }
    case 'edit': {
      const account = find(view.id);
      if (!account) break;
      return (
        <EditView
          account={account}
          onClose={() => setView({ name: 'codes', activeId: account.id })}
          onDelete={(a) => void remove(a)}
          onCodeHelp={(a) => setView({ name: 'code-help', id: a.id })}
          onSaved={(saved) => {
            void refresh();
            // New code parameters change the code now, not at the end of its period.
            refreshCodes();
            setView({ name: 'codes', activeId: saved.id });
            toast({ message: `Saved ${accountLabel(saved)}.` });
          }}
        />
      );
    }
    case 'code-help': {
      const account = find(view.id);
      if (!account) break;
      return (
        <CodeHelpView account={account} onClose={() => setView({ name: 'edit', id: account.id })} />
      );
    }
    case 'import':
      return (
        <ImportView
          onClose={back}
          onDone={(summary) => {
            void refresh();
            back();
            toast({ message: summary });
          }}
        />
      );
    case 'export':
      return (
        <ExportView
          onClose={back}
          onDone={(message) => {
            back();
            toast({ message });
          }}
        />
      );
    case 'settings':
      return <SettingsView state={state} onClose={back} />;
    case 'bind':
      return (
        <BindSiteView
          {...{
            domain: view.domain,
            wholeSite: view.wholeSite,
            accounts,
            codes,
            actions,
            searchRef,
          }}
          onDone={(bound) => setView({ name: 'codes', ...(bound && { activeId: bound.id }) })}
        />
      );
    case 'setup':
      return (
        <SetupView
          onClose={back}
          onScanned={(scan) => setView({ name: 'add', scan })}
          onChanged={() => void refresh()}
        />
      );
    default:
  }

  const picker = view.name === 'picker';
  return (
    <main className="codes-window">
      <header className="app-header">
        <h1>{picker ? 'Type a code' : 'TrayOTP'}</h1>
        <nav aria-label="Main">
          {picker ? (
            <button type="button" onClick={back}>
              Cancel
            </button>
          ) : (
            <>
              <button type="button" onClick={() => setView({ name: 'add' })}>
                Add
              </button>
              <button type="button" onClick={() => setView({ name: 'import' })}>
                Import
              </button>
              <button type="button" onClick={() => setView({ name: 'export' })}>
                Export
              </button>
              <button type="button" onClick={() => setView({ name: 'settings' })}>
                Settings
              </button>
              <button type="button" onClick={() => void api().lock()}>
                Lock
              </button>
            </>
          )}
        </nav>
      </header>
      <VaultBanners state={state} />
      <AppClockBanner clock={state.clock} />
      <CodesView
        key={view.name}
        accounts={accounts}
        codes={codes}
        actions={actions}
        chooseLabel={picker ? 'Type' : 'Copy'}
        searchRef={searchRef}
        initialActiveId={view.name === 'codes' ? view.activeId : undefined}
      />
    </main>
  );
}

export function App() {
  return (
    <NotifyProvider>
      <Window />
      <PairingPrompt />
    </NotifyProvider>
  );
}

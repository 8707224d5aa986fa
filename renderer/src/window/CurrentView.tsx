// Every view of the window but the codes list: the one `view` names, wired to what it needs and
// to where it leads when it is done.
import type { RefObject } from 'react';
import type { AccountView, AppState } from '../../../preload/contract';
import { BindSiteView } from '../components/browser/BindSiteView';
import { useNotify } from '../components/Toasts';
import type { CodeMap } from '../hooks/useCodes';
import { accountLabel } from '../lib/format';
import { plural } from '../lib/plural';
import { AddView } from '../views/add/AddView';
import { CodeHelpView } from '../views/CodeHelpView';
import type { CodesActions } from '../views/codes/CodesView';
import { EditView } from '../views/EditView';
import { EnrolView } from '../views/EnrolView';
import { ExportView } from '../views/ExportView';
import { ImportView } from '../views/import/ImportView';
import { SettingsView } from '../views/settings/SettingsView';
import { SetupView } from '../views/setup/SetupView';
import type { View } from './view-state';

/** The account a view is about, if it is about one. */
function accountOf(view: View, accounts: readonly AccountView[]): AccountView | undefined {
  return 'id' in view ? accounts.find((a) => a.id === view.id) : undefined;
}

/**
 * Whether CurrentView shows `view`: not the codes list or the picker, nor a view about an account
 * that is gone (deleted meanwhile, perhaps by sync); the codes list is shown for those.
 */
export function isCurrentView(view: View, accounts: readonly AccountView[]): boolean {
  if (view.name === 'codes' || view.name === 'picker') return false;
  return !('id' in view) || accountOf(view, accounts) !== undefined;
}

export function CurrentView({
  view,
  setView,
  back,
  state,
  accounts,
  codes,
  refresh,
  refreshCodes,
  accountActions: { copy, remove, actions },
  searchRef,
}: {
  view: View;
  setView: (view: View) => void;
  back: () => void;
  state: AppState;
  accounts: readonly AccountView[];
  codes: CodeMap;
  refresh: () => Promise<void>;
  refreshCodes: () => void;
  accountActions: {
    copy: (account: AccountView) => Promise<void>;
    remove: (account: AccountView) => Promise<void>;
    actions: CodesActions;
  };
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { toast } = useNotify();
  const account = accountOf(view, accounts);
  switch (view.name) {
    case 'add':
      return (
        <AddView
          pushedScan={view.scan}
          onClose={back}
          onSetup={() => setView({ name: 'setup' })}
          onAdded={(added, warnings) => {
            void refresh();
            setView({ name: 'codes', activeId: added.id });
            toast({ message: [`Added ${accountLabel(added)}.`, ...warnings].join(' ') });
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
    case 'enrol':
      return account ? (
        <EnrolView
          account={account}
          code={codes.get(account.id)}
          onCopy={(a) => void copy(a)}
          onDone={() => setView({ name: 'codes', activeId: account.id })}
          clock={state.clock}
        />
      ) : null;
    case 'edit':
      return account ? (
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
      ) : null;
    case 'code-help':
      return account ? (
        <CodeHelpView account={account} onClose={() => setView({ name: 'edit', id: account.id })} />
      ) : null;
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
      return null;
  }
}

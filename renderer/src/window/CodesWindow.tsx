// The window's home: the codes list under the main navigation (Add, Import, Export, Settings,
// Lock) and the vault's and the clock's banners. As the hotkey's picker it says "Type a code"
// and offers only Cancel.
import type { RefObject } from 'react';
import type { AccountView, AppState } from '../../../preload/contract';
import { AppClockBanner } from '../components/clock/AppClockBanner';
import { VaultBanners } from '../components/VaultBanners';
import { WindowFrame } from '../components/WindowFrame';
import type { CodeMap } from '../hooks/useCodes';
import { api } from '../lib/api';
import { CodesView } from '../views/codes/CodesView';
import type { CodesActions } from '../views/codes/CodesView';
import type { View } from './view-state';

export function CodesWindow({
  view,
  setView,
  back,
  state,
  accounts,
  codes,
  actions,
  searchRef,
}: {
  view: View;
  setView: (view: View) => void;
  back: () => void;
  state: AppState;
  accounts: readonly AccountView[];
  codes: CodeMap;
  actions: CodesActions;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const picker = view.name === 'picker';
  return (
    <WindowFrame
      title={picker ? 'Type a code' : 'TrayOTP'}
      nav={
        picker ? (
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
        )
      }
    >
      <VaultBanners state={state} />
      <AppClockBanner clock={state.clock} />
      <CodesView
        key={view.name}
        accounts={accounts}
        codes={codes}
        actions={actions}
        chooseLabel={picker ? 'Type' : 'Copy'}
        searchRef={searchRef}
        initialActiveId={
          view.name === 'codes' || view.name === 'picker' ? view.activeId : undefined
        }
      />
    </WindowFrame>
  );
}

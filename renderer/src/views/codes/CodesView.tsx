// The codes list with its search box: the view the window opens on. Search is a combobox that
// keeps focus while arrows move the active row (aria-activedescendant), so typing, moving and
// Enter to copy never leave the keyboard. The list is a listbox, virtualized.
import { useEffect } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { AccountView } from '../../../../preload/contract';
import { AccountRow } from '../../components/AccountRow';
import { VirtualList } from '../../components/VirtualList';
import type { CodeMap } from '../../hooks/useCodes';
import { EmptyList } from './EmptyList';
import { onListKey } from './list-keys';
import { RowActions } from './RowActions';
import { SearchBox } from './SearchBox';
import { useCodesList } from './useCodesList';
import './codes-view.css';

export const ROW_REM = 4;

export interface CodesActions {
  choose: (account: AccountView) => void;
  edit: (account: AccountView) => void;
  togglePin: (account: AccountView) => void;
  reorder: (ids: string[]) => void;
  /** HOTP: advance the counter for a new code. */
  nextHotp: (account: AccountView) => void;
  hide: () => void;
  /** Opens "Set up two-step" (where each site keeps its two-step settings). */
  setup?: () => void;
}

export function CodesView({
  accounts,
  codes,
  actions,
  chooseLabel,
  searchRef,
  initialActiveId,
}: {
  accounts: readonly AccountView[];
  codes: CodeMap;
  actions: CodesActions;
  chooseLabel: string;
  searchRef: RefObject<HTMLInputElement | null>;
  initialActiveId?: string | undefined;
}) {
  const list = useCodesList(accounts, actions, initialActiveId);
  const { query, visible, active, activeIndex } = list;

  useEffect(() => {
    searchRef.current?.focus();
  }, [searchRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) =>
    onListKey(event, {
      inSearch: event.currentTarget === searchRef.current,
      count: visible.length,
      move: list.move,
      reorderActive: list.reorderActive,
      choose: () => {
        if (active) actions.choose(active);
      },
      query,
      clearQuery: () => list.setQuery(''),
      hide: actions.hide,
    });

  const listId = 'accounts-list';
  const activeDescendant = active ? `account-${active.id}` : undefined;
  const count = visible.length;

  return (
    <section className="codes-view" aria-label="Codes">
      <SearchBox
        {...{ searchRef, listId, activeDescendant, query, onKeyDown }}
        onSearch={list.search}
      />
      <EmptyList accounts={accounts.length} shown={count} query={query} onSetup={actions.setup} />
      <VirtualList
        id={listId}
        role="listbox"
        aria-label={`Accounts, ${count} shown`}
        tabIndex={0}
        aria-activedescendant={activeDescendant}
        count={count}
        rowRem={ROW_REM}
        activeIndex={activeIndex}
        onKeyDown={onKeyDown}
        hidden={count === 0}
        renderRow={(index, style) => {
          const account = visible[index]!;
          return (
            <AccountRow
              key={account.id}
              account={account}
              code={codes.get(account.id)}
              index={index}
              count={count}
              active={index === activeIndex}
              top={style.top}
              height={style.height}
              draggable={!query}
              onActivate={list.setActiveId}
              {...list.rowHandlers}
            />
          );
        }}
      />
      {active && (
        <RowActions
          {...{ active, codes, actions, chooseLabel }}
          reorderActive={list.reorderActive}
          searching={Boolean(query)}
        />
      )}
    </section>
  );
}

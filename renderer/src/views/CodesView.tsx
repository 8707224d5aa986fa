// The codes list with its search box: the view the window opens on. Search is a combobox that
// keeps focus while arrows move the active row (aria-activedescendant), so typing, moving and
// Enter to copy never leave the keyboard. The list is a listbox, virtualized.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { AccountView } from '../../../preload/contract';
import { AccountRow } from '../components/AccountRow';
import { VirtualList } from '../components/VirtualList';
import type { CodeMap } from '../hooks/useCodes';
import { accountLabel } from '../lib/format';
import { fuzzyFilter } from '../lib/fuzzy';

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

/** Pinned accounts first, otherwise the user's order. */
export function displayOrder(accounts: readonly AccountView[]): AccountView[] {
  return [...accounts.filter((a) => a.pinned), ...accounts.filter((a) => !a.pinned)];
}

function moveWithinGroup(order: AccountView[], id: string, delta: -1 | 1): string[] | null {
  const from = order.findIndex((a) => a.id === id);
  const to = from + delta;
  const moving = order[from];
  const other = order[to];
  if (!moving || !other || moving.pinned !== other.pinned) return null;
  const ids = order.map((a) => a.id);
  ids[from] = other.id;
  ids[to] = moving.id;
  return ids;
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
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const ordered = useMemo(() => displayOrder(accounts), [accounts]);
  const visible = useMemo(() => fuzzyFilter(ordered, deferredQuery), [ordered, deferredQuery]);
  const [activeId, setActiveId] = useState<string | undefined>(initialActiveId);
  const dragId = useRef<string | null>(null);

  const activeIndex = Math.max(
    0,
    visible.findIndex((a) => a.id === activeId),
  );
  const active = visible[activeIndex];

  useEffect(() => {
    searchRef.current?.focus();
  }, [searchRef]);

  // While idle, build the search's lower-cased fields and warm its code, so the first keystroke
  // into a 1,000-account list fits a frame too (npm run bench:ui measures it).
  useEffect(() => {
    const handle = requestIdleCallback(() => fuzzyFilter(ordered, 'e'));
    return () => cancelIdleCallback(handle);
  }, [ordered]);

  const move = useCallback(
    (delta: number) => {
      if (visible.length === 0) return;
      const next = Math.min(visible.length - 1, Math.max(0, activeIndex + delta));
      setActiveId(visible[next]?.id);
    },
    [visible, activeIndex],
  );

  const reorderActive = (delta: -1 | 1) => {
    if (!active || query) return;
    const ids = moveWithinGroup(ordered, active.id, delta);
    if (!ids) return;
    // The moved account stays the active one wherever it lands.
    setActiveId(active.id);
    actions.reorder(ids);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const inSearch = event.currentTarget === searchRef.current;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      reorderActive(event.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        return;
      case 'PageDown':
        event.preventDefault();
        move(8);
        return;
      case 'PageUp':
        event.preventDefault();
        move(-8);
        return;
      case 'Home':
        if (!inSearch) {
          event.preventDefault();
          move(-visible.length);
        }
        return;
      case 'End':
        if (!inSearch) {
          event.preventDefault();
          move(visible.length);
        }
        return;
      case 'Enter':
        event.preventDefault();
        if (active) actions.choose(active);
        return;
      case 'Escape':
        event.preventDefault();
        if (query) setQuery('');
        else actions.hide();
        return;
      default:
    }
  };

  const onDrop = useCallback(
    (targetId: string) => {
      const from = dragId.current;
      dragId.current = null;
      if (!from || from === targetId || query) return;
      const moving = ordered.find((a) => a.id === from);
      const target = ordered.find((a) => a.id === targetId);
      if (!moving || !target || moving.pinned !== target.pinned) return;
      const ids = ordered.map((a) => a.id).filter((id) => id !== from);
      const at = ids.indexOf(targetId);
      const fromIndex = ordered.findIndex((a) => a.id === from);
      const targetIndex = ordered.findIndex((a) => a.id === targetId);
      ids.splice(fromIndex < targetIndex ? at + 1 : at, 0, from);
      actions.reorder(ids);
    },
    [ordered, query, actions],
  );
  const onDragStart = useCallback((id: string) => {
    dragId.current = id;
  }, []);
  const onChoose = useCallback(
    (id: string) => {
      const account = ordered.find((a) => a.id === id);
      if (account) {
        setActiveId(id);
        actions.choose(account);
      }
    },
    [ordered, actions],
  );

  const onShowCode = useCallback(
    (id: string) => {
      const account = ordered.find((a) => a.id === id);
      if (account) {
        setActiveId(id);
        actions.nextHotp(account);
      }
    },
    [ordered, actions],
  );

  const listId = 'accounts-list';
  const activeDescendant = active ? `account-${active.id}` : undefined;
  const count = visible.length;

  return (
    <section className="codes-view" aria-label="Codes">
      <div className="search">
        <input
          ref={searchRef}
          type="search"
          role="combobox"
          aria-label="Search accounts"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={activeDescendant}
          aria-autocomplete="list"
          placeholder="Search issuer, name or tag"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveId(undefined);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {accounts.length === 0 ? (
        <div className="empty">
          <p>No accounts yet. Choose Add to scan a QR code or paste a link.</p>
          {actions.setup && (
            <p>
              <button type="button" className="link" onClick={actions.setup}>
                Where do I turn on two-step?
              </button>
            </p>
          )}
        </div>
      ) : count === 0 ? (
        <p className="empty" role="status">
          No account matches “{query}”.
        </p>
      ) : null}
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
              onActivate={setActiveId}
              onChoose={onChoose}
              onDragStart={onDragStart}
              onDrop={onDrop}
              onShowCode={onShowCode}
            />
          );
        }}
      />
      {active && (
        <div
          className="row-actions"
          role="toolbar"
          aria-label={`Actions for ${accountLabel(active)}`}
        >
          <button type="button" onClick={() => actions.choose(active)}>
            {chooseLabel}
          </button>
          {active.type === 'hotp' && (
            <button type="button" onClick={() => actions.nextHotp(active)}>
              {codes.has(active.id) ? 'New code' : 'Show code'}
            </button>
          )}
          <button type="button" onClick={() => actions.togglePin(active)}>
            {active.pinned ? 'Unpin' : 'Pin'}
          </button>
          {/* Arrows, named for screen readers and on hover: the bar fits the window's width. */}
          <button
            type="button"
            className="icon-button"
            onClick={() => reorderActive(-1)}
            disabled={Boolean(query)}
            aria-label="Move up"
            title="Move up (Alt+↑)"
            aria-keyshortcuts="Alt+ArrowUp"
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => reorderActive(1)}
            disabled={Boolean(query)}
            aria-label="Move down"
            title="Move down (Alt+↓)"
            aria-keyshortcuts="Alt+ArrowDown"
          >
            ↓
          </button>
          {/* Delete is not an everyday action: it is at the bottom of the Edit view. */}
          <button type="button" onClick={() => actions.edit(active)}>
            Edit
          </button>
        </div>
      )}
    </section>
  );
}

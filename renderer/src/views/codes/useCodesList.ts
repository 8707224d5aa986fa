// The codes list's state: the search, the accounts it leaves visible, the active row, and the
// moves (arrows, drag and drop, Alt+arrows to reorder) the list and its toolbar make.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountView } from '../../../../preload/contract';
import { fuzzyFilter } from '../../lib/fuzzy';
import type { CodesActions } from './CodesView';
import { displayOrder, dropOrder, moveWithinGroup } from './list-order';

export function useCodesList(
  accounts: readonly AccountView[],
  actions: CodesActions,
  initialActiveId: string | undefined,
) {
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

  const onDrop = useCallback(
    (targetId: string) => {
      const from = dragId.current;
      dragId.current = null;
      if (!from || query) return;
      const ids = dropOrder(ordered, from, targetId);
      if (ids) actions.reorder(ids);
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

  /** New search text: the first match becomes the active row. */
  const search = (text: string) => {
    setQuery(text);
    setActiveId(undefined);
  };

  return {
    query,
    setQuery,
    search,
    visible,
    active,
    activeIndex,
    setActiveId,
    move,
    reorderActive,
    rowHandlers: { onDrop, onDragStart, onChoose, onShowCode },
  };
}

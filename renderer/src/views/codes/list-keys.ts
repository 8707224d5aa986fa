// The codes list's keys, the same in the search box and on the list: arrows and Page Up/Down
// move the active row (Home and End too, outside the search box, where they move the caret),
// Alt+arrows reorder it, Enter chooses it, Escape clears the search or hides the window.
import type { KeyboardEvent } from 'react';

export function onListKey(
  event: KeyboardEvent<HTMLElement>,
  list: {
    inSearch: boolean;
    count: number;
    move: (delta: number) => void;
    reorderActive: (delta: -1 | 1) => void;
    choose: () => void;
    query: string;
    clearQuery: () => void;
    hide: () => void;
  },
): void {
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    list.reorderActive(event.key === 'ArrowUp' ? -1 : 1);
    return;
  }
  switch (event.key) {
    case 'ArrowDown':
      event.preventDefault();
      list.move(1);
      return;
    case 'ArrowUp':
      event.preventDefault();
      list.move(-1);
      return;
    case 'PageDown':
      event.preventDefault();
      list.move(8);
      return;
    case 'PageUp':
      event.preventDefault();
      list.move(-8);
      return;
    case 'Home':
      if (!list.inSearch) {
        event.preventDefault();
        list.move(-list.count);
      }
      return;
    case 'End':
      if (!list.inSearch) {
        event.preventDefault();
        list.move(list.count);
      }
      return;
    case 'Enter':
      event.preventDefault();
      list.choose();
      return;
    case 'Escape':
      event.preventDefault();
      if (list.query) list.clearQuery();
      else list.hide();
      return;
    default:
  }
}

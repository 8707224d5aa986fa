// The search box over the codes list: a combobox that keeps the focus while the arrows move the
// list's active row (aria-activedescendant), so typing, moving and Enter never leave the keys.
import type { KeyboardEvent, RefObject } from 'react';

export function SearchBox({
  searchRef,
  listId,
  activeDescendant,
  query,
  onSearch,
  onKeyDown,
}: {
  searchRef: RefObject<HTMLInputElement | null>;
  listId: string;
  activeDescendant: string | undefined;
  query: string;
  onSearch: (text: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}) {
  return (
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
        onChange={(event) => onSearch(event.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}

// The toolbar under the codes list, for its active row: Copy (Type in the picker, Bind when
// binding a site), the HOTP code, Pin, move up and down, Edit.
import type { AccountView } from '../../../../preload/contract';
import type { CodeMap } from '../../hooks/useCodes';
import { accountLabel } from '../../lib/format';
import type { CodesActions } from './CodesView';
import './row-actions.css';

export function RowActions({
  active,
  codes,
  actions,
  chooseLabel,
  reorderActive,
  searching,
}: {
  active: AccountView;
  codes: CodeMap;
  actions: CodesActions;
  chooseLabel: string;
  reorderActive: (delta: -1 | 1) => void;
  /** Moves are off while a search shows only part of the order. */
  searching: boolean;
}) {
  return (
    <div className="row-actions" role="toolbar" aria-label={`Actions for ${accountLabel(active)}`}>
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
        disabled={searching}
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
        disabled={searching}
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
  );
}

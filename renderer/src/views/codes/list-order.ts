// The order of the codes list, and the orders a move makes: pinned accounts first, otherwise
// the person's order; a move never crosses between the pinned and the rest.
import type { AccountView } from '../../../../preload/contract';

/** Pinned accounts first, otherwise the user's order. */
export function displayOrder(accounts: readonly AccountView[]): AccountView[] {
  return [...accounts.filter((a) => a.pinned), ...accounts.filter((a) => !a.pinned)];
}

/** The ids after moving `id` one place up (-1) or down (1); null when it cannot move there. */
export function moveWithinGroup(
  order: readonly AccountView[],
  id: string,
  delta: -1 | 1,
): string[] | null {
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

/**
 * The ids after dropping `from` on `targetId`: it takes the target's place, the target moving
 * towards where it came from. Null when the drop moves nothing or crosses the pinned group.
 */
export function dropOrder(
  order: readonly AccountView[],
  from: string,
  targetId: string,
): string[] | null {
  if (from === targetId) return null;
  const moving = order.find((a) => a.id === from);
  const target = order.find((a) => a.id === targetId);
  if (!moving || !target || moving.pinned !== target.pinned) return null;
  const ids = order.map((a) => a.id).filter((id) => id !== from);
  const at = ids.indexOf(targetId);
  const fromIndex = order.findIndex((a) => a.id === from);
  const targetIndex = order.findIndex((a) => a.id === targetId);
  ids.splice(fromIndex < targetIndex ? at + 1 : at, 0, from);
  return ids;
}

// The tray menu as a pure function of state: a plain model (labels, enabled, accelerators, what
// a click does) that the Electron tray adapter turns into a Menu. Nothing here knows Electron, so
// every state the menu can be in is a row in a table test.
import type { OtpType } from '../../otp';
import { displaySafe, secondsLeft } from '../../otp';

/** What the tray needs to know of an account: never its secret. */
export interface TrayAccount {
  id: string;
  issuer: string;
  name: string;
  type: OtpType;
  period: number;
}

export interface TrayState {
  locked: boolean;
  /** Pinned accounts, in the user's order. */
  pinned: readonly TrayAccount[];
  /** Recently used accounts, most recent first (pinned ones are skipped here). */
  recent: readonly TrayAccount[];
  /** When the menu is built, ms since the epoch (for the seconds left in each label). */
  nowMs: number;
  /** Global hotkeys to show beside their items (Electron accelerator syntax). */
  shortcuts?: { scanScreen?: string };
  /** At most this many recent accounts (default 5). */
  maxRecent?: number;
}

export type TrayAction =
  | { type: 'copy-code'; accountId: string }
  | { type: 'scan-screen' }
  | { type: 'scan-region' }
  | { type: 'add-account' }
  | { type: 'open' }
  | { type: 'lock' }
  | { type: 'unlock' }
  | { type: 'settings' }
  | { type: 'quit' };

export type TrayMenuItem =
  | {
      kind: 'item';
      /** Stable id ("account:<id>", "scan-screen", …): the adapter's MenuItem id. */
      id: string;
      label: string;
      enabled: boolean;
      accelerator?: string;
      /** Absent for informational rows ("No accounts yet"). */
      action?: TrayAction;
    }
  | { kind: 'separator' };

export const DEFAULT_MAX_RECENT = 5;
const MAX_LABEL_PART = 32;

/** A label part as the menu may show it: no line breaks (fake rows), controls or bidi tricks. */
function shorten(text: string): string {
  const chars = [...displaySafe(text).trim()];
  return chars.length > MAX_LABEL_PART
    ? `${chars.slice(0, MAX_LABEL_PART - 1).join('')}…`
    : chars.join('');
}

/** "GitHub · alice@example.com  12 s" — HOTP codes do not expire, so they show no time. */
export function accountLabel(account: TrayAccount, nowMs: number): string {
  const parts = [account.issuer, account.name].map(shorten).filter(Boolean);
  const title = parts.length > 0 ? parts.join(' · ') : 'Unnamed account';
  if (account.type === 'hotp') return title;
  return `${title}  ${secondsLeft(Math.floor(nowMs / 1000), account.period)} s`;
}

/** The accounts the menu shows: pinned first, then recent ones not already pinned. */
export function shownAccounts(state: TrayState): TrayAccount[] {
  if (state.locked) return [];
  const pinnedIds = new Set(state.pinned.map((a) => a.id));
  const recent = state.recent
    .filter((a) => !pinnedIds.has(a.id))
    .slice(0, state.maxRecent ?? DEFAULT_MAX_RECENT);
  return [...state.pinned, ...recent];
}

function item(
  id: string,
  label: string,
  action: TrayAction | undefined,
  enabled = true,
  accelerator?: string,
): TrayMenuItem {
  const built: TrayMenuItem = { kind: 'item', id, label, enabled };
  if (action) built.action = action;
  if (accelerator) built.accelerator = accelerator;
  return built;
}

const SEPARATOR: TrayMenuItem = { kind: 'separator' };

export function trayMenu(state: TrayState): TrayMenuItem[] {
  const menu: TrayMenuItem[] = [];
  const accountItem = (a: TrayAccount) =>
    item(`account:${a.id}`, accountLabel(a, state.nowMs), { type: 'copy-code', accountId: a.id });

  if (state.locked) {
    menu.push(item('locked', 'TrayOTP is locked', undefined, false));
  } else {
    const pinnedIds = new Set(state.pinned.map((a) => a.id));
    const shown = shownAccounts(state);
    const pinned = shown.filter((a) => pinnedIds.has(a.id));
    const recent = shown.filter((a) => !pinnedIds.has(a.id));
    menu.push(...pinned.map(accountItem));
    if (pinned.length > 0 && recent.length > 0) menu.push(SEPARATOR);
    menu.push(...recent.map(accountItem));
    if (shown.length === 0) menu.push(item('no-accounts', 'No accounts yet', undefined, false));
  }

  // Adding accounts writes to the vault, which needs it unlocked.
  const unlocked = !state.locked;
  menu.push(
    SEPARATOR,
    item(
      'scan-screen',
      'Scan QR from screen',
      { type: 'scan-screen' },
      unlocked,
      state.shortcuts?.scanScreen,
    ),
    item('scan-region', 'Scan region…', { type: 'scan-region' }, unlocked),
    item('add-account', 'Add account…', { type: 'add-account' }, unlocked),
    SEPARATOR,
    item('open', 'Open TrayOTP', { type: 'open' }),
    state.locked
      ? item('unlock', 'Unlock', { type: 'unlock' })
      : item('lock', 'Lock', { type: 'lock' }),
    item('settings', 'Settings', { type: 'settings' }),
    SEPARATOR,
    item('quit', 'Quit', { type: 'quit' }),
  );
  return menu;
}

/**
 * When the menu must be rebuilt (ms since the epoch): at the next period boundary of any shown
 * time-based account, when its seconds-left label would start over. With `refreshEverySeconds`
 * the labels are also refreshed on that grid, so the seconds shown stay near the truth.
 * Undefined when nothing shown changes with time (locked, no accounts, only HOTP).
 */
export function nextTrayRebuildAt(
  state: TrayState,
  refreshEverySeconds?: number,
): number | undefined {
  const boundaries = shownAccounts(state)
    .filter((a) => a.type !== 'hotp')
    .map((a) => (Math.floor(state.nowMs / (a.period * 1000)) + 1) * a.period * 1000);
  if (boundaries.length === 0) return undefined;
  if (refreshEverySeconds && refreshEverySeconds > 0) {
    const step = refreshEverySeconds * 1000;
    boundaries.push((Math.floor(state.nowMs / step) + 1) * step);
  }
  return Math.min(...boundaries);
}

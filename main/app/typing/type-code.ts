// Typing a code: for the focused window (the "type current code" hotkey picks the account by its
// title), or for an account already chosen; either way the code must not expire while the site
// checks it, and it goes into the focused field — or, where keystrokes cannot be sent, onto the
// clipboard with a notice saying so.
import { displaySafe } from '../../otp';
import type { Account } from '../../otp';
import { matchAccount } from './account-matching';
import type { RankedCandidate, RememberedChoices } from './account-matching';
import type { HotkeyAccount } from './hotkey-account';
import type { ClipboardGuard } from '../codes/clipboard-guard';
import type { ActiveWindow } from '../ports/active-window';
import type { Clock } from '../../time/clock';
import { sleep } from '../../time/clock';
import type { KeyTyper, TypeFailure, TypeResult } from '../ports/key-typer';
import type { Notifier } from '../ports/notifier';

export const DEFAULT_MIN_SECONDS_LEFT = 3;

export interface TypeCodeDeps {
  clock: Clock;
  activeWindow: ActiveWindow;
  /** Undefined where the platform has no way to send keystrokes at all. */
  typer: KeyTyper | undefined;
  clipboard: ClipboardGuard;
  notifier: Notifier;
  /** Whether TrayOTP's own window has the focus: keys are never typed into it. */
  ownWindowFocused?: () => boolean;
}

export interface TypeCodeSettings {
  /** Below this many seconds left in the period, wait for the next code (default 3). */
  minSecondsLeft?: number;
}

export interface TypeCodeTarget {
  /** The focused window's title when the account was chosen; undefined when none was read. */
  title: string | undefined;
}

/** Why a code was copied instead of typed. */
export type CopiedReason = TypeFailure | 'focus-changed' | 'own-window';

/**
 * What happened to the code. `atMs` is the time it was computed for. An HOTP code was used up
 * either way (typed or copied); its counter was advanced and saved before the code was handed
 * out (HotkeyAccount.code), so nothing is left for the caller to do about it.
 */
export type TypedOutcome =
  | { kind: 'typed'; accountId: string; waitedMs: number; atMs: number }
  | {
      kind: 'copied';
      accountId: string;
      waitedMs: number;
      atMs: number;
      reason: CopiedReason;
    };

export type FocusedWindowOutcome =
  | TypedOutcome
  /** No single account matches the window: the caller opens the picker, then typeChosenAccount. */
  | { kind: 'pick'; title: string | undefined; candidates: RankedCandidate[] }
  | { kind: 'no-accounts' };

/**
 * How long to wait so that at least `minSecondsLeft` seconds of the code's period remain when it
 * is typed: 0 when enough remain, else the time to the next period boundary. HOTP never waits.
 */
export function waitBeforeTyping(
  account: Pick<Account, 'type' | 'period'>,
  nowMs: number,
  minSecondsLeft: number,
): number {
  if (account.type === 'hotp') return 0;
  const periodMs = account.period * 1000;
  const remainingMs = periodMs - (((nowMs % periodMs) + periodMs) % periodMs);
  return remainingMs < minSecondsLeft * 1000 ? remainingMs : 0;
}

/** The account as a notification names it: labels from outside shown, never obeyed. */
function label(account: Pick<Account, 'issuer' | 'name'>): string {
  const issuer = displaySafe(account.issuer).trim();
  const name = displaySafe(account.name).trim();
  if (issuer && name) return `${issuer} (${name})`;
  return issuer || name || 'this account';
}

const NO_TYPER: TypeResult = {
  typed: false,
  reason: 'unavailable',
  message: 'This system offers no way to type into other apps.',
};

/** A typer that throws is treated like one that reported a failure: the user still gets the code. */
async function typeWith(typer: KeyTyper | undefined, code: string): Promise<TypeResult> {
  if (!typer) return NO_TYPER;
  try {
    return await typer.type(code);
  } catch (error) {
    return {
      typed: false,
      reason: 'failed',
      message: `Typing failed (${(error as Error).message}).`,
    };
  }
}

/**
 * Types the code of a known account (after a match, or after the user picked it). Just before the
 * keys are sent, the focused window is checked again: when `target` says which window the code
 * was meant for, the focus must still be there (the person may have switched windows while a
 * fresh code was awaited, and a code must not land in a chat box), and it must never be
 * TrayOTP's own window. Otherwise the code is copied instead.
 */
export async function typeChosenAccount(
  deps: TypeCodeDeps,
  account: HotkeyAccount,
  settings: TypeCodeSettings = {},
  target?: TypeCodeTarget,
): Promise<TypedOutcome> {
  const { clock } = deps;
  const start = clock.now();
  const waitMs = waitBeforeTyping(
    account,
    start,
    settings.minSecondsLeft ?? DEFAULT_MIN_SECONDS_LEFT,
  );
  if (waitMs > 0) {
    const boundary = start + waitMs;
    // Timers may fire a little early on a real clock; never compute the code before the boundary.
    while (clock.now() < boundary) await sleep(clock, boundary - clock.now());
  }
  const atMs = clock.now();
  const waitedMs = atMs - start;
  // HOTP codes come from the vault, which saves the advanced counter before handing one out.
  const code = await account.code(atMs);

  let failure:
    { reason: CopiedReason; message: string; typedChars?: number; total?: number } | undefined;
  if (deps.ownWindowFocused?.()) {
    failure = {
      reason: 'own-window',
      message: 'TrayOTP’s own window had the focus, so nothing was typed.',
    };
  } else if (target?.title !== undefined) {
    const now = await deps.activeWindow.title().catch(() => undefined);
    if (now !== target.title) {
      failure = {
        reason: 'focus-changed',
        message:
          waitMs > 0
            ? 'The focused window changed while TrayOTP waited for a fresh code.'
            : 'The focused window changed before TrayOTP could type the code.',
      };
    }
  }
  if (!failure) {
    const result = await typeWith(deps.typer, code);
    if (result.typed) return { kind: 'typed', accountId: account.id, waitedMs, atMs };
    failure = result;
  }

  await deps.clipboard.copy(code);
  // One notice, which never contains the code: notification centres keep a history.
  deps.notifier.notify(copiedNotice(failure, label(account)));
  return { kind: 'copied', accountId: account.id, waitedMs, atMs, reason: failure.reason };
}

/**
 * The one notice of a code copied instead of typed. A typing that stopped part-way says how
 * many characters went out, so the person clears the field before pasting: half a code is
 * never left without a word.
 */
export function copiedNotice(
  failure: { message: string; typedChars?: number; total?: number },
  account: string,
): { title: string; body: string } {
  const typed = failure.typedChars ?? 0;
  if (typed > 0) {
    const of = failure.total === undefined ? `${typed}` : `${typed} of ${failure.total}`;
    return {
      title: 'Typing stopped part-way',
      body: `Typed ${of} characters, then: ${failure.message} The code for ${account} is on the clipboard; clear the field and paste it.`,
    };
  }
  return {
    title: 'Code copied instead of typed',
    body: `${failure.message} The code for ${account} is on the clipboard; paste it where it is asked for.`,
  };
}

/** The hotkey: match the focused window to an account, then type its code. */
export async function typeForFocusedWindow(
  deps: TypeCodeDeps,
  accounts: readonly HotkeyAccount[],
  remembered: RememberedChoices,
  settings: TypeCodeSettings = {},
): Promise<FocusedWindowOutcome> {
  if (accounts.length === 0) return { kind: 'no-accounts' };
  const title = await deps.activeWindow.title().catch(() => undefined);
  const match = matchAccount(title, accounts, remembered);
  if (match.kind === 'pick') return { kind: 'pick', title, candidates: match.candidates };
  const account = accounts.find((a) => a.id === match.id)!;
  return typeChosenAccount(deps, account, settings, { title });
}

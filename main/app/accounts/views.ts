// What the window may see of an entry: labels and codes, never the secret or the counter.
import type { AccountView, CodeView } from '../../../preload/contract';
import { codeFor, otpKey, secondsLeft } from '../../otp';
import type { OtpKey } from '../../otp';
import type { Entry } from '../../vault';
import { entryAccount, entryDomains } from '../../vault';

/**
 * Imported keys by entry object: the window asks for every code each second, and importing a
 * key is most of an HMAC's cost. Entries are replaced on every save and dropped on lock, so the
 * keys go with them (a WeakMap holds nothing alive).
 */
const keys = new WeakMap<Entry, OtpKey>();

function keyOf(entry: Entry): OtpKey {
  let key = keys.get(entry);
  if (!key) keys.set(entry, (key = otpKey(entry.secret)));
  return key;
}

/** In its last seconds a code is shown with the next one, so nobody types a dying code. */
export const NEXT_CODE_SECONDS = 5;

export function accountView(entry: Entry): AccountView {
  return {
    id: entry.id,
    type: entry.type,
    issuer: entry.issuer,
    name: entry.name,
    digits: entry.digits,
    period: entry.period,
    pinned: entry.pinned,
    tags: entry.tags,
    domains: [...entryDomains(entry)],
    icon: entry.icon,
    lastUsedAt: entry.lastUsedAt,
  };
}

/** Pinned first, then the manual order, then issuer and name. */
export function sortedEntries(entries: readonly Entry[]): Entry[] {
  return [...entries].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      a.sortOrder - b.sortOrder ||
      a.issuer.localeCompare(b.issuer) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The codes of time-based entries at `nowMs`. HOTP codes are never computed here (showing one
 * uses it up); the ones the user revealed are passed in `revealed`.
 */
export function codeViews(
  entries: readonly Entry[],
  nowMs: number,
  revealed: ReadonlyMap<string, CodeView> = new Map(),
): CodeView[] {
  const seconds = nowMs / 1000;
  return entries.flatMap((entry): CodeView[] => {
    if (entry.type === 'hotp') {
      const shown = revealed.get(entry.id);
      return shown ? [shown] : [];
    }
    const account = entryAccount(entry);
    const key = keyOf(entry);
    const periodMs = entry.period * 1000;
    const validFrom = Math.floor(nowMs / periodMs) * periodMs;
    const left = secondsLeft(seconds, entry.period);
    return [
      {
        id: entry.id,
        code: codeFor(account, seconds, key),
        next: left <= NEXT_CODE_SECONDS ? codeFor(account, seconds + entry.period, key) : null,
        validFrom,
        validUntil: validFrom + periodMs,
      },
    ];
  });
}

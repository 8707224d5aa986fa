// What a followed phone backup offers to merge (docs/sync.md § Following a phone's backups),
// compared with the backup the person last merged (the baseline) and with the vault:
// - added: in the backup, not in the baseline, not in the vault (one declined at a merge is not
//   offered again; the first backup, with no baseline, offers all that the vault lacks);
// - changed: the phone changed its labels since the baseline, and the vault's differ from them;
// - removed: in the baseline, gone from the backup, still in the vault (never deleted here).
// Accounts are matched as the app's duplicate check matches them (type and key bytes). The
// baseline is kept small: a fingerprint of each account's key and one of its labels, no secret.
import { createHash } from 'node:crypto';
import { duplicateKey } from '../importers/duplicates';
import type { Account } from '../otp/account';

/** One account of a baseline: `<fingerprint>:<labels hash>`. */
export type BaselineAccount = string;

const FINGERPRINT_CHARS = 16; // 96 bits: no two of a few thousand accounts collide
const LABEL_CHARS = 6;

function hash(text: string, chars: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, chars);
}

/** The account's identity without its secret: a hash of its type and key bytes. */
export function fingerprint(account: Account): string {
  return hash(`trayotp-follow|${duplicateKey(account)}`, FINGERPRINT_CHARS);
}

function labelsOf(account: Pick<Account, 'issuer' | 'name'>): string {
  return hash(`${account.issuer}\u0000${account.name}`, LABEL_CHARS);
}

export function baselineOf(accounts: readonly Account[]): BaselineAccount[] {
  return [...new Set(accounts.map((a) => `${fingerprint(a)}:${labelsOf(a)}`))];
}

export interface VaultAccount {
  id: string;
  account: Account;
}

export interface FollowDifference {
  added: Account[];
  changed: { entryId: string; before: Account; after: Account }[];
  removed: { entryId: string; account: Account }[];
}

export function isEmptyDifference(difference: FollowDifference): boolean {
  return (
    difference.added.length === 0 &&
    difference.changed.length === 0 &&
    difference.removed.length === 0
  );
}

export function followDifference(
  backup: readonly Account[],
  baseline: readonly BaselineAccount[] | undefined,
  vault: readonly VaultAccount[],
): FollowDifference {
  const base = new Map(
    (baseline ?? []).map((item) => {
      const [print = '', labels = ''] = item.split(':');
      return [print, labels] as const;
    }),
  );
  const inVault = new Map<string, VaultAccount>();
  for (const item of vault) {
    const print = fingerprint(item.account);
    if (!inVault.has(print)) inVault.set(print, item);
  }
  const difference: FollowDifference = { added: [], changed: [], removed: [] };
  const seen = new Set<string>();
  for (const account of backup) {
    const print = fingerprint(account);
    if (seen.has(print)) continue;
    seen.add(print);
    const kept = inVault.get(print);
    const before = base.get(print);
    if (before === undefined) {
      if (!kept) difference.added.push(account);
      continue;
    }
    if (
      kept &&
      before !== labelsOf(account) &&
      (kept.account.issuer !== account.issuer || kept.account.name !== account.name)
    ) {
      difference.changed.push({ entryId: kept.id, before: kept.account, after: account });
    }
  }
  for (const print of base.keys()) {
    const kept = inVault.get(print);
    if (!seen.has(print) && kept) {
      difference.removed.push({ entryId: kept.id, account: kept.account });
    }
  }
  return difference;
}

// What the browser bridge may know of the vault: each account's id, labels and bound sites while
// unlocked, never a secret; null while locked, so the bridge answers "locked" and queues nothing.
import type { BrowserAccount } from '../../browser/bridge';
import { entryDomains } from '../../vault';
import type { VaultSession } from '../vault/vault-session';

export function browserAccounts(session: VaultSession): BrowserAccount[] | null {
  const vault = session.current;
  if (!vault) return null;
  return vault.entries.map((entry) => ({
    id: entry.id,
    issuer: entry.issuer,
    name: entry.name,
    domains: entryDomains(entry),
    counterBased: entry.type === 'hotp',
  }));
}

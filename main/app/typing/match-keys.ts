// The words matching looks for in a window title, for one account: its issuer's and site's names,
// their initials, its domains, its name. Derived from the account, not another shape of it; kept
// (bounded) by the account's content, so a press does not derive them again.
import { fold, hostOf, WEAK_WORDS, words } from '../../directory/names';
import type { MatchableAccount, SiteMatchInfo } from './account-matching';
import { domainName, usablePhrase } from './window-title';

/** The words matching looks for, for one account (kept by content, below). */
export interface MatchKeys {
  /** The issuer and the directory's names for its site, as word lists, longest first. */
  phrases: string[][];
  /** Other companies' longer site names around these ("dropbox sign" around "dropbox"). */
  otherSites: string[][];
  /** "aws" for "Amazon Web Services": names of three words or more. */
  initials: string[];
  /** Single distinctive words a product name may be built on ("20i"). */
  stems: string[];
  hosts: string[];
  domainNames: string[];
  nameWords: string[];
  /** The account name when it is an e-mail address ("alice@gmail.com"), folded. */
  address: string | undefined;
}

// The hotkey builds its accounts anew on every press (hotkey-account.ts), so the keys are kept by
// the account's content, not its object: per directory site object (stable while the directory is),
// then by issuer, name and domains. Bounded: a vault's accounts, plus what edits leave behind.
const KEYS_LIMIT = 2000;
const keysBySite = new WeakMap<SiteMatchInfo, Map<string, MatchKeys>>();
const keysPlain = new Map<string, MatchKeys>();

function keysCache(account: MatchableAccount): Map<string, MatchKeys> {
  if (!account.site) return keysPlain;
  let cache = keysBySite.get(account.site);
  if (!cache) keysBySite.set(account.site, (cache = new Map()));
  return cache;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

export function matchKeys(account: MatchableAccount): MatchKeys {
  const cache = keysCache(account);
  const cacheKey = [account.issuer, account.name, ...(account.domains ?? [])].join('\u0000');
  let keys = cache.get(cacheKey);
  if (keys) return keys;
  const site = account.site;
  // An issuer written as a hostname ("gitlab.com", "Binance.com") is a domain too.
  const issuerHost = hostOf(account.issuer);
  const ownDomains = [...(account.domains ?? []), ...(issuerHost ? [issuerHost] : [])];
  const siteDomains = new Set((site?.domains ?? []).map(fold));
  const phrases = [account.issuer, ...(site?.names ?? [])]
    .map(usablePhrase)
    .filter((p): p is string[] => p !== undefined);
  const byText = new Map(phrases.map((p) => [p.join(' '), p]));
  const uniquePhrases = [...byText.values()].sort((a, b) => b.length - a.length);
  const domainNames = unique([
    ...ownDomains
      .filter((d) => !siteDomains.has(fold(d)))
      .map(domainName)
      .filter((n): n is string => n !== undefined),
    ...(site?.domainWords ?? []).map(fold).filter((n) => !WEAK_WORDS.has(n)),
  ]);
  keys = {
    phrases: uniquePhrases,
    otherSites: (site?.otherSites ?? []).map(words).filter((p) => p.length > 0),
    initials: unique(
      uniquePhrases.filter((p) => p.length >= 3).map((p) => p.map((w) => w[0]).join('')),
    ),
    stems: unique([
      ...uniquePhrases.filter((p) => p.length === 1).map((p) => p[0]!),
      ...domainNames,
    ]).filter((w) => w.length >= 3),
    hosts: unique([...ownDomains, ...siteDomains].map(fold)),
    domainNames,
    // An e-mail address counts by its local part: the domain part names a mail provider.
    nameWords: words(account.name.split('@')[0] ?? '').filter((w) => !WEAK_WORDS.has(w)),
    address: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(account.name.trim())
      ? fold(account.name.trim())
      : undefined,
  };
  if (cache.size >= KEYS_LIMIT) cache.clear();
  cache.set(cacheKey, keys);
  return keys;
}

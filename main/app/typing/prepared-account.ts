// What matching needs of an account, prepared once per account and kept (bounded) by content:
// the words of its issuer and name, its initials, its site's names and domains.
import { fold, hostOf, WEAK_WORDS, words } from '../../directory/names';
import type { MatchableAccount, SiteMatchInfo } from './account-matching';
import { domainName, usablePhrase } from './window-title';

/** What matching needs of an account, computed once per account (kept by content, below). */
export interface Prepared {
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

// The hotkey builds its account list anew on every press, so what matching needs is kept by the
// account's content, not its object: per directory site object (stable while the directory is),
// then by issuer, name and domains. Bounded: a vault's accounts, plus what edits leave behind.
const PREPARED_LIMIT = 2000;
const preparedBySite = new WeakMap<SiteMatchInfo, Map<string, Prepared>>();
const preparedPlain = new Map<string, Prepared>();

function preparedCache(account: MatchableAccount): Map<string, Prepared> {
  if (!account.site) return preparedPlain;
  let cache = preparedBySite.get(account.site);
  if (!cache) preparedBySite.set(account.site, (cache = new Map()));
  return cache;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

export function prepare(account: MatchableAccount): Prepared {
  const cache = preparedCache(account);
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
  if (cache.size >= PREPARED_LIMIT) cache.clear();
  cache.set(cacheKey, keys);
  return keys;
}

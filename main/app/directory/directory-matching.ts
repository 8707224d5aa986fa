// What the 2FA Directory adds to the hotkey's account choice: for an account's issuer, the site's
// names, its domains, the words that name those domains, and other companies' longer site names
// that contain its name. Built once per directory, asked once per account, not per key press.
//
// Wiring (DirectoryService.matchInfo, asked by Typing as it builds the hotkey's accounts):
//   const matcher = createSiteMatcher(snapshot.sites);    // once per directory download
//   const site = matcher.infoFor(entry.issuer);            // per account (cached per issuer)
//   hotkeyAccount(entry, code, site);                      // typing/hotkey-account.ts
// Pass an index you already built as the second argument to share it. Without a directory,
// leave `site` out: matching then works on the issuer, the name and `domains`.
import { createDirectoryIndex } from '../../directory/lookup';
import type { DirectoryIndex } from '../../directory/lookup';
import { splitDomain, words } from '../../directory/names';
import type { DirectorySite } from '../../directory/site';
import type { SiteMatchInfo } from '../typing/account-matching';

export interface SiteMatcher {
  /** What the directory knows of `issuer` for matching; undefined when it does not know it. */
  infoFor(issuer: string): SiteMatchInfo | undefined;
}

/** The site's name and, for "X (Twitter)" or "Ubisoft/Uplay", each of its parts. */
function siteNames(site: DirectorySite): string[] {
  const parts = site.name
    .split(/[()/[\]]/)
    .map((p) => p.trim())
    .filter((p) => words(p).length > 0);
  return [...new Set([site.name, ...(parts.length > 1 ? parts : [])])];
}

function domainsOf(site: DirectorySite): string[] {
  return [...new Set([site.domain, ...site.additionalDomains])];
}

/** "amazon" for amazon.com and pay.amazon.com: the registrable names a site's domains use. */
function registrableNames(site: DirectorySite): Set<string> {
  return new Set(
    domainsOf(site)
      .map((d) => splitDomain(d)?.name)
      .filter((n): n is string => !!n),
  );
}

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= haystack.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (haystack[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export function createSiteMatcher(
  sites: readonly DirectorySite[],
  index: DirectoryIndex = createDirectoryIndex(sites),
): SiteMatcher {
  // Site names by each of their words, to find the longer names around a name quickly.
  const byWord = new Map<string, { site: DirectorySite; words: string[] }[]>();
  for (const site of sites) {
    const nameWords = words(site.name);
    for (const word of new Set(nameWords)) {
      const list = byWord.get(word) ?? [];
      list.push({ site, words: nameWords });
      byWord.set(word, list);
    }
  }

  /**
   * A domain's name counts as a word for the site only when the directory agrees it names this
   * site: "20i" (20i.com) and "fortnite" (Epic Games' fortnite.com) do; "amazon" does not name
   * Amazon Web Services (aws.amazon.com) and "google" names no single site.
   */
  function domainWords(site: DirectorySite): string[] {
    return [...registrableNames(site)].filter((name) => index.siteForIssuer(name) === site);
  }

  /** "Dropbox Sign" (hellosign.com) for Dropbox; not "Amazon Pay" (pay.amazon.com) for Amazon. */
  function otherSites(site: DirectorySite, names: string[]): string[] {
    const own = registrableNames(site);
    const found = new Set<string>();
    for (const phrase of names.map(words).filter((p) => p.length > 0)) {
      for (const other of byWord.get(phrase[0]!) ?? []) {
        if (other.site === site || other.words.length <= phrase.length) continue;
        if (!containsPhrase(other.words, phrase)) continue;
        if ([...registrableNames(other.site)].some((n) => own.has(n))) continue;
        found.add(other.site.name);
      }
    }
    return [...found];
  }

  const cache = new Map<string, SiteMatchInfo | undefined>();
  function infoFor(issuer: string): SiteMatchInfo | undefined {
    if (cache.has(issuer)) return cache.get(issuer);
    const site = index.siteForIssuer(issuer);
    let info: SiteMatchInfo | undefined;
    if (site) {
      const names = siteNames(site);
      info = {
        names,
        domains: domainsOf(site),
        domainWords: domainWords(site),
        otherSites: otherSites(site, names),
      };
    }
    cache.set(issuer, info);
    return info;
  }

  return { infoFor };
}

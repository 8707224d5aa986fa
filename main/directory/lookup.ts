// Finding a 2FA Directory site from what the user has: an issuer ("GitHub", "github.com",
// "Amazon Web Services") or a hostname seen in a window title. Built once per directory into
// maps, so a lookup is a few string operations whatever the directory's size.
//
// A key two sites share (NordVPN, NordPass and NordLocker all list nordaccount.com; GMX.com and
// GMX.net both fold to "gmx") names neither: the index answers undefined rather than guess, and
// the app then works on what the user typed, as it does without the directory.
import { hostOf, splitDomain, WEAK_WORDS, words } from './names';
import type { DirectorySite } from './site';

export interface DirectoryIndex {
  /** The site an issuer names: by folded name ("github" → GitHub), or by domain ("github.com", "www.github.com"); undefined when unknown. */
  siteForIssuer(issuer: string): DirectorySite | undefined;
  /** The site a hostname belongs to (main or additional domain, or a subdomain of one). */
  siteForHost(host: string): DirectorySite | undefined;
  /** The issuer as the directory writes it, when it differs from what the user has ("github.com" → "GitHub"); undefined when already so or unknown. Only ever a suggestion. */
  suggestIssuer(issuer: string): string | undefined;
}

/** A map whose keys name one site, or several (then `get` says so with null). */
class SiteKeys {
  private readonly sites = new Map<string, DirectorySite | null>();

  add(key: string, site: DirectorySite): void {
    if (!key) return;
    const known = this.sites.get(key);
    if (known === undefined) this.sites.set(key, site);
    else if (known !== site) this.sites.set(key, null);
  }

  /** The one site of `key`; null when several share it; undefined when none has it. */
  get(key: string): DirectorySite | null | undefined {
    return this.sites.get(key);
  }
}

/** "Amazon Web Services" → "amazon web services": the site's name, folded. */
const nameKey = (text: string) => words(text).join(' ');
/** "Digital Ocean" and "DigitalOcean" → "digitalocean": spacing and punctuation dropped. */
const compactKey = (text: string) => words(text).join('');

/**
 * Other ways people write a site's name: without spaces ("Digital Ocean"), without the ".com"
 * the directory keeps ("Outlook.com" → "outlook"), either half of "X (Twitter)" or
 * "Ubisoft/Uplay", and the initials of a long name ("Amazon Web Services" → "aws").
 */
function nameAliases(name: string): string[] {
  const aliases = [compactKey(name)];
  const withoutTld = /^(.+?)\.(?:com|net|org|io|de|me|lv|ph|br|gov)$/i.exec(name.trim());
  if (withoutTld) aliases.push(compactKey(withoutTld[1]!));
  const parts = name.split(/[()/[\]]/).filter((p) => p.trim());
  if (parts.length > 1) aliases.push(...parts.map(compactKey));
  const nameWords = words(name);
  if (nameWords.length >= 3) aliases.push(nameWords.map((w) => w[0]).join(''));
  // A weak word never names a site alone ("Login.gov" is not what an issuer "Login" means).
  return aliases.filter((a) => a && !WEAK_WORDS.has(a));
}

export function createDirectoryIndex(sites: readonly DirectorySite[]): DirectoryIndex {
  const byName = new SiteKeys();
  const byDomain = new SiteKeys();
  const byAlias = new SiteKeys();
  const byDomainName = new SiteKeys();

  for (const site of sites) {
    byName.add(nameKey(site.name), site);
    for (const alias of new Set(nameAliases(site.name))) byAlias.add(alias, site);
    for (const domain of new Set([site.domain, ...site.additionalDomains])) {
      const host = hostOf(domain);
      if (!host) continue;
      byDomain.add(host, site);
      // "goabode" for goabode.com; "amazon" for aws.amazon.com too, where it is then shared
      // with Amazon and Amazon Pay and so names none of them.
      const name = splitDomain(host)?.name;
      if (name && !WEAK_WORDS.has(name)) byDomainName.add(compactKey(name), site);
    }
  }

  function siteForHost(host: string): DirectorySite | undefined {
    const normal = hostOf(host);
    if (!normal) return undefined;
    // The most specific domain decides: signin.aws.amazon.com is Amazon Web Services
    // (aws.amazon.com) before it is Amazon (amazon.com).
    const labels = normal.split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const site = byDomain.get(labels.slice(i).join('.'));
      if (site !== undefined) return site ?? undefined;
    }
    return undefined;
  }

  function siteForIssuer(issuer: string): DirectorySite | undefined {
    // From the most to the least certain: the name exactly, a hostname, another spelling of a
    // name, a domain's name. The first kind that knows the key answers, even if only to say
    // that several sites share it.
    const exact = byName.get(nameKey(issuer));
    if (exact !== undefined) return exact ?? undefined;
    const host = hostOf(issuer);
    if (host) {
      const site = siteForHost(host);
      if (site) return site;
    }
    const compact = compactKey(issuer);
    if (!compact || WEAK_WORDS.has(compact)) return undefined;
    for (const keys of [byAlias, byDomainName]) {
      const site = keys.get(compact);
      if (site !== undefined) return site ?? undefined;
    }
    return undefined;
  }

  function suggestIssuer(issuer: string): string | undefined {
    const site = siteForIssuer(issuer);
    return site && site.name !== issuer.trim() ? site.name : undefined;
  }

  return { siteForIssuer, siteForHost, suggestIssuer };
}

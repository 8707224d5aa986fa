// The sites the Edit view suggests binding an account to (issue 16): the 2FA Directory's domain
// and additional domains for the account's issuer. Only a suggestion: the window shows it under
// the Sites field, and a binding is made only when the person adds it there and saves.
import { boundTo, domainOfHost, normalizeHostname } from '../../browser/domains';
import type { DirectoryIndex } from '../../directory/lookup';

/** Suggestions per account: Amazon lists 18 more domains, eBay 21; a row of 8 buttons is plenty. */
export const MAX_SUGGESTED_DOMAINS = 8;

// A bare hostname as the directory lists it: no scheme, path, port, user or spaces. Anything else
// is not what the field would be given, so it is dropped rather than taken apart.
const BARE_HOST = /^[^\s/:?#@\\]+$/;

/**
 * The directory's domains for `issuer` (main domain first), as the Sites field keeps them
 * (lower-case hostnames, punycode: each binds that host exactly), at most MAX_SUGGESTED_DOMAINS,
 * each registrable domain once, leaving out a host a binding in `bound` covers already
 * (browser/domains boundTo: "*.github.com" covers github.com; login.github.com does not, since
 * issue 23 a binding is its exact host). Empty while the directory is off (no index) or when it
 * does not know the issuer.
 */
export function suggestedDomains(
  index: Pick<DirectoryIndex, 'siteForIssuer'> | undefined,
  issuer: string,
  bound: readonly string[],
): string[] {
  if (!index || !issuer.trim()) return [];
  const site = index.siteForIssuer(issuer);
  if (!site) return [];
  const taken = new Set<string>();
  const suggested: string[] = [];
  for (const listed of [site.domain, ...site.additionalDomains]) {
    if (suggested.length === MAX_SUGGESTED_DOMAINS) break;
    const host = BARE_HOST.test(listed.trim()) ? normalizeHostname(listed) : null;
    if (!host || boundTo(bound, host)) continue;
    const domain = domainOfHost(host) ?? host;
    if (taken.has(domain)) continue;
    taken.add(domain);
    suggested.push(host);
  }
  return suggested;
}

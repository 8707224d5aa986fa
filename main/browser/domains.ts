// A page's URL → the registrable domain TrayOTP binds accounts to ("my.20i.com" → "20i.com",
// "foo.github.io" → "foo.github.io"), with the Public Suffix List through tldts. Only http(s)
// pages on a real domain qualify: an IP address, "localhost", a file: or extension page has no
// registrable domain and never gets a code.
import { getDomain, parse } from 'tldts';

/** The registrable domain of an http(s) URL or origin, or null when it has none. */
export function registrableDomain(urlOrOrigin: string): string | null {
  let url: URL;
  try {
    url = new URL(urlOrOrigin);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const parsed = parse(url.hostname, { allowPrivateDomains: true });
  if (parsed.isIp || !parsed.domain) return null;
  return parsed.domain.toLowerCase();
}

/** The registrable domain of a hostname or domain a person typed ("Login.20i.com" → "20i.com"). */
export function domainOfHost(host: string): string | null {
  const domain = getDomain(host.trim().toLowerCase(), { allowPrivateDomains: true });
  return domain ?? null;
}

/** Lower-case DNS hostname: labels of letters, digits and hyphens (punycode for others). */
export const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Whether an account bound to `bound` (a hostname or domain) is bound to `domain`. */
export function boundTo(bound: readonly string[], domain: string): boolean {
  return bound.some((host) => domainOfHost(host) === domain);
}

/**
 * What a person typed in the Edit view → the hostname to keep in Entry.domains
 * ("https://Login.GitHub.com/x" → "login.github.com", "bücher.de" → "xn--bcher-kva.de"), or null
 * when it names no registrable domain (an IP address, "localhost", a bare suffix like "co.uk").
 */
export function normalizeHostname(input: string): string | null {
  const text = input.trim();
  if (!text || text.length > 300) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').toLowerCase();
  if (!HOSTNAME.test(host)) return null;
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp || !parsed.domain) return null;
  return host;
}

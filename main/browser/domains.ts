// Where a code may go, and what a binding means (issue 23, R5 and R6).
// - A page qualifies by its address: https: on a host with a registrable domain (the Public
//   Suffix List through tldts), or this computer's own loopback (localhost, 127.0.0.1, [::1]) on
//   https: or http:. A plain http: page anywhere else is refused with a sentence: anyone on the
//   network can read or serve it. An IP address, file: or extension page never qualifies.
// - A binding (Entry.domains) is either a hostname, meaning exactly that host
//   ("login.github.com" is not "github.com" and not "evil.github.com"), or "*." and a hostname,
//   meaning that host and every host under it ("*.github.com": github.com, gist.github.com…),
//   which the person chooses explicitly. A loopback name binds exactly. Vaults from before
//   (docs/vault.md § Bindings) meant the registrable domain; main/vault/binding-migration.ts
//   turns their bindings into the "*." form that says so.
import { getDomain, parse } from 'tldts';

/** This computer's own addresses: a page there is as private as TrayOTP itself. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** A page that may get codes and enrol accounts, by its host; or why not, in a sentence. */
export type PageSite =
  { ok: true; host: string } | { ok: false; code: 'not-web' | 'not-https'; message: string };

const NOT_WEB = 'TrayOTP fills codes on web sites only.';
export const NOT_HTTPS =
  'This page is plain http://, which anyone on the network can read or change, so TrayOTP gives it no code and adds no account from it. Use the site’s https:// address.';

/** The host of an https: page with a registrable domain, or of a loopback page; else why not. */
export function pageSite(urlOrOrigin: string): PageSite {
  let url: URL;
  try {
    url = new URL(urlOrOrigin);
  } catch {
    return { ok: false, code: 'not-web', message: NOT_WEB };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, code: 'not-web', message: NOT_WEB };
  }
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  if (LOOPBACK_HOSTS.includes(host)) return { ok: true, host };
  if (url.protocol !== 'https:') return { ok: false, code: 'not-https', message: NOT_HTTPS };
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp || !parsed.domain || !HOSTNAME.test(host)) {
    return { ok: false, code: 'not-web', message: NOT_WEB };
  }
  return { ok: true, host };
}

/** The site of a frame: its origin when that is an address, else its URL (same rules). */
export function frameSite(frameOrigin: string, frame: string): PageSite {
  return URL.canParse(frameOrigin) ? pageSite(frameOrigin) : pageSite(frame);
}

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

/** The "this site and its subdomains" prefix of a binding. */
export const SUBDOMAINS = '*.';

/** Whether one binding covers `host` (a page's host, as pageSite gives it). */
export function bindingCovers(binding: string, host: string): boolean {
  if (binding.startsWith(SUBDOMAINS)) {
    const base = binding.slice(SUBDOMAINS.length);
    return host === base || host.endsWith(`.${base}`);
  }
  return binding === host;
}

/** Whether an account bound to `bound` (Entry.domains) is bound to the page's `host`. */
export function boundTo(bound: readonly string[], host: string): boolean {
  return bound.some((binding) => bindingCovers(binding, host));
}

/** "*.github.com" for a page on gist.github.com: its registrable domain and everything under it. */
export function wholeSiteBinding(host: string): string | null {
  if (LOOPBACK_HOSTS.includes(host)) return null;
  const domain = domainOfHost(host);
  return domain ? `${SUBDOMAINS}${domain}` : null;
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

/**
 * A binding as the person typed it → as Entry.domains keeps it, or null: a hostname or address
 * (exactly that host), "*." and a hostname (it and its subdomains; never a bare public suffix
 * such as "*.co.uk" or "*.github.io"), or a loopback name.
 */
export function normalizeBinding(input: string): string | null {
  const text = input.trim();
  if (text.startsWith(SUBDOMAINS)) {
    const host = normalizeHostname(text.slice(SUBDOMAINS.length));
    return host ? `${SUBDOMAINS}${host}` : null;
  }
  if (text.length > 300) return null;
  let host: string | undefined;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname;
  } catch {
    host = undefined;
  }
  if (host !== undefined && LOOPBACK_HOSTS.includes(host.toLowerCase())) return host.toLowerCase();
  return normalizeHostname(text);
}

/** A binding as Entry.domains may hold it (the vault's and sync's check); no IPv4 but loopback. */
export const BINDING =
  /^(?:\*\.)?(?!\d+\.\d+\.\d+\.\d+$)(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$|^localhost$|^127\.0\.0\.1$|^\[::1\]$/;

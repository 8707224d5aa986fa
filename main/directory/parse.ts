// Reading the 2FA Directory's v3 TOTP list (https://api.2fa.directory/v3/totp.json): an array of
// `[name, {domain, tfa, documentation, keywords, "additional-domains", ...}]` pairs. The file
// comes from the network, so it is checked field by field: fields this version does not know
// are ignored (the directory adds some now and then), one bad site is skipped and counted, and a
// file that is not this list at all is refused with a DirectoryFormatError, so the caller keeps
// the copy it had.
import { z } from 'zod';
import { DirectoryFormatError } from './errors';
import type { DirectorySite } from './site';

/** The real list is about 260 kB; anything far beyond that is not the directory. */
export const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024;

/** More sites than the directory could plausibly list (it has about 1,300). */
const MAX_SITES = 50_000;

export interface ParsedDirectory {
  sites: DirectorySite[];
  /** Entries that were not usable sites (or repeated a domain already listed). */
  skipped: number;
}

// A hostname, lower case: labels of letters, digits and hyphens, at least two of them.
const HOST =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

const host = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(HOST));

const words = z.array(z.string().min(1).max(100)).max(100);

// z.object drops the fields not listed (img, notes, regions, recovery...): tolerated, unused.
const siteFields = z.object({
  domain: host,
  tfa: words.optional(),
  keywords: words.optional(),
  documentation: z.unknown().optional(),
  'additional-domains': z.array(z.unknown()).max(1000).optional(),
});

const siteName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1).max(200));

/** An https link without credentials, as a normalised string; anything else is dropped. */
export function httpsLink(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname) return undefined;
  return url.href;
}

/** One `[name, fields]` pair as a site, or undefined when it is not usable. */
function readSite(entry: unknown): DirectorySite | undefined {
  if (!Array.isArray(entry) || entry.length < 2) return undefined;
  const name = siteName.safeParse(entry[0]);
  const fields = siteFields.safeParse(entry[1]);
  if (!name.success || !fields.success) return undefined;
  const { domain, tfa, keywords } = fields.data;
  const additional = (fields.data['additional-domains'] ?? [])
    .map((d) => host.safeParse(d))
    .flatMap((d) => (d.success && d.data !== domain ? [d.data] : []));
  const documentation = httpsLink(fields.data.documentation);
  return {
    name: name.data,
    domain,
    additionalDomains: [...new Set(additional)],
    ...(documentation !== undefined && { documentation }),
    categories: [...new Set((keywords ?? []).map((k) => k.toLowerCase()))],
    methods: tfa ?? [],
  };
}

/** The sites of an already-parsed v3 list. Throws DirectoryFormatError if it is not one. */
export function parseDirectoryValue(value: unknown): ParsedDirectory {
  if (!Array.isArray(value)) {
    throw new DirectoryFormatError(
      'wrong-shape',
      'The file is not the 2FA Directory’s list of sites (expected a JSON array of [name, details] pairs, as v3/totp.json has).',
    );
  }
  if (value.length > MAX_SITES) {
    throw new DirectoryFormatError(
      'too-large',
      `The file lists ${value.length} sites, far more than the 2FA Directory has; it was not used.`,
    );
  }
  const sites: DirectorySite[] = [];
  const domains = new Set<string>();
  let skipped = 0;
  for (const entry of value) {
    const site = readSite(entry);
    // The domain is the site's id (the window asks for a site's link by it): keep the first.
    if (!site || domains.has(site.domain)) {
      skipped++;
      continue;
    }
    domains.add(site.domain);
    sites.push(site);
  }
  if (sites.length === 0) {
    throw new DirectoryFormatError(
      value.length === 0 ? 'no-sites' : 'wrong-shape',
      value.length === 0
        ? 'The 2FA Directory file lists no sites; it was not used.'
        : `None of the ${value.length} entries in the file is a site of the 2FA Directory (expected [name, {domain, tfa, ...}] pairs); it was not used.`,
    );
  }
  return { sites, skipped };
}

/** The sites of a v3 list as downloaded (bytes or text). Throws DirectoryFormatError. */
export function parseDirectory(data: Uint8Array | string): ParsedDirectory {
  return parseDirectoryValue(readDirectoryJson(data));
}

/** The JSON value of a downloaded file, within the size cap. Throws DirectoryFormatError. */
export function readDirectoryJson(data: Uint8Array | string): unknown {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size > MAX_DIRECTORY_BYTES) {
    throw new DirectoryFormatError(
      'too-large',
      `The file is ${Math.round(size / 1024 / 1024)} MB, far larger than the 2FA Directory’s list; it was not used.`,
    );
  }
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      throw new DirectoryFormatError(
        'not-utf8',
        'The file is not UTF-8 text, so it is not the 2FA Directory’s list; it was not used.',
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DirectoryFormatError(
      'not-json',
      `The file is not valid JSON (${(error as Error).message}); it may have been cut off. It was not used.`,
    );
  }
}

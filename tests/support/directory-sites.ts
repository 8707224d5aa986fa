// The 2FA Directory fixture (the v3 API's totp.json, 1,281 sites) as the DirectorySite[]
// TrayOTP keeps. A test-side reading of the file, kept minimal; the app's own parser
// (main/directory/parse.ts) checks every field and may replace this.
import { readFileSync } from 'node:fs';
import type { DirectorySite } from '../../main/directory/site';
import { testdataPath } from './testdata';

interface RawSite {
  domain: string;
  'additional-domains'?: string[];
  documentation?: string;
  keywords?: string[];
  tfa?: string[];
}

/** Maps v3 `[name, {domain, ...}]` pairs to sites; throws on an entry without name or domain. */
export function sitesFromV3(entries: unknown): DirectorySite[] {
  if (!Array.isArray(entries)) throw new Error('2FA Directory data: expected an array of entries');
  return entries.map((entry: unknown, i) => {
    const [name, raw] = (Array.isArray(entry) ? entry : []) as [unknown, RawSite | undefined];
    if (typeof name !== 'string' || typeof raw?.domain !== 'string') {
      throw new Error(`2FA Directory data: entry ${i} is not [name, {domain, ...}]`);
    }
    return {
      name,
      domain: raw.domain.toLowerCase(),
      additionalDomains: (raw['additional-domains'] ?? []).map((d) => d.toLowerCase()),
      ...(raw.documentation ? { documentation: raw.documentation } : {}),
      categories: raw.keywords ?? [],
      methods: raw.tfa ?? [],
    };
  });
}

let cached: DirectorySite[] | undefined;

/** The fixture directory's sites (read once). */
export function testDirectorySites(): DirectorySite[] {
  cached ??= sitesFromV3(
    JSON.parse(readFileSync(testdataPath('2fa-directory/totp.json'), 'utf8')) as unknown,
  );
  return cached;
}

// Bindings version 2 (issue 23, R5): a binding means what it shows. Version 1 vaults (no
// `bindings` field in the body) kept hostnames that always meant their registrable domain: an
// account bound to "my.panel.test" was filled on every host under panel.test. Version 2 reads a
// bare hostname as exactly that host, and "*.panel.test" as panel.test and its subdomains. So a
// version 1 body is migrated when it is read: each binding becomes the "*." form of what it
// meant, and the changes are listed, so the app can tell the person which bindings now show
// their whole site (the effect on filling is the same; only what is shown widened). Saving
// writes `bindings: 2`, after which nothing is migrated again.
import { domainOfHost, LOOPBACK_HOSTS, SUBDOMAINS } from '../browser/domains';
import type { Entry } from './entries';

export const BINDINGS_VERSION = 2;

/** One binding a migration rewrote. */
export interface BindingChange {
  id: string;
  issuer: string;
  name: string;
  /** As version 1 showed it ("my.panel.test"). */
  from: string;
  /** What it meant, as version 2 shows it ("*.panel.test"). */
  to: string;
}

/** What a version 1 binding meant, in version 2's terms. */
export function versionOneMeaning(binding: string): string {
  if (binding.startsWith(SUBDOMAINS) || LOOPBACK_HOSTS.includes(binding)) return binding;
  const domain = domainOfHost(binding);
  return domain ? `${SUBDOMAINS}${domain}` : binding;
}

/** Version 1 entries → version 2 entries with the same meaning, and the bindings rewritten. */
export function migrateBindings(entries: Entry[]): { entries: Entry[]; changes: BindingChange[] } {
  const changes: BindingChange[] = [];
  const migrated = entries.map((entry) => {
    if (!entry.domains?.length) return entry;
    const domains: string[] = [];
    for (const from of entry.domains) {
      const to = versionOneMeaning(from);
      if (to !== from)
        changes.push({ id: entry.id, issuer: entry.issuer, name: entry.name, from, to });
      if (!domains.includes(to)) domains.push(to);
    }
    return { ...entry, domains };
  });
  return { entries: migrated, changes };
}

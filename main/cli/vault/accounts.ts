// Naming and finding accounts on the command line: ACCOUNT is an id, ISSUER:NAME, or a name or
// issuer alone (case-insensitive, one match only).
import type { Entry } from '../../vault';
import { CliError } from '../io';

export function label(account: { issuer: string; name: string }): string {
  return account.issuer ? `${account.issuer}:${account.name}` : account.name;
}

/** NEW_NAME is ISSUER:NAME, or a NAME alone that keeps the issuer. */
export function newName(entry: Entry, text: string): { issuer: string; name: string } {
  const colon = text.indexOf(':');
  const [issuer, name] =
    colon === -1 ? [entry.issuer, text] : [text.slice(0, colon), text.slice(colon + 1)];
  if (!name.trim()) throw new CliError(`the new name "${text}" has no account name`);
  return { issuer: issuer.trim(), name: name.trim() };
}

/** What `list --json` prints: everything but the secret (and the icon, which is bulky). */
export function withoutSecret(entry: Entry) {
  return Object.fromEntries(
    Object.entries(entry).filter(([key]) => key !== 'secret' && key !== 'icon'),
  );
}

/** By id, else by issuer:name, else by name or issuer alone; case-insensitive; one match only. */
export function find(entries: readonly Entry[], query: string): Entry {
  const q = query.toLowerCase();
  const tiers = [
    entries.filter((e) => e.id === query),
    entries.filter((e) => label(e).toLowerCase() === q),
    entries.filter((e) => e.name.toLowerCase() === q || e.issuer.toLowerCase() === q),
  ];
  const matches = tiers.find((tier) => tier.length > 0) ?? [];
  if (matches.length === 0) {
    throw new CliError(`no account matches "${query}"; see trayotp vault list`);
  }
  if (matches.length > 1) {
    const labels = new Set(matches.map((e) => label(e).toLowerCase()));
    // Different labels: the full ISSUER:NAME picks one. The same label: only the id can.
    const how =
      labels.size === matches.length
        ? 'use ISSUER:NAME or the id'
        : 'they share that name, so give the id';
    const list = matches.map((e) => `${label(e)} id ${e.id}`).join(', ');
    throw new CliError(`"${query}" matches ${matches.length} accounts (${list}); ${how}`);
  }
  return matches[0]!;
}

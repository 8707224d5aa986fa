// The sites the 2FA Directory lists for an account's issuer, offered under the Edit view's Sites
// field (issue 16). Add only writes the site into the field: the account is bound when the person
// saves, in TrayOTP's own window, never by the directory or a page.
import { useId } from 'react';
import './sites.css';

/**
 * The host a person wrote in the field, loosely ("https://Login.GitHub.com/x" →
 * "login.github.com"): enough to see that a suggestion is there already. Main checks it properly.
 */
export function looseHost(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d*$/, '')
    .replace(/\.$/, '');
}

/**
 * The suggestions the field does not cover yet: a site is covered by itself, or by "*." and it
 * or a site above it (issue 23: "login.github.com" is that address only, not github.com).
 */
export function remainingSuggestions(suggested: readonly string[], fieldItems: readonly string[]) {
  const items = fieldItems.map((item) => item.trim().toLowerCase());
  const exact = items.filter((item) => !item.startsWith('*.')).map(looseHost);
  const wide = items
    .filter((item) => item.startsWith('*.'))
    .map((item) => looseHost(item.slice(2)));
  return suggested.filter(
    (site) =>
      !exact.includes(site) && !wide.some((base) => site === base || site.endsWith(`.${base}`)),
  );
}

export function SiteSuggestions({
  suggested,
  fieldItems,
  onAdd,
}: {
  suggested: readonly string[];
  /** The Sites field's text, split at commas. */
  fieldItems: readonly string[];
  onAdd: (site: string) => void;
}) {
  const labelId = useId();
  const remaining = remainingSuggestions(suggested, fieldItems);
  if (remaining.length === 0) return null;
  return (
    <div className="site-suggestions">
      <span id={labelId}>Suggested by the 2FA Directory:</span>
      <ul aria-labelledby={labelId}>
        {remaining.map((site) => (
          <li key={site}>
            <span className="site-suggestion-host">{site}</span>
            <button type="button" aria-label={`Add ${site} to Sites`} onClick={() => onAdd(site)}>
              Add
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

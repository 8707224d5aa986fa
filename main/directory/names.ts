// How TrayOTP compares names of sites: issuers as users and exports write them ("GitHub",
// "github.com", "Amazon Web Services"), the 2FA Directory's site names and domains, and window
// titles. One folding and one list of weak words, shared by the directory index and the hotkey's
// title matching, so both agree on what counts as the same name.

/** Lower case, accents removed, and Unicode compatibility forms folded ("Ｃａｆé" → "cafe"). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words of a text: runs of letters and digits after folding ("To-Do" → ["to", "do"]). */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Words too common to identify a site or an account on their own: an issuer called "Mail" must
// not match every title with "mail" in it, nor name the one directory site whose domain is
// mail.com. Inside a longer phrase ("Proton Mail") they still count.
export const WEAK_WORDS: ReadonlySet<string> = new Set(
  [
    'account accounts app admin auth bank cloud code com dashboard email free help home id in',
    'inbox log login mail my net new news of online org portal profile secure security service',
    'services settings sign support test the to user verify web welcome www',
  ]
    .join(' ')
    .split(' '),
);

// Second-level labels under a country's top-level domain ("bank.co.uk", "amazon.com.au").
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or']);

/**
 * The labels of a domain split at its registrable part: "aws.amazon.com" → sub ["aws"], name
 * "amazon"; "goabode.co.uk" → sub [], name "goabode". Undefined for a single label.
 */
export function splitDomain(domain: string): { sub: string[]; name: string } | undefined {
  const labels = fold(domain).split('.').filter(Boolean);
  if (labels.length < 2) return undefined;
  const last = labels.length - 1;
  const twoLevel =
    labels.length >= 3 && SECOND_LEVEL.has(labels[last - 1]!) && labels[last]!.length === 2;
  const nameAt = twoLevel ? last - 2 : last - 1;
  return { sub: labels.slice(0, nameAt), name: labels[nameAt]! };
}

// A hostname: dot-separated labels ending in an alphabetic top-level label ("my.20i.com").
const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const HOST_ONLY = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*\\.(?:[a-z]{2,}|xn--[a-z0-9-]+)$`);

/**
 * The hostname a text names, when the whole text is one: "github.com", "www.GitHub.com.",
 * "https://github.com/login" → "github.com"/"www.github.com"; "GitHub" → undefined.
 */
export function hostOf(text: string): string | undefined {
  let host = fold(text.trim());
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(host);
  if (scheme) host = host.slice(scheme[0].length);
  host = host
    .replace(/[/?#].*$/s, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  return HOST_ONLY.test(host) ? host : undefined;
}

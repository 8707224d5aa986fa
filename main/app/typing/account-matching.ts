// Which account does the user want a code for? The focused window's title says: a browser shows
// "Log in | 20i — Mozilla Firefox", a desktop client "Slack | general | Acme". We look for each
// account's issuer (as whole words, its initials "AWS" for "Amazon Web Services", or a product
// name built on it like "my20i"), its domains (hostnames in the title, or the domain's name as a
// word) and its account name in the title. With the 2FA Directory, an account also goes by its
// site's names and domains ("Twitter" is X, x.com and twitter.com). A choice the user made before
// for the same title wins over everything. Exactly one account matching → type its code; several
// or none → the picker opens with the candidates ranked, best first.
import {
  builtOn,
  namesOnlyABrowser,
  phraseAt,
  someTitleWord,
  stripTitle,
  titleKey,
  tokenize,
} from './window-title';
import type { TitleTokens } from './window-title';
import { matchKeys } from './match-keys';
import type { MatchKeys } from './match-keys';

export { stripTitle, titleKey } from './window-title';

/** What the 2FA Directory knows of an account's issuer: createSiteMatcher(sites).infoFor(issuer). */
export interface SiteMatchInfo {
  /**
   * Names the site goes by: its name as the directory writes it, then each part of it
   * ("X (Twitter)", "X", "Twitter").
   */
  names: readonly string[];
  /**
   * Longer names of other companies' sites that contain one of these names ("Dropbox Sign",
   * HelloSign's, for Dropbox): in a title they are about that site, not this one. Sub-brands
   * on the site's own domain ("Amazon Pay" for Amazon) are not listed: they share its sign-in.
   */
  otherSites: readonly string[];
  /** Its main and additional domains. */
  domains: readonly string[];
  /**
   * Names of those domains that name this site and no other ("20i", "fortnite"; never "amazon"
   * for aws.amazon.com).
   */
  domainWords: readonly string[];
}

/** What matching reads of an account: the hotkey passes its HotkeyAccount (hotkey-account.ts). */
export interface MatchableAccount {
  id: string;
  issuer: string;
  name: string;
  /**
   * Web domains bound to the account ("20i.com"), from Entry.domains: set in the Edit view's
   * Sites field, by binding a site from the browser extension (the Bind site view), or when an
   * account is added from a browser's page. May be empty.
   */
  domains?: readonly string[];
  /** From the 2FA Directory, when it knows the issuer (createSiteMatcher); absent without it. */
  site?: SiteMatchInfo;
}

export type MatchReason = 'remembered' | 'issuer' | 'domain' | 'name';

export interface RankedCandidate {
  id: string;
  score: number;
  reasons: MatchReason[];
}

export type MatchResult =
  | { kind: 'match'; id: string; reason: MatchReason }
  | { kind: 'pick'; candidates: RankedCandidate[] };

/** Remembered choices: titleKey(window title) → account id. */
export type RememberedChoices = ReadonlyMap<string, string>;

interface Scored {
  id: string;
  score: number;
  reasons: MatchReason[];
  /** Position and length of the issuer phrase in the title, for dropping sub-phrase matches. */
  span?: { at: number; length: number };
}

// Issuer words beat their initials, which beat a domain; a hostname written out beats a product
// name built on the issuer ("my20i"), which beats a domain's name seen as a word; a more
// specific hostname ("pay.amazon.com") beats the one it sits under ("amazon.com").
const SCORES = {
  issuer: 100,
  initials: 90,
  domain: 80,
  builtOn: 70,
  domainName: 60,
  name: 20,
  address: 10,
} as const;

/**
 * Where `phrase` occurs in the title other than inside another company's longer site name:
 * "Dropbox" in "Dropbox Sign – Log in" is about Dropbox Sign (HelloSign), not Dropbox.
 */
function phraseOwnAt(keys: MatchKeys, title: TitleTokens, phrase: readonly string[]): number {
  for (let at = phraseAt(title, phrase); at >= 0; at = phraseAt(title, phrase, at + 1)) {
    if (!insideOtherSite(keys, title, at, at + phrase.length)) return at;
  }
  return -1;
}

/** Whether title words [at, end) belong to another company's site name written there. */
function insideOtherSite(keys: MatchKeys, title: TitleTokens, at: number, end: number): boolean {
  return keys.otherSites.some((other) => {
    for (let o = phraseAt(title, other); o >= 0; o = phraseAt(title, other, o + 1)) {
      if (o <= at && o + other.length >= end) return true;
    }
    return false;
  });
}

function issuerScore(keys: MatchKeys, title: TitleTokens): Pick<Scored, 'score' | 'span'> {
  for (const phrase of keys.phrases) {
    const at = phraseOwnAt(keys, title, phrase);
    if (at >= 0)
      return { score: SCORES.issuer + phrase.length, span: { at, length: phrase.length } };
  }
  if (keys.initials.some((i) => title.capitals.has(i) && someTitleWord(title, (w) => w === i))) {
    return { score: SCORES.initials };
  }
  if (keys.stems.some((stem) => someTitleWord(title, (w) => builtOn(w, stem)))) {
    return { score: SCORES.builtOn };
  }
  return { score: 0 };
}

function domainScore(keys: MatchKeys, title: TitleTokens): number {
  let best = 0;
  for (const host of keys.hosts) {
    if (title.hosts.some((h) => h === host || h.endsWith(`.${host}`))) {
      best = Math.max(best, SCORES.domain + host.split('.').length);
    }
  }
  if (best > 0) return best;
  const named = keys.domainNames.some((n) =>
    title.words.some(
      (w, i) =>
        w === n &&
        !title.hostRange[i] &&
        (n.length > 1 || title.capitals.has(n)) &&
        !insideOtherSite(keys, title, i, i + 1),
    ),
  );
  return named ? SCORES.domainName : 0;
}

/** Whether the title contains `address` whole: not "bob.alice@…" nor "…@gmail.com.au". */
function addressIn(title: TitleTokens, address: string): boolean {
  const text = title.text;
  for (let at = text.indexOf(address); at >= 0; at = text.indexOf(address, at + 1)) {
    const before = text.slice(0, at);
    const after = text.slice(at + address.length);
    if (!/[\p{L}\p{N}._%+-]$/u.test(before) && !/^\.?[\p{L}\p{N}-]/u.test(after)) return true;
  }
  return false;
}

function scoreAccount(account: MatchableAccount, title: TitleTokens): Scored {
  const keys = matchKeys(account);
  const reasons: MatchReason[] = [];
  const issuer = issuerScore(keys, title);
  let score = issuer.score;
  if (issuer.score > 0) reasons.push('issuer');

  const domain = domainScore(keys, title);
  if (domain > 0) {
    score += domain;
    reasons.push('domain');
  }

  // The account name breaks ties (two GitHub accounts, the title shows the user name); on its
  // own it is only a hint that ranks the picker.
  if (keys.nameWords.length > 0 && phraseAt(title, keys.nameWords) >= 0) {
    // Longer names are more specific: "alice-work" in the title is better evidence for the
    // account "alice-work" than for "alice".
    score += SCORES.name + keys.nameWords.length;
    // The whole address ("Inbox - alice@gmail.com - Gmail") says more than its first part,
    // which other accounts share; still only a hint: mail clients show others' addresses.
    if (keys.address && addressIn(title, keys.address)) score += SCORES.address;
    reasons.push('name');
  }
  const scored: Scored = { id: account.id, score, reasons };
  if (issuer.span) scored.span = issuer.span;
  return scored;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Picks the account for a focused window title. `remembered` maps titleKey(title) to the id the
 * user chose last time for that title; it wins when that account still exists.
 */
export function matchAccount(
  title: string | undefined,
  accounts: readonly MatchableAccount[],
  remembered: RememberedChoices = new Map(),
): MatchResult {
  const stripped = title ? stripTitle(title) : '';
  const rememberedId = title ? remembered.get(titleKey(title)) : undefined;
  if (rememberedId && accounts.some((a) => a.id === rememberedId)) {
    return { kind: 'match', id: rememberedId, reason: 'remembered' };
  }

  const tokens = tokenize(stripped);
  const scored = accounts.map((a, order) => ({ ...scoreAccount(a, tokens), order }));

  // "Amazon Pay" in the title matches both the "Amazon" and the "Amazon Pay" accounts; the
  // shorter issuer is then part of the longer one's words and is not a match of its own.
  const inside = (a: Scored, b: Scored) =>
    a.span !== undefined &&
    b.span !== undefined &&
    b.span.length > a.span.length &&
    a.span.at >= b.span.at &&
    a.span.at + a.span.length <= b.span.at + b.span.length;
  const spans = scored.filter((c) => c.span !== undefined);
  for (const candidate of spans) {
    if (spans.some((other) => inside(candidate, other))) {
      candidate.score -= SCORES.issuer + (candidate.span?.length ?? 0);
      candidate.reasons = candidate.reasons.filter((r) => r !== 'issuer');
      delete candidate.span;
    }
  }

  const ranked = [...scored].sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const [x, y] = [accounts[a.order]!, accounts[b.order]!];
    return (
      collator.compare(x.issuer, y.issuer) || collator.compare(x.name, y.name) || a.order - b.order
    );
  });

  // A match needs the issuer or a domain, and must be strictly ahead of every other account;
  // a name alone only ranks (and breaks ties between accounts of the same issuer).
  const [best, second] = ranked;
  if (
    best &&
    (best.reasons.includes('issuer') || best.reasons.includes('domain')) &&
    (!second || best.score > second.score)
  ) {
    return { kind: 'match', id: best.id, reason: best.reasons[0]! };
  }
  return {
    kind: 'pick',
    candidates: ranked.map(({ id, score, reasons }) => ({ id, score, reasons })),
  };
}

/** The remembered choices after the user picked `id` for `title` (a new map; the caller stores it). */
export function rememberChoice(
  remembered: RememberedChoices,
  title: string,
  id: string,
): Map<string, string> {
  const next = new Map(remembered);
  const key = titleKey(title);
  if (key && !namesOnlyABrowser(key)) next.set(key, id);
  return next;
}

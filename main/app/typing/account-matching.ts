// Which account does the user want a code for? The focused window's title says: a browser shows
// "Log in | 20i — Mozilla Firefox", a desktop client "Slack | general | Acme". We look for each
// account's issuer (as whole words, its initials "AWS" for "Amazon Web Services", or a product
// name built on it like "my20i"), its domains (hostnames in the title, or the domain's name as a
// word) and its account name in the title. With the 2FA Directory, an account also goes by its
// site's names and domains ("Twitter" is X, x.com and twitter.com). A choice the user made before
// for the same title wins over everything. Exactly one account matching → type its code; several
// or none → the picker opens with the candidates ranked, best first.
import { fold, hostOf, splitDomain, WEAK_WORDS, words } from '../../directory/names';

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

export interface MatchableAccount {
  id: string;
  issuer: string;
  name: string;
  /** Web domains of the issuer ("20i.com") the user or an import gave; may be empty. */
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

// Browser names appended to a tab's title. Longest first, so "Firefox Developer Edition" goes
// before "Firefox".
const BROWSER_SUFFIXES = [
  'Mozilla Firefox Private Browsing',
  'Firefox Developer Edition',
  'Mozilla Firefox',
  'Firefox',
  'Google Chrome',
  'Chromium',
  'Microsoft Edge',
  // Edge writes a zero-width space into its own name.
  'Microsoft\u200b Edge',
  'Brave',
  'Vivaldi',
  'Opera',
  'LibreWolf',
  'Waterfox',
  'Safari',
  'Tor Browser',
].sort((a, b) => b.length - a.length);

const SEPARATORS = ['—', '–', '-', '|', '·', '::'];

/** The title without the browser's name and without a leading unread counter like "(3)". */
export function stripTitle(title: string): string {
  let stripped = title.trim();
  // One browser name at most: "Log in | Opera — Mozilla Firefox" is a tab about Opera.
  strip: for (const browser of BROWSER_SUFFIXES) {
    for (const separator of SEPARATORS) {
      const suffix = ` ${separator} ${browser}`;
      if (stripped.toLowerCase().endsWith(suffix.toLowerCase())) {
        stripped = stripped.slice(0, -suffix.length).trim();
        break strip;
      }
    }
  }
  return stripped.replace(/^\(\d+\+?\)\s*/, '').trim();
}

/** The key remembered choices are stored under: the stripped, folded title, spaces collapsed. */
export function titleKey(title: string): string {
  return fold(stripTitle(title)).replace(/\s+/g, ' ');
}

// A hostname: dot-separated labels ending in an alphabetic top-level label ("my.20i.com").
const HOST = String.raw`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?![\p{L}\p{N}])`;
const TOKEN = new RegExp(String.raw`(?<![\p{L}\p{N}.-])(${HOST})|[\p{L}\p{N}]+`, 'gu');

/** A title as words, knowing which words came from a hostname written in it. */
interface TitleTokens {
  words: string[];
  /** For each word, the [first, end) word range of its hostname, or undefined. */
  hostRange: ([number, number] | undefined)[];
  hosts: string[];
  /** The whole title folded, to find an e-mail address written in it. */
  text: string;
  /** Words written in capitals ("AWS", "X"), folded: initials and one-letter names need them. */
  capitals: Set<string>;
}

function tokenize(text: string): TitleTokens {
  const folded = fold(text);
  const tokens: TitleTokens = {
    words: [],
    hostRange: [],
    hosts: [],
    text: folded,
    capitals: new Set(),
  };
  for (const match of folded.matchAll(TOKEN)) {
    const host = match[1];
    if (!host) {
      tokens.words.push(match[0]);
      tokens.hostRange.push(undefined);
      continue;
    }
    tokens.hosts.push(host);
    const parts = words(host);
    const range: [number, number] = [tokens.words.length, tokens.words.length + parts.length];
    for (const part of parts) {
      tokens.words.push(part);
      tokens.hostRange.push(range);
    }
  }
  for (const [word] of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (/\p{Lu}/u.test(word) && word === word.toUpperCase()) tokens.capitals.add(fold(word));
  }
  return tokens;
}

/**
 * Where `phrase` occurs as consecutive whole words of the title, or -1. Words of a hostname only
 * count all together: "Internet.bs" matches the host internet.bs, but "Amazon" does not match
 * inside login.pay.amazon.com (that is the domains' job). A one-letter name ("X") counts only
 * written as a capital: "Home / X", not "3 x 4".
 */
function phraseAt(title: TitleTokens, phrase: readonly string[], from = 0): number {
  if (phrase.length === 0) return -1;
  if (phrase.length === 1 && phrase[0]!.length === 1 && !title.capitals.has(phrase[0]!)) return -1;
  outer: for (let i = from; i + phrase.length <= title.words.length; i++) {
    const end = i + phrase.length;
    for (let j = 0; j < phrase.length; j++) {
      if (title.words[i + j] !== phrase[j]) continue outer;
      const range = title.hostRange[i + j];
      if (range && (range[0] < i || range[1] > end)) continue outer;
    }
    return i;
  }
  return -1;
}

/** Whether a word outside any hostname satisfies `test`. */
function someTitleWord(title: TitleTokens, test: (word: string) => boolean): boolean {
  return title.words.some((w, i) => !title.hostRange[i] && test(w));
}

// Product names built on a site's name: "my20i" (20i), "getdropbox", "slackhq". Only these few
// affixes, so that "Amazonia" is not Amazon and "Dropbox" is not Box.
const PREFIXES = ['my', 'go', 'get', 'try', 'join', 'use'];
const SUFFIXES = ['app', 'hq', 'id', 'login', 'online', 'web'];
function builtOn(word: string, name: string): boolean {
  if (word.length <= name.length) return false;
  if (word.endsWith(name)) return PREFIXES.includes(word.slice(0, -name.length));
  if (word.startsWith(name)) return SUFFIXES.includes(word.slice(name.length));
  return false;
}

/**
 * A domain's distinctive name: "20i" for 20i.com and "goabode" for goabode.co.uk. Not for
 * pay.amazon.com or drive.google.com, whose name is the parent company's and names other
 * services as much as this one. Weak words ("mail" of mail.com) never count.
 */
function domainName(domain: string): string | undefined {
  const split = splitDomain(domain);
  if (!split || split.sub.some((label) => label !== 'www')) return undefined;
  return WEAK_WORDS.has(split.name) ? undefined : split.name;
}

/** A name as a phrase to find, unless it is a single weak word ("Mail", "Login"). */
function usablePhrase(name: string): string[] | undefined {
  const phrase = words(name);
  if (phrase.length === 0 || (phrase.length === 1 && WEAK_WORDS.has(phrase[0]!))) return undefined;
  return phrase;
}

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

/** What matching needs of an account, computed once per account (kept by content, below). */
interface Prepared {
  /** The issuer and the directory's names for its site, as word lists, longest first. */
  phrases: string[][];
  /** Other companies' longer site names around these ("dropbox sign" around "dropbox"). */
  otherSites: string[][];
  /** "aws" for "Amazon Web Services": names of three words or more. */
  initials: string[];
  /** Single distinctive words a product name may be built on ("20i"). */
  stems: string[];
  hosts: string[];
  domainNames: string[];
  nameWords: string[];
  /** The account name when it is an e-mail address ("alice@gmail.com"), folded. */
  address: string | undefined;
}

// The hotkey builds its account list anew on every press, so what matching needs is kept by the
// account's content, not its object: per directory site object (stable while the directory is),
// then by issuer, name and domains. Bounded: a vault's accounts, plus what edits leave behind.
const PREPARED_LIMIT = 2000;
const preparedBySite = new WeakMap<SiteMatchInfo, Map<string, Prepared>>();
const preparedPlain = new Map<string, Prepared>();

function preparedCache(account: MatchableAccount): Map<string, Prepared> {
  if (!account.site) return preparedPlain;
  let cache = preparedBySite.get(account.site);
  if (!cache) preparedBySite.set(account.site, (cache = new Map()));
  return cache;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

function prepare(account: MatchableAccount): Prepared {
  const cache = preparedCache(account);
  const cacheKey = [account.issuer, account.name, ...(account.domains ?? [])].join('\u0000');
  let keys = cache.get(cacheKey);
  if (keys) return keys;
  const site = account.site;
  // An issuer written as a hostname ("gitlab.com", "Binance.com") is a domain too.
  const issuerHost = hostOf(account.issuer);
  const ownDomains = [...(account.domains ?? []), ...(issuerHost ? [issuerHost] : [])];
  const siteDomains = new Set((site?.domains ?? []).map(fold));
  const phrases = [account.issuer, ...(site?.names ?? [])]
    .map(usablePhrase)
    .filter((p): p is string[] => p !== undefined);
  const byText = new Map(phrases.map((p) => [p.join(' '), p]));
  const uniquePhrases = [...byText.values()].sort((a, b) => b.length - a.length);
  const domainNames = unique([
    ...ownDomains
      .filter((d) => !siteDomains.has(fold(d)))
      .map(domainName)
      .filter((n): n is string => n !== undefined),
    ...(site?.domainWords ?? []).map(fold).filter((n) => !WEAK_WORDS.has(n)),
  ]);
  keys = {
    phrases: uniquePhrases,
    otherSites: (site?.otherSites ?? []).map(words).filter((p) => p.length > 0),
    initials: unique(
      uniquePhrases.filter((p) => p.length >= 3).map((p) => p.map((w) => w[0]).join('')),
    ),
    stems: unique([
      ...uniquePhrases.filter((p) => p.length === 1).map((p) => p[0]!),
      ...domainNames,
    ]).filter((w) => w.length >= 3),
    hosts: unique([...ownDomains, ...siteDomains].map(fold)),
    domainNames,
    // An e-mail address counts by its local part: the domain part names a mail provider.
    nameWords: words(account.name.split('@')[0] ?? '').filter((w) => !WEAK_WORDS.has(w)),
    address: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(account.name.trim())
      ? fold(account.name.trim())
      : undefined,
  };
  if (cache.size >= PREPARED_LIMIT) cache.clear();
  cache.set(cacheKey, keys);
  return keys;
}

/**
 * Where `phrase` occurs in the title other than inside another company's longer site name:
 * "Dropbox" in "Dropbox Sign – Log in" is about Dropbox Sign (HelloSign), not Dropbox.
 */
function phraseOwnAt(keys: Prepared, title: TitleTokens, phrase: readonly string[]): number {
  for (let at = phraseAt(title, phrase); at >= 0; at = phraseAt(title, phrase, at + 1)) {
    if (!insideOtherSite(keys, title, at, at + phrase.length)) return at;
  }
  return -1;
}

/** Whether title words [at, end) belong to another company's site name written there. */
function insideOtherSite(keys: Prepared, title: TitleTokens, at: number, end: number): boolean {
  return keys.otherSites.some((other) => {
    for (let o = phraseAt(title, other); o >= 0; o = phraseAt(title, other, o + 1)) {
      if (o <= at && o + other.length >= end) return true;
    }
    return false;
  });
}

function issuerScore(keys: Prepared, title: TitleTokens): Pick<Scored, 'score' | 'span'> {
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

function domainScore(keys: Prepared, title: TitleTokens): number {
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
  const keys = prepare(account);
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

const BROWSER_KEYS = new Set(BROWSER_SUFFIXES.map((browser) => titleKey(browser)));

/**
 * A title that is just a browser's name ("Safari": macOS without the Accessibility permission
 * gives only the app's name; a browser with no page) says nothing about the site: a choice
 * remembered for it would type that account's code into every site shown in that browser.
 */
function namesOnlyABrowser(key: string): boolean {
  return BROWSER_KEYS.has(key);
}

// Which account does the user want a code for? The focused window's title says: a browser shows
// "Log in | 20i — Mozilla Firefox", a desktop client "Slack | general | Acme". We look for each
// account's issuer (as whole words), its domains (hostnames in the title, or the domain's name
// as a word) and its account name in the title. A choice the user made before for the same title
// wins over everything. Exactly one account matching → type its code; several or none → the
// picker opens with the candidates ranked, best first.

export interface MatchableAccount {
  id: string;
  issuer: string;
  name: string;
  /** Web domains of the issuer ("20i.com"), e.g. from the 2FA directory; may be empty. */
  domains?: readonly string[];
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

/** Lower case, accents removed, and Unicode compatibility forms folded ("ｆｕｌｌ" → "full"). */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

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

/** Words of a text: runs of letters and digits after folding. */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
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
}

function tokenize(text: string): TitleTokens {
  const tokens: TitleTokens = { words: [], hostRange: [], hosts: [] };
  for (const match of fold(text).matchAll(TOKEN)) {
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
  return tokens;
}

/**
 * Where `phrase` occurs as consecutive whole words of the title, or -1. Words of a hostname only
 * count all together: "Internet.bs" matches the host internet.bs, but "Amazon" does not match
 * inside login.pay.amazon.com (that is the domains' job).
 */
function phraseAt(title: TitleTokens, phrase: string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= title.words.length; i++) {
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

// A domain's distinctive name: "20i" for 20i.com, "abode" never — "goabode" for goabode.com.
// Second-level public suffixes are common enough to handle ("bank.co.uk" → "bank").
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or']);
function domainName(domain: string): string | undefined {
  const labels = fold(domain).split('.').filter(Boolean);
  if (labels.length < 2) return labels[0];
  const last = labels.length - 1;
  const sld = labels[last - 1]!;
  if (labels.length >= 3 && SECOND_LEVEL.has(sld) && labels[last]!.length === 2) {
    return labels[last - 2];
  }
  return sld;
}

// Words too common to identify an account on their own: an issuer or account called "Mail"
// must not match every title with "mail" in it, while "Proton Mail" still does as a phrase.
const WEAK_WORDS = new Set(
  [
    'account accounts app admin auth bank cloud code com dashboard email home id in log',
    'login mail my net of online org portal secure security service services sign the to verify web www',
  ]
    .join(' ')
    .split(' '),
);

interface Scored {
  id: string;
  score: number;
  reasons: MatchReason[];
  /** Position and length of the issuer phrase in the title, for dropping sub-phrase matches. */
  span?: { at: number; length: number };
}

// Issuer words beat a domain, and a hostname written out beats a domain's name seen as a word;
// a more specific hostname ("pay.amazon.com") beats the one it sits under ("amazon.com").
const SCORES = { issuer: 100, domain: 80, domainName: 60, name: 20 } as const;

/** What matching needs of an account, computed once per account object. */
interface Prepared {
  issuerWords: string[];
  issuerUsable: boolean;
  hosts: string[];
  domainNames: string[];
  nameWords: string[];
  sortKey: [string, string];
}

const prepared = new WeakMap<MatchableAccount, Prepared>();

function prepare(account: MatchableAccount): Prepared {
  let keys = prepared.get(account);
  if (!keys) {
    const issuerWords = words(account.issuer);
    const domains = account.domains ?? [];
    keys = {
      issuerWords,
      issuerUsable: issuerWords.length > 1 || !WEAK_WORDS.has(issuerWords[0] ?? ''),
      hosts: domains.map(fold),
      domainNames: domains
        .map(domainName)
        .filter((n): n is string => n !== undefined && !WEAK_WORDS.has(n)),
      // An e-mail address counts by its local part: the domain part names a mail provider.
      nameWords: words(account.name.split('@')[0] ?? '').filter((w) => !WEAK_WORDS.has(w)),
      sortKey: [account.issuer, account.name],
    };
    prepared.set(account, keys);
  }
  return keys;
}

function scoreAccount(account: MatchableAccount, title: TitleTokens): Scored {
  const keys = prepare(account);
  const reasons: MatchReason[] = [];
  let score = 0;
  let span: Scored['span'];

  const issuerAt = keys.issuerUsable ? phraseAt(title, keys.issuerWords) : -1;
  if (issuerAt >= 0) {
    score += SCORES.issuer + keys.issuerWords.length;
    reasons.push('issuer');
    span = { at: issuerAt, length: keys.issuerWords.length };
  }

  let domainScore = 0;
  for (const host of keys.hosts) {
    if (title.hosts.some((h) => h === host || h.endsWith(`.${host}`))) {
      domainScore = Math.max(domainScore, SCORES.domain + host.split('.').length);
    }
  }
  if (
    domainScore === 0 &&
    keys.domainNames.some((n) => title.words.some((w, i) => w === n && !title.hostRange[i]))
  ) {
    domainScore = SCORES.domainName;
  }
  if (domainScore > 0) {
    score += domainScore;
    reasons.push('domain');
  }

  // The account name breaks ties (two GitHub accounts, the title shows the user name); on its
  // own it is only a hint that ranks the picker.
  if (keys.nameWords.length > 0 && phraseAt(title, keys.nameWords) >= 0) {
    // Longer names are more specific: "alice-work" in the title is better evidence for the
    // account "alice-work" than for "alice".
    score += SCORES.name + keys.nameWords.length;
    reasons.push('name');
  }
  return span ? { id: account.id, score, reasons, span } : { id: account.id, score, reasons };
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
  const scored = accounts.map((a) => scoreAccount(a, tokens));

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

  const index = new Map(accounts.map((a, i) => [a.id, i]));
  const keyOf = (c: Scored) => prepare(accounts[index.get(c.id)!]!).sortKey;
  const ranked = [...scored].sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const [x, y] = [keyOf(a), keyOf(b)];
    return (
      collator.compare(x[0], y[0]) ||
      collator.compare(x[1], y[1]) ||
      index.get(a.id)! - index.get(b.id)!
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
  if (key) next.set(key, id);
  return next;
}

// The focused window's title as matching reads it: without the browser's name, as words (and
// hostnames written in it), and the word shapes that name a site ("my20i" is built on 20i).
import { fold, splitDomain, WEAK_WORDS, words } from '../../directory/names';

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
export interface TitleTokens {
  words: string[];
  /** For each word, the [first, end) word range of its hostname, or undefined. */
  hostRange: ([number, number] | undefined)[];
  hosts: string[];
  /** The whole title folded, to find an e-mail address written in it. */
  text: string;
  /** Words written in capitals ("AWS", "X"), folded: initials and one-letter names need them. */
  capitals: Set<string>;
}

export function tokenize(text: string): TitleTokens {
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
export function phraseAt(title: TitleTokens, phrase: readonly string[], from = 0): number {
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
export function someTitleWord(title: TitleTokens, test: (word: string) => boolean): boolean {
  return title.words.some((w, i) => !title.hostRange[i] && test(w));
}

// Product names built on a site's name: "my20i" (20i), "getdropbox", "slackhq". Only these few
// affixes, so that "Amazonia" is not Amazon and "Dropbox" is not Box.
const PREFIXES = ['my', 'go', 'get', 'try', 'join', 'use'];
const SUFFIXES = ['app', 'hq', 'id', 'login', 'online', 'web'];
export function builtOn(word: string, name: string): boolean {
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
export function domainName(domain: string): string | undefined {
  const split = splitDomain(domain);
  if (!split || split.sub.some((label) => label !== 'www')) return undefined;
  return WEAK_WORDS.has(split.name) ? undefined : split.name;
}

/** A name as a phrase to find, unless it is a single weak word ("Mail", "Login"). */
export function usablePhrase(name: string): string[] | undefined {
  const phrase = words(name);
  if (phrase.length === 0 || (phrase.length === 1 && WEAK_WORDS.has(phrase[0]!))) return undefined;
  return phrase;
}

const BROWSER_KEYS = new Set(BROWSER_SUFFIXES.map((browser) => titleKey(browser)));

/**
 * A title that is just a browser's name ("Safari": macOS without the Accessibility permission
 * gives only the app's name; a browser with no page) says nothing about the site: a choice
 * remembered for it would type that account's code into every site shown in that browser.
 */
export function namesOnlyABrowser(key: string): boolean {
  return BROWSER_KEYS.has(key);
}

// Which account a focused window's title points to. Tables of titles as browsers and apps write
// them; then every site of the 2FA Directory (1,281 issuers with their domains) as a realistic
// crowd of accounts to pick one from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  matchAccount,
  rememberChoice,
  stripTitle,
  titleKey,
  type MatchableAccount,
  type MatchResult,
} from '../../../../main/app/typing/account-matching';
import { testdataPath } from '../../../support/testdata';

const accounts: MatchableAccount[] = [
  { id: '20i', issuer: '20i', name: 'ops@example.com', domains: ['20i.com'] },
  { id: 'gh-alice', issuer: 'GitHub', name: 'alice', domains: ['github.com'] },
  { id: 'gh-work', issuer: 'GitHub', name: 'alice-work', domains: ['github.com'] },
  { id: 'amazon', issuer: 'Amazon', name: 'alice@example.com', domains: ['amazon.com'] },
  {
    id: 'amazon-pay',
    issuer: 'Amazon Pay',
    name: 'alice@example.com',
    domains: ['pay.amazon.com'],
  },
  { id: 'proton', issuer: 'Proton Mail', name: 'alice', domains: ['proton.me'] },
  { id: 'abode', issuer: 'Abode', name: 'home', domains: ['goabode.com', 'goabode.co.uk'] },
  { id: 'nodomain', issuer: 'Tiny Forum', name: 'al', domains: [] },
];

/** A result in one short string: "20i" for a match, "pick: a, b, …" with the top candidates. */
function summary(result: MatchResult, top = 2): string {
  if (result.kind === 'match') return result.id;
  return `pick: ${result.candidates
    .slice(0, top)
    .map((c) => c.id)
    .join(', ')}`;
}

describe('stripTitle and titleKey', () => {
  it.each<[string, string, string]>([
    ['Log in | 20i — Mozilla Firefox', 'Log in | 20i', 'log in | 20i'],
    ['Log in | 20i - Google Chrome', 'Log in | 20i', 'log in | 20i'],
    [
      'Sign in to GitHub · GitHub - Chromium',
      'Sign in to GitHub · GitHub',
      'sign in to github · github',
    ],
    [
      '(3) Inbox - Proton Mail — Firefox Developer Edition',
      'Inbox - Proton Mail',
      'inbox - proton mail',
    ],
    ['Amazon Sign-In - Microsoft\u200b Edge', 'Amazon Sign-In', 'amazon sign-in'],
    ['  Ａｍａｚｏｎ   Sign-In  ', 'Ａｍａｚｏｎ   Sign-In', 'amazon sign-in'],
    ['Café Login', 'Café Login', 'cafe login'],
    ['Terminal', 'Terminal', 'terminal'],
    // A tab about a browser: only the window's own browser name goes.
    ['Log in | Opera — Mozilla Firefox', 'Log in | Opera', 'log in | opera'],
  ])('%s', (title, stripped, key) => {
    expect(stripTitle(title)).toBe(stripped);
    expect(titleKey(title)).toBe(key);
  });
});

describe('matchAccount', () => {
  it.each<[string, string | undefined, string]>([
    ['issuer in a Firefox tab', 'Log in | 20i — Mozilla Firefox', '20i'],
    ['issuer, case and accents folded', 'TWO-FACTOR · ABODE', 'abode'],
    ['hostname in the title', 'Verify your identity – my.20i.com', '20i'],
    ['domain name as a word', 'goabode: two-factor code', 'abode'],
    [
      'a longer issuer wins over the issuer inside it',
      'Amazon Pay: enter code - Google Chrome',
      'amazon-pay',
    ],
    ['the shorter issuer alone', 'Amazon Sign-In - Chromium', 'amazon'],
    ['multi-word issuer', 'Proton Mail: Sign in', 'proton'],
    ['an issuer without domains', 'Tiny Forum - two step verification', 'nodomain'],
    [
      'two accounts of one issuer: picker, both first',
      'Sign in to GitHub · GitHub',
      'pick: gh-alice, gh-work',
    ],
    ['the account name breaks the tie', 'alice-work · GitHub', 'gh-work'],
    ['no match: picker', 'Terminal', 'pick: 20i, abode'],
    ['no title: picker', undefined, 'pick: 20i, abode'],
    ['a word inside another word is not a match', 'Amazonia travel', 'pick: 20i, abode'],
    ['the account name alone is only a hint', 'Terminal — al', 'pick: nodomain, 20i'],
    ['two issuers in one title: picker', 'Sign in with Amazon - 20i', 'pick: 20i, amazon'],
    [
      'an issuer inside a longer hostname is not a match',
      'Sign in – shop.amazonpay.example',
      'pick: 20i, abode',
    ],
    ['the most specific hostname wins', 'Enter code – login.pay.amazon.com', 'amazon-pay'],
  ])('%s', (_name, title, expected) => {
    expect(summary(matchAccount(title, accounts))).toBe(expected);
  });

  it('ranks the remaining accounts by issuer then name, after the matches', () => {
    const result = matchAccount('GitHub', accounts);
    expect(result.kind).toBe('pick');
    if (result.kind !== 'pick') return;
    expect(result.candidates.map((c) => c.id)).toEqual([
      'gh-alice',
      'gh-work',
      '20i',
      'abode',
      'amazon',
      'amazon-pay',
      'proton',
      'nodomain',
    ]);
    expect(result.candidates[0]).toMatchObject({ reasons: ['issuer', 'domain'] });
  });

  it('weak words never match on their own', () => {
    const weak: MatchableAccount[] = [
      { id: 'mail', issuer: 'Mail', name: 'me', domains: ['mail.com'] },
      { id: 'login', issuer: 'Login', name: 'me', domains: [] },
    ];
    expect(matchAccount('Mail - Log in', weak).kind).toBe('pick');
    // The hostname still counts: it is specific.
    expect(summary(matchAccount('Sign in – mail.com', weak))).toBe('mail');
  });

  it('follows an account edited in place, and a new list with the same accounts', () => {
    const account: MatchableAccount = { id: 'a', issuer: 'Tiny Forum', name: 'al' };
    const other: MatchableAccount = { id: 'b', issuer: 'Other', name: 'bo' };
    expect(summary(matchAccount('Tiny Forum', [account, other]))).toBe('a');
    account.issuer = 'Huge Forum';
    expect(summary(matchAccount('Tiny Forum', [account, other]))).toBe('pick: a, b');
    expect(summary(matchAccount('Huge Forum', [{ ...account }, { ...other }]))).toBe('a');
  });

  it('a whole e-mail address in the title ranks its account first, without matching it', () => {
    const mail: MatchableAccount[] = [
      { id: 'amazon', issuer: 'Amazon', name: 'alice@example.com' },
      { id: 'google', issuer: 'Google', name: 'alice@gmail.com' },
      { id: 'google-2', issuer: 'Google', name: 'malice@gmail.com' },
    ];
    expect(summary(matchAccount('Inbox (3) - alice@gmail.com - Gmail', mail))).toBe(
      'pick: google, amazon',
    );
    // Part of a longer address is not the address: the first part alone ties with Amazon's.
    for (const title of ['Inbox - alice@gmail.com.au', 'Inbox - bob_alice@gmail.com']) {
      expect(summary(matchAccount(title, mail), 1), title).toBe('pick: amazon');
    }
  });

  it('no accounts: an empty picker', () => {
    expect(matchAccount('Log in | 20i', [])).toEqual({ kind: 'pick', candidates: [] });
  });
});

describe("matchAccount: names beyond the issuer's exact words", () => {
  const plain: MatchableAccount[] = [
    { id: '20i', issuer: '20i', name: 'ops' },
    { id: 'aws', issuer: 'Amazon Web Services', name: 'root' },
    { id: 'gitlab', issuer: 'gitlab.com', name: 'alice' },
    { id: 'box', issuer: 'Box', name: 'alice' },
    { id: 'amazon', issuer: 'Amazon', name: 'alice' },
    { id: 'mail', issuer: 'Mail', name: 'bob' },
  ];
  it.each<[string, string, string]>([
    ['a product name built on the issuer', 'my20i – Log in', '20i'],
    ['with a suffix', 'Welcome to 20iapp', '20i'],
    ['only with the known affixes', 'pro20i – Log in', 'pick'],
    ['a longer word is not a product name', 'Dropbox - Sign in', 'pick'],
    ['nor a word that starts with the issuer', 'Amazonia travel guide', 'pick'],
    ['a weak issuer builds nothing', 'mymail - Inbox', 'pick'],
    ['initials written in capitals', 'AWS Management Console', 'aws'],
    ['initials in lower case are a word, not a name', 'aws management console', 'pick'],
    ['an issuer written as a hostname, by its name', 'Sign in · GitLab', 'gitlab'],
    ['an issuer written as a hostname, by the host', 'gitlab.com/users/sign_in', 'gitlab'],
    ['and under a subdomain', 'about.gitlab.com', 'gitlab'],
  ])('%s: %s', (_name, title, expected) => {
    expect(summary(matchAccount(title, plain), 0).replace(/^pick: $/, 'pick')).toBe(expected);
  });

  const site = (
    names: string[],
    domains: string[],
    domainWords: string[],
    otherSites: string[] = [],
  ) => ({
    names,
    domains,
    domainWords,
    otherSites,
  });
  const withSites: MatchableAccount[] = [
    {
      id: 'x',
      issuer: 'Twitter',
      name: '@alice',
      site: site(['X (Twitter)', 'X', 'Twitter'], ['x.com', 'twitter.com'], ['x', 'twitter']),
    },
    {
      id: 'aws',
      issuer: 'Amazon Web Services',
      name: 'root',
      site: site(['Amazon Web Services'], ['aws.amazon.com'], []),
    },
    {
      id: 'dropbox',
      issuer: 'Dropbox',
      name: 'alice',
      site: site(
        ['Dropbox'],
        ['dropbox.com', 'getdropbox.com'],
        ['dropbox', 'getdropbox'],
        ['Dropbox Sign'],
      ),
    },
    {
      id: 'epic',
      issuer: 'Epic Games',
      name: 'alice',
      site: site(['Epic Games'], ['epicgames.com', 'fortnite.com'], ['epicgames', 'fortnite']),
    },
  ];
  it.each<[string, string, string]>([
    ['a part of the site name, a capital letter', 'Home / X', 'x'],
    ['a one-letter name in lower case is not it', 'Resize 3 x 4', 'pick'],
    ["the site's other domain, as a host", 'twitter.com/login', 'x'],
    ['a domain word of the site', 'Fortnite | Sign in', 'epic'],
    ["the parent company's name is not the site's word", 'Amazon Sign-In', 'pick'],
    ['the most specific host', 'signin.aws.amazon.com/oauth', 'aws'],
    ["another company's longer site name is not this site", 'Dropbox Sign – Log in', 'pick'],
    ['this site where it stands alone beside it', 'Dropbox Sign vs Dropbox', 'dropbox'],
    ['a domain word outside that name still counts', 'Log in | getdropbox Sign', 'dropbox'],
  ])('%s: %s', (_name, title, expected) => {
    expect(summary(matchAccount(title, withSites), 0).replace(/^pick: $/, 'pick')).toBe(expected);
  });
});

describe('remembered choices', () => {
  it('take priority over a title match, for the same title in any browser', () => {
    const remembered = rememberChoice(
      new Map(),
      'Sign in to GitHub · GitHub — Mozilla Firefox',
      'gh-work',
    );
    expect(
      summary(matchAccount('Sign in to GitHub · GitHub - Google Chrome', accounts, remembered)),
    ).toBe('gh-work');
    const result = matchAccount('Sign in to GitHub · GitHub', accounts, remembered);
    expect(result).toEqual({ kind: 'match', id: 'gh-work', reason: 'remembered' });
    // Even over an unambiguous title match.
    const overrule = rememberChoice(new Map(), 'Log in | 20i', 'abode');
    expect(summary(matchAccount('Log in | 20i', accounts, overrule))).toBe('abode');
  });

  it('are ignored when the account no longer exists', () => {
    const remembered = rememberChoice(new Map(), 'Log in | 20i', 'deleted-account');
    expect(summary(matchAccount('Log in | 20i', accounts, remembered))).toBe('20i');
  });

  it('apply to that title only', () => {
    const remembered = rememberChoice(new Map(), 'Sign in to GitHub · GitHub', 'gh-work');
    expect(matchAccount('GitHub', accounts, remembered).kind).toBe('pick');
  });

  it('are not stored for an empty title, and do not change the map they came from', () => {
    const before = new Map([['x', 'y']]);
    expect(rememberChoice(before, '  ', 'gh-work')).toEqual(before);
    const after = rememberChoice(before, 'GitHub', 'gh-work');
    expect(before.size).toBe(1);
    expect(after.get('github')).toBe('gh-work');
  });

  it.each(['Safari', 'Google Chrome', 'Mozilla Firefox', ' firefox '])(
    'are not stored for a title that only names a browser (%s): every site would get that code',
    (title) => {
      expect(rememberChoice(new Map(), title, 'gh-work').size).toBe(0);
    },
  );
});

type DirectoryEntry = [string, { domain: string; 'additional-domains'?: string[] }];

describe('matching against the 2FA Directory (shared testdata)', () => {
  const directory = JSON.parse(
    readFileSync(testdataPath('2fa-directory/totp.json'), 'utf8'),
  ) as DirectoryEntry[];
  const crowd: MatchableAccount[] = directory.map(([name, site], i) => ({
    id: String(i),
    issuer: name,
    name: 'me@example.org',
    domains: [site.domain, ...(site['additional-domains'] ?? [])],
  }));

  it('finds 20i among 1,281 sites from its Firefox tab title', () => {
    expect(directory.length).toBe(1281);
    const result = matchAccount('Log in | 20i — Mozilla Firefox', crowd);
    expect(result.kind).toBe('match');
    expect(result.kind === 'match' && crowd[Number(result.id)]!.issuer).toBe('20i');
  });

  it('every site ranks first (alone or tied) for a login tab naming it, and a match is never wrong', () => {
    let matched = 0;
    const misses: string[] = [];
    for (const [i, account] of crowd.entries()) {
      const result = matchAccount(`Log in | ${account.issuer} — Mozilla Firefox`, crowd);
      if (result.kind === 'match') {
        if (result.id === String(i)) matched++;
        else misses.push(`${account.issuer} → ${crowd[Number(result.id)]!.issuer}`);
        continue;
      }
      const top = result.candidates[0]!;
      const tied = result.candidates.filter((c) => c.score === top.score).map((c) => c.id);
      if (!tied.includes(String(i)) || !top.reasons.includes('issuer')) {
        misses.push(`${account.issuer} not first by its issuer`);
      }
    }
    expect(misses).toEqual([]);
    console.log(
      `2FA Directory: ${matched} of ${crowd.length} login titles matched one account outright`,
    );
    // Most site names are distinctive; the rest tie with a site of the same words.
    expect(matched / crowd.length).toBeGreaterThan(0.9);
  });

  it('every site is found from its hostname in a title, unless another site shares that domain', () => {
    const owners = new Map<string, number>();
    for (const account of crowd)
      for (const d of account.domains ?? []) owners.set(d, (owners.get(d) ?? 0) + 1);
    let checked = 0;
    for (const [i, account] of crowd.entries()) {
      const domain = account.domains![0]!;
      if (owners.get(domain)! > 1) continue;
      const result = matchAccount(`Two-factor verification – login.${domain}`, crowd);
      const top = result.kind === 'match' ? [result.id] : [];
      if (result.kind === 'pick' && result.candidates[0]!.reasons.includes('domain')) {
        const best = result.candidates[0]!.score;
        top.push(...result.candidates.filter((c) => c.score === best).map((c) => c.id));
      }
      expect(top, `${account.issuer} (${domain})`).toContain(String(i));
      checked++;
    }
    expect(checked).toBeGreaterThan(1200);
  });
});

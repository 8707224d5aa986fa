// The directory index: which site an issuer or a hostname names, and which issuer to suggest.
// First on a handful of sites built to show each rule (ambiguity included), then on the real
// directory from the shared test data.
import { describe, expect, it } from 'vitest';
import { createDirectoryIndex } from '../../../main/directory/lookup';
import { hostOf, splitDomain } from '../../../main/directory/names';
import type { DirectorySite } from '../../../main/directory/site';
import { testDirectorySites } from '../../support/directory-sites';

function site(name: string, domain: string, additionalDomains: string[] = []): DirectorySite {
  return { name, domain, additionalDomains, categories: [], methods: ['totp'] };
}

const sites = [
  site('GitHub', 'github.com'),
  site('20i', '20i.com'),
  site('Amazon', 'amazon.com', ['amazon.co.uk', 'amazon.de']),
  site('Amazon Pay', 'pay.amazon.com'),
  site('Amazon Web Services', 'aws.amazon.com'),
  site('Proton', 'proton.me', ['protonmail.com', 'pm.me']),
  site('Abode', 'goabode.com', ['goabode.co.uk']),
  site('X (Twitter)', 'x.com', ['twitter.com']),
  site('Ubisoft/Uplay', 'ubisoft.com', ['ubi.com']),
  site('Outlook.com', 'outlook.com', ['hotmail.com']),
  site('DigitalOcean', 'digitalocean.com'),
  site('Mail.com', 'mail.com'),
  site('Login.gov', 'login.gov'),
  site('NordVPN', 'nordvpn.com', ['nordaccount.com']),
  site('NordPass', 'nordpass.com', ['nordaccount.com']),
  site('GMX.com', 'gmx.com'),
  site('GMX.net', 'gmx.net'),
  site('Google Drive', 'drive.google.com'),
  site('Google Pay', 'pay.google.com'),
  site('Café Zürich', 'cafe-zuerich.ch'),
];
const index = createDirectoryIndex(sites);
const nameOf = (found: DirectorySite | undefined) => found?.name;

describe('siteForIssuer', () => {
  it.each<[string, string | undefined]>([
    // The name, folded.
    ['GitHub', 'GitHub'],
    ['github', 'GitHub'],
    ['  GITHUB ', 'GitHub'],
    ['Amazon Web Services', 'Amazon Web Services'],
    ['Cafe Zurich', 'Café Zürich'],
    ['Ｇｉｔｈｕｂ', 'GitHub'],
    ['Mail.com', 'Mail.com'],
    ['Login.gov', 'Login.gov'],
    // A domain or a web address, the most specific domain first.
    ['github.com', 'GitHub'],
    ['www.github.com', 'GitHub'],
    ['https://github.com/login', 'GitHub'],
    ['GitHub.com.', 'GitHub'],
    ['amazon.co.uk', 'Amazon'],
    ['signin.aws.amazon.com', 'Amazon Web Services'],
    ['pay.amazon.com', 'Amazon Pay'],
    ['protonmail.com', 'Proton'],
    ['twitter.com', 'X (Twitter)'],
    // Other spellings of a name.
    ['Digital Ocean', 'DigitalOcean'],
    ['Outlook', 'Outlook.com'],
    ['Twitter', 'X (Twitter)'],
    ['X', 'X (Twitter)'],
    ['Uplay', 'Ubisoft/Uplay'],
    ['AWS', 'Amazon Web Services'],
    // A domain's name.
    ['ProtonMail', 'Proton'],
    ['Proton Mail', 'Proton'],
    ['goabode', 'Abode'],
    ['Hotmail', 'Outlook.com'],
    // Shared by several sites: no answer rather than a guess.
    ['nordaccount.com', undefined],
    ['GMX', undefined],
    ['Google', undefined],
    ['amazon.com.evil.example', undefined],
    // Weak words name no site, not even the one whose domain or name starts with them.
    ['Mail', undefined],
    ['Login', undefined],
    ['Account', undefined],
    // Unknown, empty, or a mail address rather than an issuer.
    ['Tiny Forum', undefined],
    ['', undefined],
    ['   ', undefined],
    ['alice@github.com', undefined],
    ['example.com', undefined],
  ])('%j → %s', (issuer, expected) => {
    expect(nameOf(index.siteForIssuer(issuer))).toBe(expected);
  });
});

describe('siteForHost', () => {
  it.each<[string, string | undefined]>([
    ['github.com', 'GitHub'],
    ['gist.github.com', 'GitHub'],
    ['GitHub.COM', 'GitHub'],
    ['my.20i.com', '20i'],
    ['www.amazon.de', 'Amazon'],
    ['console.aws.amazon.com', 'Amazon Web Services'],
    ['pay.amazon.com', 'Amazon Pay'],
    ['goabode.co.uk', 'Abode'],
    // A site's name is not a hostname.
    ['GitHub', undefined],
    // Not a subdomain of a listed domain: only the labels count, not the text.
    ['notgithub.com', undefined],
    ['github.com.example.org', undefined],
    // nordaccount.com belongs to two sites; their own domains still name them.
    ['nordaccount.com', undefined],
    ['login.nordaccount.com', undefined],
    ['nordpass.com', 'NordPass'],
    ['google.com', undefined],
    ['drive.google.com', 'Google Drive'],
    ['', undefined],
  ])('%j → %s', (host, expected) => {
    expect(nameOf(index.siteForHost(host))).toBe(expected);
  });
});

describe('suggestIssuer', () => {
  it.each<[string, string | undefined]>([
    ['github.com', 'GitHub'],
    ['github', 'GitHub'],
    ['Github', 'GitHub'],
    ['Twitter', 'X (Twitter)'],
    ['Proton Mail', 'Proton'],
    ['amazon.co.uk', 'Amazon'],
    // Already as the directory writes it (surrounding spaces aside): nothing to suggest.
    ['GitHub', undefined],
    [' GitHub ', undefined],
    ['Amazon Web Services', undefined],
    // Unknown or ambiguous: nothing either.
    ['Tiny Forum', undefined],
    ['GMX', undefined],
    ['Mail', undefined],
  ])('%j → %s', (issuer, expected) => {
    expect(index.suggestIssuer(issuer)).toBe(expected);
  });
});

describe('names', () => {
  it.each<[string, string | undefined]>([
    ['github.com', 'github.com'],
    ['HTTPS://WWW.GitHub.com:443/login?x=1', 'www.github.com'],
    ['m365.cloud.microsoft', 'm365.cloud.microsoft'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['GitHub', undefined],
    ['alice@example.com', undefined],
    ['-bad.com', undefined],
    ['two words.com', undefined],
  ])('hostOf(%j) → %s', (text, expected) => {
    expect(hostOf(text)).toBe(expected);
  });

  it.each<[string, { sub: string[]; name: string } | undefined]>([
    ['20i.com', { sub: [], name: '20i' }],
    ['aws.amazon.com', { sub: ['aws'], name: 'amazon' }],
    ['goabode.co.uk', { sub: [], name: 'goabode' }],
    ['login.bank.com.au', { sub: ['login'], name: 'bank' }],
    ['co.uk', { sub: [], name: 'co' }],
    ['localhost', undefined],
  ])('splitDomain(%j)', (domain, expected) => {
    expect(splitDomain(domain)).toEqual(expected);
  });
});

describe('the 2FA Directory (shared testdata)', () => {
  const all = testDirectorySites();
  const real = createDirectoryIndex(all);

  it('finds every site by its own name and by its main domain, unless another site shares it', () => {
    expect(all.length).toBe(1281);
    const domainOwners = new Map<string, number>();
    for (const s of all) {
      for (const d of new Set([s.domain, ...s.additionalDomains])) {
        domainOwners.set(d, (domainOwners.get(d) ?? 0) + 1);
      }
    }
    const wrong: string[] = [];
    for (const s of all) {
      if (real.siteForIssuer(s.name) !== s) wrong.push(`name ${s.name}`);
      if (real.suggestIssuer(s.name) !== undefined) wrong.push(`suggestion for ${s.name}`);
      if (domainOwners.get(s.domain) === 1 && real.siteForHost(`www.${s.domain}`) !== s) {
        wrong.push(`domain ${s.domain}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each<[string, string | undefined]>([
    ['github.com', 'GitHub'],
    ['20i', '20i'],
    ['AWS', 'Amazon Web Services'],
    ['Amazon Web Services', 'Amazon Web Services'],
    ['Proton Mail', 'Proton'],
    ['Twitter', 'X (Twitter)'],
    ['ChatGPT', 'OpenAI (ChatGPT)'],
    ['Microsoft', undefined],
    ['Google', undefined],
    ['nordaccount.com', undefined],
    ['Mail', undefined],
    // Inbox.lv and Stiftung Warentest (test.de) are found by name, not by a generic word.
    ['Inbox', undefined],
    ['Test', undefined],
    ['Inbox.lv', 'Inbox.lv'],
    ['test.de', 'Stiftung Warentest'],
  ])('siteForIssuer(%j) → %s', (issuer, expected) => {
    expect(nameOf(real.siteForIssuer(issuer))).toBe(expected);
  });

  it('answers a lookup in well under a millisecond', () => {
    const issuers = ['github.com', 'GitHub', 'Amazon Web Services', 'Tiny Forum', 'Mail'];
    const rounds = 2000;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) for (const issuer of issuers) real.siteForIssuer(issuer);
    const perLookupMs = (performance.now() - start) / (rounds * issuers.length);
    // Generous bound for a loaded CI machine; measured a few microseconds.
    expect(perLookupMs).toBeLessThan(0.1);
  });
});

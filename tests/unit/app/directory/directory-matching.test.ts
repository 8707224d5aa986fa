// What the directory tells matching about an issuer: names, domains, the domain words that name
// the site alone, and other companies' longer site names around its own.
import { describe, expect, it } from 'vitest';
import { createSiteMatcher } from '../../../../main/app/directory/directory-matching';
import type { DirectorySite } from '../../../../main/directory/site';
import { testDirectorySites } from '../../../support/directory-sites';

function site(name: string, domain: string, additionalDomains: string[] = []): DirectorySite {
  return { name, domain, additionalDomains, categories: [], methods: ['totp'] };
}

const sites = [
  site('Amazon', 'amazon.com', ['amazon.de']),
  site('Amazon Pay', 'pay.amazon.com'),
  site('Amazon Web Services', 'aws.amazon.com'),
  site('Dropbox', 'dropbox.com', ['getdropbox.com']),
  site('Dropbox Sign', 'hellosign.com'),
  site('X (Twitter)', 'x.com', ['twitter.com']),
  site('Epic Games', 'epicgames.com', ['fortnite.com']),
  site('Google Drive', 'drive.google.com'),
  site('Google Pay', 'pay.google.com'),
];
const matcher = createSiteMatcher(sites);

describe('createSiteMatcher', () => {
  it.each([
    [
      'Twitter',
      {
        names: ['X (Twitter)', 'X', 'Twitter'],
        domains: ['x.com', 'twitter.com'],
        domainWords: ['x', 'twitter'],
        otherSites: [],
      },
    ],
    [
      'amazon.de',
      {
        names: ['Amazon'],
        domains: ['amazon.com', 'amazon.de'],
        domainWords: ['amazon'],
        // Amazon Pay and Amazon Web Services share Amazon's domain and sign-in.
        otherSites: [],
      },
    ],
    [
      'Amazon Web Services',
      {
        names: ['Amazon Web Services'],
        domains: ['aws.amazon.com'],
        // "amazon" names Amazon, not AWS.
        domainWords: [],
        otherSites: [],
      },
    ],
    [
      'Dropbox',
      {
        names: ['Dropbox'],
        domains: ['dropbox.com', 'getdropbox.com'],
        domainWords: ['dropbox', 'getdropbox'],
        otherSites: ['Dropbox Sign'],
      },
    ],
    [
      'Epic Games',
      {
        names: ['Epic Games'],
        domains: ['epicgames.com', 'fortnite.com'],
        domainWords: ['epicgames', 'fortnite'],
        otherSites: [],
      },
    ],
    [
      'Google Drive',
      {
        names: ['Google Drive'],
        domains: ['drive.google.com'],
        // "google" names several sites.
        domainWords: [],
        otherSites: [],
      },
    ],
  ])('%s', (issuer, expected) => {
    expect(matcher.infoFor(issuer)).toEqual(expected);
  });

  it('knows nothing of an issuer the directory does not list, or of an ambiguous one', () => {
    expect(matcher.infoFor('Tiny Forum')).toBeUndefined();
    expect(matcher.infoFor('Google')).toBeUndefined();
  });

  it('answers the same object for the same issuer (computed once)', () => {
    expect(matcher.infoFor('Dropbox')).toBe(matcher.infoFor('Dropbox'));
  });
});

describe('createSiteMatcher on the 2FA Directory (shared testdata)', () => {
  it('lists other companies for a few sites only, never a sub-brand on the same domain', () => {
    const all = testDirectorySites();
    const real = createSiteMatcher(all);
    const withOthers = all
      .map((s) => [s.name, real.infoFor(s.name)?.otherSites ?? []] as const)
      .filter(([, others]) => others.length > 0);
    expect(withOthers.length).toBeLessThan(30);
    const others = new Map(withOthers);
    expect(others.get('Dropbox')).toEqual(['Dropbox Sign']);
    expect(others.get('Box')).toEqual(expect.arrayContaining(['Hack The Box']));
    expect(others.get('Amazon')).toBeUndefined();
  });
});

// The hotkey's account choice on 50 realistic window titles (tests/support/matching-titles.ts):
// browser tabs in Firefox, Chrome and Edge formats, desktop apps, localized pages, hostnames,
// decoys. Each title is checked without the 2FA Directory and with it; where TrayOTP falls short
// of what the person wants, the fixture says so and this test pins it (bench/matching.ts counts).
import { describe, expect, it } from 'vitest';
import { matchAccount } from '../../../../main/app/typing/account-matching';
import type { MatchableAccount } from '../../../../main/app/typing/account-matching';
import { createSiteMatcher } from '../../../../main/app/directory/directory-matching';
import { testDirectorySites } from '../../../support/directory-sites';
import { TITLE_ACCOUNTS, TITLE_CASES } from '../../../support/matching-titles';

function outcome(title: string, accounts: readonly MatchableAccount[]): string {
  const result = matchAccount(title, accounts);
  return result.kind === 'match' ? result.id : 'pick';
}

describe('the title fixture', () => {
  it('has 50 titles over 40 accounts, each wanting a known account or the picker', () => {
    expect(TITLE_CASES).toHaveLength(50);
    expect(TITLE_ACCOUNTS).toHaveLength(40);
    const ids = new Set(TITLE_ACCOUNTS.map((a) => a.id));
    expect(ids.size).toBe(40);
    for (const c of TITLE_CASES) {
      for (const o of [c.want, c.without, c.withDirectory]) {
        if (o !== undefined && o !== 'pick') expect(ids, c.title).toContain(o);
      }
    }
  });
});

describe('without the 2FA Directory', () => {
  const accounts: MatchableAccount[] = TITLE_ACCOUNTS.map((a) => ({ ...a }));
  it.each(TITLE_CASES.map((c) => [c.title, c.without ?? c.want]))('%s → %s', (title, expected) => {
    expect(outcome(title, accounts)).toBe(expected);
  });
});

describe('with the 2FA Directory (shared testdata)', () => {
  const matcher = createSiteMatcher(testDirectorySites());
  const accounts: MatchableAccount[] = TITLE_ACCOUNTS.map((a) => {
    const site = matcher.infoFor(a.issuer);
    return site ? { ...a, site } : { ...a };
  });
  it.each(TITLE_CASES.map((c) => [c.title, c.withDirectory ?? c.want]))(
    '%s → %s',
    (title, expected) => {
      expect(outcome(title, accounts)).toBe(expected);
    },
  );

  it('never matches a wrong account, and leaves only Google and Microsoft pages to the picker', () => {
    const wrong = TITLE_CASES.filter((c) => {
      const got = outcome(c.title, accounts);
      return got !== c.want && got !== 'pick';
    });
    expect(wrong).toEqual([]);
    const picked = TITLE_CASES.filter(
      (c) => c.want !== 'pick' && outcome(c.title, accounts) === 'pick',
    );
    expect(picked.map((c) => c.want).sort()).toEqual(['google', 'microsoft', 'microsoft']);
  });
});

describe('every directory site as an account: titles about none of them', () => {
  const sites = testDirectorySites();
  const matcher = createSiteMatcher(sites);
  const crowd: MatchableAccount[] = sites.map((s, i) => {
    const site = matcher.infoFor(s.name);
    return { id: String(i), issuer: s.name, name: 'me@example.org', ...(site ? { site } : {}) };
  });
  // Generic words, product-name affixes and capitals that must not name a site by themselves.
  it.each([
    'New Tab - Google Chrome',
    'Untitled - Notepad',
    'Terminal',
    'Settings',
    'Inbox - Mail',
    'My Account - Settings',
    'Get Started',
    'MyApp login',
    'Try it online',
    'Join the meeting',
    'GoApp - Home',
    'HQ Dashboard',
    'ID verification',
    'Welcome back',
    'HTML5 Test',
    'API Reference',
    'TODO list',
    'Log in to continue',
    'mycloud backup',
    'Help Center - Support',
  ])('%s → picker', (title) => {
    expect(matchAccount(title, crowd).kind).toBe('pick');
  });
});

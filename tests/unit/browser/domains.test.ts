// A page's URL → the registrable domain accounts are bound to (Public Suffix List via tldts).
import { describe, expect, it } from 'vitest';
import {
  boundTo,
  domainOfHost,
  normalizeHostname,
  registrableDomain,
} from '../../../main/browser/domains';

describe('registrableDomain', () => {
  it.each([
    ['https://my.20i.com/login', '20i.com'],
    ['https://github.com/sessions/two-factor', 'github.com'],
    ['https://www.example.co.uk/', 'example.co.uk'],
    ['https://alice.github.io/', 'alice.github.io'], // a private suffix: each user is a site
    ['http://panel.hostco.com:8080/x', 'hostco.com'],
    ['https://GitHub.COM/', 'github.com'],
    ['https://github.com.login-check.net/', 'login-check.net'],
    ['https://xn--80ak6aa92e.com/', 'xn--80ak6aa92e.com'], // an IDN, as the browser reports it
  ])('%s → %s', (url, domain) => {
    expect(registrableDomain(url)).toBe(domain);
  });

  it.each([
    'file:///home/alice/login.html',
    'chrome-extension://abc/page.html',
    'http://127.0.0.1:3000/',
    'http://[::1]/',
    'http://localhost/',
    'https://co.uk/',
    'not a url',
    'null',
  ])('%s has none', (url) => {
    expect(registrableDomain(url)).toBeNull();
  });
});

describe('boundTo', () => {
  it('binds by registrable domain, never by a look-alike', () => {
    expect(boundTo(['my.20i.com'], '20i.com')).toBe(true);
    expect(boundTo(['20i.com'], '20i.com')).toBe(true);
    expect(boundTo(['20i.com'], '20i.com.evil.net')).toBe(false);
    expect(boundTo(['20i.com'], 'my20i.com')).toBe(false);
    expect(boundTo([], '20i.com')).toBe(false);
    expect(domainOfHost(' Login.20i.COM ')).toBe('20i.com');
  });
});

describe('normalizeHostname (the Edit view’s binding field)', () => {
  it.each([
    ['github.com', 'github.com'],
    ['  GitHub.COM ', 'github.com'],
    ['https://Login.GitHub.com/sessions?x=1', 'login.github.com'],
    ['github.com/login', 'github.com'],
    ['my.20i.com.', 'my.20i.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('%s → %s', (input, host) => {
    expect(normalizeHostname(input)).toBe(host);
  });

  it.each([
    '',
    'localhost',
    '127.0.0.1',
    'co.uk',
    'com',
    'exa mple.com',
    'http://',
    'a'.repeat(400),
  ])('%s is refused', (input) => {
    expect(normalizeHostname(input)).toBeNull();
  });
});

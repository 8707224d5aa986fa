// A page's URL → where a code may go (https:, or loopback), and what a binding covers (issue 23:
// a hostname exactly, "*." and a hostname it and its subdomains; Public Suffix List via tldts).
import { describe, expect, it } from 'vitest';
import {
  BINDING,
  boundTo,
  domainOfHost,
  frameSite,
  normalizeBinding,
  normalizeHostname,
  pageSite,
  registrableDomain,
  wholeSiteBinding,
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

describe('boundTo (issue 23, R5: a binding means what it shows)', () => {
  it('a hostname binds exactly that host: a sibling or parent subdomain gets nothing', () => {
    expect(boundTo(['my.panel.test'], 'my.panel.test')).toBe(true);
    expect(boundTo(['my.panel.test'], 'evil.panel.test')).toBe(false);
    expect(boundTo(['my.panel.test'], 'panel.test')).toBe(false);
    expect(boundTo(['20i.com'], 'my.20i.com')).toBe(false);
    expect(boundTo(['20i.com'], '20i.com')).toBe(true);
    expect(boundTo([], '20i.com')).toBe(false);
  });

  it('"*." and a hostname binds it and every host under it, never a look-alike', () => {
    expect(boundTo(['*.panel.test'], 'panel.test')).toBe(true);
    expect(boundTo(['*.panel.test'], 'my.panel.test')).toBe(true);
    expect(boundTo(['*.panel.test'], 'a.b.panel.test')).toBe(true);
    expect(boundTo(['*.panel.test'], 'evilpanel.test')).toBe(false);
    expect(boundTo(['*.panel.test'], 'panel.test.evil.net')).toBe(false);
    expect(boundTo(['*.20i.com'], 'my20i.com')).toBe(false);
  });

  it('a loopback name binds that address only', () => {
    expect(boundTo(['localhost'], 'localhost')).toBe(true);
    expect(boundTo(['localhost'], '127.0.0.1')).toBe(false);
    expect(domainOfHost(' Login.20i.COM ')).toBe('20i.com');
  });

  it('the whole site of a host, for the Bind a site view', () => {
    expect(wholeSiteBinding('panel.hostco.com')).toBe('*.hostco.com');
    expect(wholeSiteBinding('alice.github.io')).toBe('*.alice.github.io');
    expect(wholeSiteBinding('localhost')).toBeNull();
  });
});

describe('pageSite (issue 23, R6: https: only, loopback the one other place)', () => {
  it.each([
    ['https://my.20i.com/login', 'my.20i.com'],
    ['https://GitHub.COM./', 'github.com'],
    ['https://alice.github.io/', 'alice.github.io'],
    ['http://localhost:3000/', 'localhost'],
    ['http://127.0.0.1:8080/x', '127.0.0.1'],
    ['http://[::1]/', '[::1]'],
    ['https://localhost/', 'localhost'],
  ])('%s gets codes on %s', (url, host) => {
    expect(pageSite(url)).toEqual({ ok: true, host });
  });

  it.each(['http://panel.hostco.com/login', 'http://github.com:443/'])(
    '%s is plain http: refused with a sentence saying so',
    (url) => {
      const site = pageSite(url);
      expect(site).toMatchObject({ ok: false, code: 'not-https' });
      expect(!site.ok && site.message).toMatch(/plain http:\/\/.*https:\/\//);
    },
  );

  it.each([
    'file:///home/alice/login.html',
    'chrome-extension://abc/page.html',
    'https://192.168.1.10/',
    'https://co.uk/',
    'https://github.io/',
    'not a url',
  ])('%s is not a web site', (url) => {
    expect(pageSite(url)).toMatchObject({ ok: false, code: 'not-web' });
  });

  it("a frame's origin decides; its URL only when the origin is not an address", () => {
    expect(frameSite('http://w.other.net', 'https://w.other.net/x')).toMatchObject({ ok: false });
    expect(frameSite('', 'https://w.other.net/x')).toEqual({ ok: true, host: 'w.other.net' });
  });
});

describe('normalizeBinding (the Edit view’s Sites field)', () => {
  it.each([
    ['github.com', 'github.com'],
    ['https://Login.GitHub.com/x', 'login.github.com'],
    ['*.GitHub.com', '*.github.com'],
    ['*.my.20i.com', '*.my.20i.com'],
    ['localhost', 'localhost'],
    ['http://localhost:3000/', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '[::1]'],
  ])('%s → %s', (input, binding) => {
    expect(normalizeBinding(input)).toBe(binding);
    expect(BINDING.test(binding)).toBe(true);
  });

  it.each(['*.co.uk', '*.github.io', '*.com', '*.', '**.github.com', '10.0.0.1', '*.localhost'])(
    '%s is refused',
    (input) => {
      expect(normalizeBinding(input)).toBeNull();
    },
  );

  it.each(['GitHub.com', '*github.com', 'a.*.github.com', '*.*.github.com', 'localhost.', '::1'])(
    'the stored form refuses %s',
    (stored) => {
      expect(BINDING.test(stored)).toBe(false);
    },
  );
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

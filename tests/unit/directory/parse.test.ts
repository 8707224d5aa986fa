// Reading the 2FA Directory's v3 list: the real copy whole, unknown fields tolerated, bad sites
// skipped and counted, and every kind of file that is not the list refused with a sentence.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectoryFormatError } from '../../../main/directory/errors';
import { httpsLink, MAX_DIRECTORY_BYTES, parseDirectory } from '../../../main/directory/parse';
import { DIRECTORY_FILE, DIRECTORY_SITE_COUNT } from '../../support/directory-server';

const list = (...entries: unknown[]) => JSON.stringify(entries);

describe('the real v3 totp.json', () => {
  const { sites, skipped } = parseDirectory(readFileSync(DIRECTORY_FILE));

  it('reads every one of its 1,281 sites', () => {
    expect(sites).toHaveLength(DIRECTORY_SITE_COUNT);
    expect(skipped).toBe(0);
  });

  it('renames the fields to what they mean here', () => {
    expect(sites.find((s) => s.name === '1Password')).toEqual({
      name: '1Password',
      domain: '1password.com',
      additionalDomains: ['1password.ca', '1password.eu'],
      documentation: 'https://support.1password.com/two-factor-authentication/',
      categories: ['identity'],
      methods: ['totp', 'u2f', 'custom-hardware', 'custom-software'],
    });
  });

  it('keeps documentation links only when they are https (3 sites link over http)', () => {
    const withLinks = sites.filter((s) => s.documentation !== undefined);
    expect(withLinks.every((s) => s.documentation!.startsWith('https://'))).toBe(true);
    expect(sites.find((s) => s.name === 'ImprovMX')?.documentation).toBeUndefined();
    expect(withLinks).toHaveLength(1146 - 3);
  });
});

describe('one site', () => {
  it('tolerates fields it does not know', () => {
    const { sites } = parseDirectory(
      list([
        'Example',
        {
          domain: 'Example.COM ',
          tfa: ['totp'],
          keywords: ['Developer'],
          img: 'example.svg',
          regions: ['us'],
          'a-field-from-2030': { nested: true },
        },
      ]),
    );
    expect(sites).toEqual([
      {
        name: 'Example',
        domain: 'example.com',
        additionalDomains: [],
        categories: ['developer'],
        methods: ['totp'],
      },
    ]);
  });

  it.each([
    ['no name', [['', { domain: 'a.com' }]]],
    ['a number for a name', [[42, { domain: 'a.com' }]]],
    ['no domain', [['A', { tfa: ['totp'] }]]],
    ['a domain that is a URL', [['A', { domain: 'https://a.com/login' }]]],
    ['a domain without a dot', [['A', { domain: 'localhost' }]]],
    ['keywords that are not a list', [['A', { domain: 'a.com', keywords: 'banking' }]]],
    ['details that are a string', [['A', 'a.com']]],
    ['a bare name', ['A']],
    ['a repeated domain', [['A again', { domain: 'good.com' }]]],
  ])('skips and counts a site with %s', (_why, bad) => {
    const { sites, skipped } = parseDirectory(
      JSON.stringify([['Good', { domain: 'good.com' }], ...bad]),
    );
    expect(sites.map((s) => s.name)).toEqual(['Good']);
    expect(skipped).toBe(1);
  });

  it('drops unusable additional domains and keeps the rest', () => {
    const { sites } = parseDirectory(
      list(['A', { domain: 'a.com', 'additional-domains': ['a.co.uk', 'not a host', 7, 'a.com'] }]),
    );
    expect(sites[0]!.additionalDomains).toEqual(['a.co.uk']);
  });
});

describe('documentation links', () => {
  it.each([
    ['https://help.example.com/2fa', 'https://help.example.com/2fa'],
    ['http://help.example.com/2fa', undefined],
    ['javascript:alert(1)', undefined],
    ['file:///etc/passwd', undefined],
    ['https://user:pass@example.com/', undefined],
    ['//example.com/2fa', undefined],
    ['not a url', undefined],
    [42, undefined],
    [`https://example.com/${'x'.repeat(2048)}`, undefined],
  ])('%j → %j', (input, expected) => {
    expect(httpsLink(input)).toBe(expected);
  });
});

describe('a file that is not the list', () => {
  it.each([
    ['not JSON', '<html>Maintenance</html>', 'not-json', /not valid JSON/],
    ['cut off', '[["A",{"domain":"a.com"}],["B",{"dom', 'not-json', /may have been cut off/],
    ['an object', '{"GitHub":{"domain":"github.com"}}', 'wrong-shape', /expected a JSON array/],
    ['an empty list', '[]', 'no-sites', /lists no sites/],
    ['a list of strings', '["a","b"]', 'wrong-shape', /None of the 2 entries/],
    ['v2 format', '{"Banking":{"Bank":{"url":"https://bank.com"}}}', 'wrong-shape', /v3/],
  ])('%s: DirectoryFormatError', (_name, text, code, message) => {
    let caught: unknown;
    try {
      parseDirectory(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DirectoryFormatError);
    expect((caught as DirectoryFormatError).code).toBe(code);
    expect((caught as Error).message).toMatch(message);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => parseDirectory(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]))).toThrow(
      /not UTF-8 text/,
    );
  });

  it('refuses a file over the size cap before reading it', () => {
    const big = new Uint8Array(MAX_DIRECTORY_BYTES + 1).fill(0x20);
    expect(() => parseDirectory(big)).toThrow(/far larger than the 2FA Directory/);
  });
});

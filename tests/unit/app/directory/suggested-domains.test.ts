// The sites the Edit view suggests binding an account to: the 2FA Directory's domains for the
// account's issuer, as the Sites field would keep them, minus what is bound already — and in the
// app's state only while the directory is on.
import { describe, expect, it } from 'vitest';
import {
  MAX_SUGGESTED_DOMAINS,
  suggestedDomains,
} from '../../../../main/app/directory/suggested-domains';
import { createDirectoryIndex } from '../../../../main/directory/lookup';
import type { DirectorySite } from '../../../../main/directory/site';
import { DirectoryStore } from '../../../../main/directory/store';
import { DirectoryUpdater } from '../../../../main/directory/refresh';
import { fakeApp } from '../../../fakes/app';
import { startDirectoryServer } from '../../../support/directory-server';
import { testDirectorySites } from '../../../support/directory-sites';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const realIndex = () => createDirectoryIndex(testDirectorySites());

function site(name: string, domain: string, additionalDomains: string[] = []): DirectorySite {
  return { name, domain, additionalDomains, categories: [], methods: [] };
}

describe('suggestedDomains', () => {
  it('gives the directory domain of a known issuer, however the issuer is written', () => {
    const index = realIndex();
    expect(suggestedDomains(index, 'GitHub', [])).toEqual(['github.com']);
    expect(suggestedDomains(index, 'github.com', [])).toEqual(['github.com']);
    expect(suggestedDomains(index, 'Dropbox', [])).toEqual(['dropbox.com', 'getdropbox.com']);
  });

  it('gives nothing for an issuer the directory does not know, a blank one, or while off', () => {
    const index = realIndex();
    expect(suggestedDomains(index, 'My Home Server', [])).toEqual([]);
    expect(suggestedDomains(index, '   ', [])).toEqual([]);
    expect(suggestedDomains(undefined, 'GitHub', [])).toEqual([]);
  });

  it('leaves out the sites already bound, compared as bindings are (an exact host, or "*.")', () => {
    const index = realIndex();
    expect(suggestedDomains(index, 'GitHub', ['github.com'])).toEqual([]);
    expect(suggestedDomains(index, 'GitHub', ['*.github.com'])).toEqual([]);
    // Issue 23: login.github.com binds that host only, so github.com is still to be had.
    expect(suggestedDomains(index, 'GitHub', ['login.github.com'])).toEqual(['github.com']);
    expect(suggestedDomains(index, 'Dropbox', ['dropbox.com'])).toEqual(['getdropbox.com']);
    expect(suggestedDomains(index, 'Dropbox', ['gitlab.com'])).toEqual([
      'dropbox.com',
      'getdropbox.com',
    ]);
  });

  it('keeps only hostnames the Sites field accepts, lower case, each registrable domain once', () => {
    const index = createDirectoryIndex([
      site('Odd', 'odd.example', [
        'localhost',
        '127.0.0.1',
        'co.uk',
        'https://other.example/login',
        'other.example:8443',
        'odd .example',
        'ODD-SHOP.EXAMPLE',
        'www.odd.example',
        'bücher.example',
        `${'a'.repeat(64)}.example`,
      ]),
    ]);
    expect(suggestedDomains(index, 'Odd', [])).toEqual([
      'odd.example',
      'odd-shop.example',
      'xn--bcher-kva.example',
    ]);
  });

  it(`suggests at most ${MAX_SUGGESTED_DOMAINS}, the main domain first`, () => {
    const amazon = suggestedDomains(realIndex(), 'Amazon', []);
    expect(amazon).toHaveLength(MAX_SUGGESTED_DOMAINS);
    expect(amazon[0]).toBe('amazon.com');
    expect(amazon.slice(1)).toEqual([
      'amazon.ae',
      'amazon.ca',
      'amazon.cn',
      'amazon.co.jp',
      'amazon.co.uk',
      'amazon.com.au',
      'amazon.com.br',
    ]);
    // Bound ones do not count towards the cap: the next ones move up.
    expect(suggestedDomains(realIndex(), 'Amazon', ['amazon.com', 'amazon.ae'])).toEqual([
      'amazon.ca',
      'amazon.cn',
      'amazon.co.jp',
      'amazon.co.uk',
      'amazon.com.au',
      'amazon.com.br',
      'amazon.com.mx',
      'amazon.com.tr',
    ]);
  });
});

describe('suggested sites in the app state', () => {
  it('each account carries its suggestions while the directory is on, none while off', async () => {
    const server = await startDirectoryServer('ok');
    try {
      const dir = await mkdtemp(join(tmpdir(), 'trayotp-suggested-domains-'));
      const { app } = await fakeApp({
        directory: {
          updater: new DirectoryUpdater({
            store: new DirectoryStore(join(dir, 'directory.json')),
            fetch,
            now: () => Date.now(),
            url: server.url,
          }),
          links: { open: async () => {} },
        },
      });
      await app.session.create('correct horse');
      await app.adding.addUri('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
      await app.adding.addUri(
        'otpauth://totp/Dropbox:alice?secret=KRSXG5CTMVRXEZLU&issuer=Dropbox',
        { domains: ['dropbox.com'] },
      );
      await app.adding.addUri('otpauth://totp/Homelab:ops?secret=ONSWG4TF&issuer=Homelab');
      const suggested = async () =>
        Object.fromEntries(
          (await app.getState()).accounts.map((a) => [a.issuer, a.suggestedDomains]),
        );

      expect(await suggested()).toEqual({ GitHub: [], Dropbox: [], Homelab: [] });
      await app.settings.set({ directoryEnabled: true });
      expect(await suggested()).toEqual({
        GitHub: ['github.com'],
        Dropbox: ['getdropbox.com'],
        Homelab: [],
      });
      await app.settings.set({ directoryEnabled: false });
      expect(await suggested()).toEqual({ GitHub: [], Dropbox: [], Homelab: [] });
    } finally {
      await server.close();
    }
  });
});

// The 2FA Directory inside the app, against the loopback server serving the real list: off by
// default (nothing downloaded), on → downloaded once and refreshed at most weekly by the hourly
// check, search and categories, the links it may open, and what the app does with it
// (the hotkey's account choice, icon hints, issuer suggestions, the "you have an account" mark).
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../../preload/contract';
import { CHECK_EVERY_MS, DirectoryService } from '../../../../main/app/directory/directory-service';
import { DEFAULT_SETTINGS } from '../../../../main/app/shared/settings';
import { AppError } from '../../../../main/app/shared/user-errors';
import { DirectoryUpdater, REFRESH_EVERY_MS } from '../../../../main/directory/refresh';
import { CACHE_FILE_NAME, DirectoryStore } from '../../../../main/directory/store';
import { fakeApp } from '../../../fakes/app';
import { FakeClock } from '../../../fakes/clock';
import { DIRECTORY_SITE_COUNT, startDirectoryServer } from '../../../support/directory-server';
import type { DirectoryServer } from '../../../support/directory-server';

const T0 = Date.UTC(2026, 10, 1, 9, 0, 10);

describe('DirectoryService', () => {
  let server: DirectoryServer;
  let dir: string;
  let clock: FakeClock;
  let settings: Settings;
  let opened: string[];

  beforeEach(async () => {
    server = await startDirectoryServer('ok');
    dir = await mkdtemp(join(tmpdir(), 'trayotp-directory-service-'));
    clock = new FakeClock(T0);
    settings = structuredClone(DEFAULT_SETTINGS);
    opened = [];
  });
  afterEach(() => server.close());

  const updater = () =>
    new DirectoryUpdater({
      store: new DirectoryStore(join(dir, CACHE_FILE_NAME)),
      fetch,
      now: () => clock.now(),
      url: server.url,
    });
  const service = () =>
    new DirectoryService({
      updater: updater(),
      settings: {
        get: () => settings,
        set: (patch) => (settings = { ...settings, ...patch }),
      },
      clock,
      links: {
        open: async (url) => {
          opened.push(url);
        },
      },
    });

  it('is off by default: starting it and a week of checks download nothing', async () => {
    expect(DEFAULT_SETTINGS.directoryEnabled).toBe(false);
    const directory = service();
    await directory.start();
    await clock.advance(REFRESH_EVERY_MS * 2);
    expect(server.requests).toEqual([]);
    expect(await directory.status()).toMatchObject({
      enabled: false,
      fetchedAt: null,
      siteCount: 0,
      error: null,
    });
    expect(directory.search({ text: 'git' }, [])).toEqual({ sites: [], total: 0 });
    await expect(directory.update()).rejects.toThrow(/is off; turn it on to download it/);
    directory.stop();
  });

  it('turning it on downloads it once; the hourly check refreshes it a week later', async () => {
    const directory = service();
    await directory.start();
    const status = await directory.setEnabled(true);
    expect(settings.directoryEnabled).toBe(true);
    expect(status).toMatchObject({
      enabled: true,
      updating: false,
      fetchedAt: new Date(T0).toISOString(),
      source: server.url,
      siteCount: DIRECTORY_SITE_COUNT,
      error: null,
    });
    expect(status.categories).toContainEqual({ name: 'developer', count: 122 });
    expect(status.categories).toContainEqual({ name: 'banking', count: 29 });
    expect(server.requests).toHaveLength(1);
    await clock.advance(REFRESH_EVERY_MS - CHECK_EVERY_MS);
    expect(server.requests).toHaveLength(1);
    await clock.advance(CHECK_EVERY_MS);
    // The download runs on real sockets: give it a moment.
    await waitFor(() => server.requests.length === 2);
    await waitFor(async () => (await directory.status()).updating === false);
    expect((await directory.status()).fetchedAt).toBe(
      new Date(T0 + REFRESH_EVERY_MS).toISOString(),
    );
    directory.stop();
    expect(clock.pending()).toEqual([]);
  });

  it('searches names and domains, browses categories and marks the sites you have', async () => {
    const directory = service();
    await directory.setEnabled(true);
    const names = (text: string, category?: string) =>
      directory.search({ text, category }, []).sites.map((s) => s.name);
    expect(names('github')[0]).toBe('GitHub');
    expect(names('github.com')[0]).toBe('GitHub');
    expect(names('amazon web')).toEqual(['Amazon Web Services']);
    expect(names('aws.amazon')).toEqual(['Amazon Web Services']);
    expect(names('no such site anywhere')).toEqual([]);
    const banking = directory.search({ text: '', category: 'banking' }, []);
    expect(banking.total).toBe(29);
    expect(banking.sites.every((s) => s.categories.includes('banking'))).toBe(true);
    const all = directory.search({ text: '' }, []);
    expect(all.total).toBe(DIRECTORY_SITE_COUNT);
    expect(all.sites).toHaveLength(100);

    const mine = directory.search({ text: 'git' }, [
      { issuer: 'github.com', name: 'alice' },
      { issuer: '', name: 'gitlab' },
    ]).sites;
    expect(mine.find((s) => s.name === 'GitHub')).toMatchObject({
      id: 'github.com',
      hasAccount: true,
      hasDocumentation: true,
    });
    // An account with no issuer is no evidence for any site.
    expect(mine.find((s) => s.name === 'GitLab')?.hasAccount).toBe(false);
  });

  it('opens only the https instructions the directory lists for a site, else its home page', async () => {
    const directory = service();
    await expect(directory.openDocumentation('github.com')).rejects.toThrow(AppError);
    await directory.setEnabled(true);
    await directory.openDocumentation('github.com');
    expect(opened).toEqual([
      'https://docs.github.com/en/github/authenticating-to-github/securing-your-account-with-two-factor-authentication-2fa/configuring-two-factor-authentication',
    ]);
    // ImprovMX's instructions are an http:// link, dropped when the list was read: its home page
    // over https instead.
    await directory.openDocumentation('improvmx.com');
    expect(opened.at(-1)).toBe('https://improvmx.com/');
    await expect(directory.openDocumentation('https://evil.example/')).rejects.toThrow(
      /not in the 2FA Directory copy/,
    );
    expect(opened).toHaveLength(2);
  });

  it('turning it off deletes the copy and stops what it knew from being used', async () => {
    const directory = service();
    await directory.setEnabled(true);
    expect(directory.siteName('github.com')).toBe('GitHub');
    expect(directory.suggestIssuer('github.com')).toBe('GitHub');
    expect(directory.matchInfo('20i')?.domains).toContain('20i.com');
    const status = await directory.setEnabled(false);
    expect(status).toMatchObject({ enabled: false, fetchedAt: null, siteCount: 0 });
    expect(existsSync(join(dir, CACHE_FILE_NAME))).toBe(false);
    expect(directory.siteName('github.com')).toBeUndefined();
    expect(directory.suggestIssuer('github.com')).toBeUndefined();
    expect(directory.matchInfo('20i')).toBeUndefined();
  });

  it('"Update now" on a failing server keeps the copy and says why', async () => {
    const directory = service();
    await directory.setEnabled(true);
    server.mode = 'error';
    await clock.advance(60_000);
    const status = await directory.update();
    expect(status).toMatchObject({
      fetchedAt: new Date(T0).toISOString(),
      siteCount: DIRECTORY_SITE_COUNT,
      error: expect.stringMatching(/answered 500 Internal Server Error/),
    });
    server.mode = 'ok';
    expect((await directory.update()).error).toBeNull();
  });

  describe('in the app (assembleApp)', () => {
    async function appWith(title: string, withDirectory: boolean) {
      const { app, typer } = await fakeApp({
        title,
        clock,
        pick: {
          fileName: 'links.txt',
          bytes: new TextEncoder().encode(
            'otpauth://totp/github.com:bob?secret=GEZDGNBVGY3TQOJQ&issuer=github.com\n',
          ),
        },
        screenCodes: ['otpauth://totp/gitlab.com:alice?secret=MFRGGZDFMZTWQ2LK&issuer=gitlab.com'],
        directory: { updater: updater(), links: { open: async (url) => void opened.push(url) } },
      });
      const directory = app.directory!;
      if (withDirectory) await app.settings.set({ directoryEnabled: true });
      await app.session.create('correct horse');
      await app.adding.addUri('otpauth://totp/20i:ops?secret=JBSWY3DPEHPK3PXP&issuer=20i');
      await app.adding.addUri('otpauth://totp/Cloudflare:ops?secret=KRSXG5CT&issuer=Cloudflare');
      return { app, typer, directory };
    }

    it.each([
      ['my.20i.com/login/2fa - Google Chrome', true, 'typed'],
      ['my.20i.com/login/2fa - Google Chrome', false, 'picker'],
    ])('hotkey on "%s" (directory %s) → %s', async (title, withDirectory, outcome) => {
      const { app, typer } = await appWith(title, withDirectory);
      expect(await app.typing.typeCurrentCode()).toBe(outcome);
      expect(typer.typed).toHaveLength(outcome === 'typed' ? 1 : 0);
    });

    it('a background refresh pushes the directory status and the state to the window', async () => {
      const { app, directory } = await appWith('', true);
      const events: string[] = [];
      app.onEvent((event) => events.push(event));
      await directory.start();
      // Started: the copy is fresh, nothing downloaded, nothing pushed.
      expect(events).toEqual([]);
      server.mode = 'error';
      await clock.advance(REFRESH_EVERY_MS);
      await waitFor(() => events.includes('directory'));
      await waitFor(() => events.includes('state'));
      expect(events.filter((e) => e === 'directory')).toHaveLength(1);
      expect((await directory.status()).error).toMatch(/500/);
      directory.stop();
    });

    it('the opt-in changed through setSettings downloads or deletes as the view would', async () => {
      const { app } = await appWith('', false);
      expect(server.requests).toEqual([]);
      await app.settings.set({ directoryEnabled: true });
      expect(server.requests).toHaveLength(1);
      expect((await app.directory!.status()).siteCount).toBe(DIRECTORY_SITE_COUNT);
      await app.settings.set({ directoryEnabled: false });
      expect(existsSync(join(dir, CACHE_FILE_NAME))).toBe(false);
      expect(await app.directory!.status()).toMatchObject({
        enabled: false,
        siteCount: 0,
      });
    });

    it('hints icons and suggests issuers only while the directory is on, never applying them', async () => {
      const { app } = await appWith('', true);
      await app.adding.addUri('otpauth://totp/github.com:alice?secret=ONSWG4TF&issuer=github.com');
      const state = await app.getState();
      expect(state.accounts.find((a) => a.issuer === 'github.com')?.siteName).toBe('GitHub');
      expect(state.accounts.find((a) => a.issuer === 'Cloudflare')?.siteName).toBe('Cloudflare');

      const scan = await app.scans.screen();
      expect(scan.candidates[0]).toMatchObject({ issuer: 'gitlab.com', suggestedIssuer: 'GitLab' });

      const picked = (await app.imports.pickFile())!;
      const preview = await app.imports.preview(picked.importId);
      expect(preview.entries[0]).toMatchObject({ issuer: 'github.com', suggestedIssuer: 'GitHub' });
      // Not accepted: the file's issuer is kept. Accepted: the directory's is used.
      await app.imports.confirm(picked.importId, [{ index: 0, action: 'add', issuer: 'GitHub' }]);
      const issuers = (await app.getState()).accounts.map((a) => a.issuer);
      expect(issuers).toEqual(expect.arrayContaining(['GitHub', 'github.com']));

      const marked = app.directory!.search({ text: 'git' }, app.session.current!.entries).sites;
      expect(marked.find((s) => s.name === 'GitHub')?.hasAccount).toBe(true);
      expect(marked.find((s) => s.name === 'GitLab')?.hasAccount).toBe(false);

      await app.directory!.setEnabled(false);
      const off = await app.getState();
      expect(off.accounts.every((a) => a.siteName === undefined)).toBe(true);
      expect((await app.scans.screen()).candidates[0]?.suggestedIssuer).toBeUndefined();
    });
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

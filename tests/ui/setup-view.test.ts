// "Set up two-step" in Chromium, on the app (assembleApp) and the real IPC table, with the 2FA Directory
// downloaded from a loopback server serving the real list: the opt-in (nothing downloaded before
// it), search by name and domain, categories, the "you have an account" mark, instructions
// opened by main (the window names a site, never a URL), a failed update keeping the copy,
// scanning from here, the issuer suggestions after a scan and in an import, icon hints, and
// turning it off.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIRECTORY_SITE_COUNT, startDirectoryServer } from '../support/directory-server';
import type { DirectoryServer } from '../support/directory-server';
import { axeViolations } from './support/harness';
import type { RealApp } from './support/real-app';
import { eventually, useSession } from './support/session';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const DROPBOX =
  'otpauth://totp/www.dropbox.com:alice?secret=KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD&issuer=www.dropbox.com';
const GITLAB_QR =
  'otpauth://totp/gitlab.com:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=gitlab.com';

async function openSetup(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Set up two-step…' }).click();
  await page.getByRole('heading', { name: 'Set up two-step' }).waitFor();
}

/** The issuers in the vault, sorted. */
const issuers = (main: RealApp) =>
  main
    .state()
    .accounts.map((a) => a.issuer)
    .sort();

const siteNames = (page: Page) => page.locator('.site-list .site-name').allTextContents();

describe('Set up two-step', () => {
  const session = useSession();
  let server: DirectoryServer;
  beforeAll(async () => {
    server = await startDirectoryServer('ok');
  });
  afterAll(() => server.close());

  it('explains the opt-in and downloads nothing until the person turns it on', async () => {
    server.requests.length = 0;
    server.mode = 'ok';
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      directory: { url: server.url },
    });
    await openSetup(page);
    await page.getByText('Nothing about your accounts is sent').waitFor();
    await page.getByText(/One public file \(about 260 kB\) from 127\.0\.0\.1:\d+/).waitFor();
    expect(server.requests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Download the directory' }).click();
    await page
      .getByText(`Showing 100 of ${DIRECTORY_SITE_COUNT} sites; type to narrow down.`)
      .waitFor();
    expect(server.requests).toHaveLength(1);
    expect(main.settings.directoryEnabled).toBe(true);
    expect(existsSync(main.directoryPath)).toBe(true);
    await page.getByText(/^1281 sites, downloaded .* from 127\.0\.0\.1:\d+\.$/).waitFor();
    await page
      .getByText(/the 2FA Directory by 2factorauth and contributors, under the MIT License/)
      .waitFor();
    await page.getByText('MIT License of the site list').click();
    await page.getByText('Copyright © 2021 2factorauth and Contributors.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('can also be turned on and off in Settings: on downloads, off deletes the copy', async () => {
    server.requests.length = 0;
    server.mode = 'ok';
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      directory: { url: server.url },
    });
    await page.getByRole('button', { name: 'Settings' }).click();
    const toggle = page.getByRole('checkbox', { name: /Download the 2FA Directory/ });
    expect(await toggle.isChecked()).toBe(false);
    // The box follows the saved setting, which changes once the download is done.
    await toggle.click();
    await eventually(async () => expect(await toggle.isChecked()).toBe(true));
    expect(existsSync(main.directoryPath)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(main.settings.directoryEnabled).toBe(true);
    await toggle.click();
    await eventually(async () => expect(await toggle.isChecked()).toBe(false));
    expect(existsSync(main.directoryPath)).toBe(false);
    expect(main.settings.directoryEnabled).toBe(false);
    expect(errors).toEqual([]);
  });

  it('shows what a background refresh brought while the view is open', async () => {
    server.mode = 'ok';
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      directory: { url: server.url, enabled: true },
    });
    await openSetup(page);
    await page.getByText(/^1281 sites, downloaded/).waitFor();
    const status = await main.handlers.directoryStatus();
    main.emit('directory', { ...status, error: 'The server answered 503.' });
    await page.getByText('Could not update the directory: The server answered 503.').waitFor();
    expect(errors).toEqual([]);
  });

  it('is offered from the empty codes list too', async () => {
    const { page, errors } = await session.open({ accounts: [], directory: { url: server.url } });
    await page.getByRole('button', { name: 'Where do I turn on two-step?' }).click();
    await page.getByRole('heading', { name: 'Set up two-step' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByText('No accounts yet.', { exact: false }).waitFor();
    expect(errors).toEqual([]);
  });

  it('turned on while the server fails: says why, has no copy, and Update now recovers', async () => {
    server.mode = 'error';
    const { page, errors } = await session.open({
      accounts: [GITHUB],
      directory: { url: server.url },
    });
    await openSetup(page);
    await page.getByRole('button', { name: 'Download the directory' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Could not update the directory: .*answered 500/ })
      .waitFor();
    await page.getByText('No copy yet.').waitFor();
    expect(await page.getByText(/is still used/).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    server.mode = 'ok';
    await page.getByRole('button', { name: 'Update now' }).click();
    await page
      .getByText(`Showing 100 of ${DIRECTORY_SITE_COUNT} sites; type to narrow down.`)
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('searches by name and domain, browses a category, marks your sites and opens instructions', async () => {
    server.mode = 'ok';
    const { page, main, bridge, errors } = await session.open({
      accounts: [GITHUB],
      directory: { url: server.url, enabled: true },
    });
    await openSetup(page);
    const search = page.getByRole('searchbox', { name: 'Search by name or domain' });
    await search.fill('github');
    await eventually(async () => expect((await siteNames(page))[0]).toBe('GitHub'));
    const github = page.locator('.site-row').filter({ hasText: 'github.com' }).first();
    await github.getByText('You have an account').waitFor();

    await search.fill('aws.amazon');
    await eventually(async () => expect(await siteNames(page)).toEqual(['Amazon Web Services']));
    expect(await page.getByText('You have an account').count()).toBe(0);

    await search.fill('');
    await page.getByLabel('Category').selectOption('banking');
    await page.getByText('29 sites', { exact: true }).waitFor();

    await page.getByLabel('Category').selectOption('');
    await search.fill('zzzz no such site');
    await page.getByText('No site matches; try part of its name or its domain.').waitFor();

    await search.fill('GitHub');
    await page
      .getByRole('button', { name: 'Instructions for GitHub (opens in your browser)' })
      .click();
    await eventually(() =>
      expect(main.openedLinks).toEqual([
        'https://docs.github.com/en/github/authenticating-to-github/securing-your-account-with-two-factor-authentication-2fa/configuring-two-factor-authentication',
      ]),
    );
    // The window asked for the site by its id; the link itself never crossed from the window.
    const asked = bridge.records.filter(
      (r) => r.direction === 'invoke' && r.name === 'directoryOpenDocumentation',
    );
    expect(asked.map((r) => r.payload)).toEqual([['github.com']]);
    // A site without instructions in the list: its home page instead.
    await page.getByRole('searchbox').fill('improvmx');
    await page.getByRole('button', { name: /^Open site: ImprovMX/ }).click();
    await eventually(() => expect(main.openedLinks.at(-1)).toBe('https://improvmx.com/'));
    expect(errors).toEqual([]);
  });

  it('a failed "Update now" keeps the copy in use and says when it was downloaded', async () => {
    server.mode = 'ok';
    const { page, errors } = await session.open({
      accounts: [GITHUB],
      directory: { url: server.url, enabled: true },
    });
    await openSetup(page);
    server.mode = 'error';
    await page.getByRole('button', { name: 'Update now' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not update the directory' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /answered 500 Internal Server Error instead of the directory; try again later\. The copy from .+ is still used\./,
    );
    await page
      .getByText(`Showing 100 of ${DIRECTORY_SITE_COUNT} sites; type to narrow down.`)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    server.mode = 'ok';
    await page.getByRole('button', { name: 'Update now' }).click();
    await eventually(async () => expect(await alert.count()).toBe(0));
    expect(errors).toEqual([]);
  });

  it('scans from here; the directory spelling of the issuer is offered and used only when accepted', async () => {
    server.mode = 'ok';
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      screenCodes: [GITLAB_QR],
      directory: { url: server.url, enabled: true },
    });
    await openSetup(page);
    await page.getByRole('button', { name: 'Scan QR from screen' }).click();
    await page.getByRole('heading', { name: 'Found 1 code' }).waitFor();
    const use = page.getByRole('button', { name: /Use “GitLab” instead of “gitlab.com”/ });
    await use.click();
    await page.getByText('Will be saved as “GitLab”.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('button', { name: 'Type into page' }).waitFor();
    await eventually(() => expect(issuers(main)).toEqual(['GitHub', 'GitLab']));
    expect(errors).toEqual([]);
  });

  it('an import keeps the file’s issuer unless the suggestion is accepted', async () => {
    server.mode = 'ok';
    const { page, main, errors } = await session.open({
      accounts: [],
      directory: { url: server.url, enabled: true },
    });
    main.nextPickFile = {
      fileName: 'links.txt',
      bytes: new TextEncoder().encode(
        [
          'otpauth://totp/github.com:alice?secret=JBSWY3DPEHPK3PXP&issuer=github.com',
          'otpauth://totp/gitlab.com:alice?secret=GEZDGNBVGY3TQOJQ&issuer=gitlab.com',
        ].join('\n'),
      ),
    };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('heading', { name: /accounts in this/ }).waitFor();
    await page.getByRole('button', { name: /Use “GitHub” instead of “github.com”/ }).click();
    await page.getByRole('button', { name: /Use “GitLab” instead/ }).waitFor();
    await page.getByRole('button', { name: 'Import 2 accounts' }).click();
    await eventually(() => expect(issuers(main)).toEqual(['GitHub', 'gitlab.com']));
    expect(errors).toEqual([]);
  });

  it('the directory names the brand icon for an issuer written as a hostname; off, it does not', async () => {
    server.mode = 'ok';
    const { page, errors } = await session.open({
      accounts: [DROPBOX],
      directory: { url: server.url, enabled: true },
    });
    const row = page.getByRole('option', { name: /www\.dropbox\.com/ });
    await row.locator('.account-icon.brand').waitFor();

    await openSetup(page);
    await page.getByRole('button', { name: 'Turn off and delete' }).click();
    await page.getByRole('button', { name: 'Download the directory' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await row.locator('.account-icon.initials').waitFor();
    expect(errors).toEqual([]);
  });
});

// The Edit view's Sites field: the sites an account is bound to (the hotkey and the browser
// extension use them), saved as hostnames (that address only) or "*." and a hostname (the site
// and its subdomains, issue 23), each said in words under the field, with a bad one refused
// beside it; and the sites the 2FA Directory lists for the issuer, offered under it and bound
// only when saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDirectoryServer } from '../support/directory-server';
import type { DirectoryServer } from '../support/directory-server';
import { axeViolations } from './support/harness';
import { eventually, useSession } from './support/session';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const HOMELAB = 'otpauth://totp/Homelab:ops?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=Homelab';

const SUGGESTED = 'Suggested by the 2FA Directory:';

async function editFirst(page: Page): Promise<void> {
  await page.getByRole('option').first().waitFor();
  await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
  await sitesField(page).waitFor();
}

// Exact: the suggestions' buttons ("Add github.com to Sites") have "Sites" in their names too.
const sitesField = (page: Page) => page.getByLabel('Sites', { exact: true });

describe('the Sites field', () => {
  const session = useSession();
  let directory: DirectoryServer;
  beforeAll(async () => {
    directory = await startDirectoryServer('ok');
  });
  afterAll(() => directory.close());

  it('binds the account to the sites typed; a bad one is said beside the field', async () => {
    const { page, main, errors } = await session.open({ accounts: [GITHUB] });
    await page.getByRole('option').first().waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Sites').fill('192.168.1.1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText(/is not a site address TrayOTP can bind to/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Sites').fill('https://github.com/login, gist.github.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() =>
      expect(main.state().accounts[0]!.domains).toEqual(['github.com', 'gist.github.com']),
    );
    expect(errors).toEqual([]);
  });

  it('says what each site means, and saves "*." as the site and its subdomains', async () => {
    const { page, main, errors } = await session.open({ accounts: [GITHUB] });
    await editFirst(page);
    await sitesField(page).fill('login.github.com, *.GitHub.com');
    const meanings = page.getByRole('list', { name: 'Codes are filled on:' });
    await eventually(async () =>
      expect(await meanings.getByRole('listitem').allInnerTexts()).toEqual([
        'login.github.com: this address only',
        '*.github.com: github.com and all its subdomains',
      ]),
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() =>
      expect(main.state().accounts[0]!.domains).toEqual(['login.github.com', '*.github.com']),
    );
    await editFirst(page);
    expect(await sitesField(page).inputValue()).toBe('login.github.com, *.github.com');
    expect(errors).toEqual([]);
  });

  it('offers the 2FA Directory site for the issuer; Add writes it in the field, Save binds it', async () => {
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      directory: { url: directory.url, enabled: true },
    });
    await editFirst(page);
    const add = page.getByRole('button', { name: 'Add github.com to Sites' });
    await add.waitFor();
    await page.getByText(SUGGESTED).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Already in the field, or covered by "*.": not offered again. A host under it covers only
    // itself (issue 23), so github.com is still offered beside www.github.com.
    await sitesField(page).fill('https://www.github.com/login');
    await add.waitFor();
    await sitesField(page).fill('*.github.com');
    await add.waitFor({ state: 'detached' });
    await sitesField(page).fill('github.com');
    await add.waitFor({ state: 'detached' });
    await sitesField(page).fill('github.dev');
    await add.click();
    expect(await sitesField(page).inputValue()).toBe('github.dev, github.com');
    await page.getByText(SUGGESTED).waitFor({ state: 'detached' });
    // Nothing is bound until the person saves.
    expect(main.state().accounts[0]!.domains).toEqual([]);

    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() =>
      expect(main.state().accounts[0]!.domains).toEqual(['github.dev', 'github.com']),
    );
    await editFirst(page);
    expect(await sitesField(page).inputValue()).toBe('github.dev, github.com');
    expect(await page.getByText(SUGGESTED).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('offers nothing for an issuer the 2FA Directory does not know', async () => {
    const { page, main, errors } = await session.open({
      accounts: [HOMELAB],
      directory: { url: directory.url, enabled: true },
    });
    await editFirst(page);
    expect(main.state().accounts[0]!.suggestedDomains).toEqual([]);
    expect(await page.getByText(SUGGESTED).count()).toBe(0);
    expect(await page.getByRole('button', { name: /to Sites$/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

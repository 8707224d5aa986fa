// Every view, in light and dark: axe-core finds no accessibility violations, and the README's
// picture of it shows it as it is now (./support/readme-shots.ts; TRAYOTP_SCREENSHOTS=1 retakes
// them: off by default so a test run does not rewrite tracked images whose codes change).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOtpUri, parseOtpUri } from '../../main/otp';
import { DIRECTORY_URL } from '../../main/directory/download';
import { TRAY_WINDOW_SIZE } from '../../main/platform/tray-window';
import { backupFolder } from '../../main/vault';
import { startDirectoryServer } from '../support/directory-server';
import type { DirectoryServer } from '../support/directory-server';
import type { RealApp, RealAppOptions } from './support/real-app';
import { axeViolations, repoRoot } from './support/harness';
import { readmeShot } from './support/readme-shots';
import type { OpenOptions } from './support/harness';
import { useSession } from './support/session';

const ACCOUNTS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Google:alice%40gmail.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google',
  'otpauth://totp/Cloudflare:ops%40example.com?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Cloudflare',
  'otpauth://totp/Acme%20Corp:bob?secret=ONSWG4TFORZWK3DMMVZXIZLSMVQWY3DP&issuer=Acme%20Corp&digits=8',
  'otpauth://steam/Steam:gamer?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Steam',
  'otpauth://totp/Proton:alice%40proton.me?secret=NBSWY3DPO5XXE3DEEBSWY3DPO5XXE3DE&issuer=Proton',
  'otpauth://hotp/Example%20VPN:alice?secret=OBQXG43XN5ZGIMJSGM2DKNRXHA4TAMJS&issuer=Example%20VPN&counter=4',
  'otpauth://totp/Discord:alice?secret=MNXW2ZLUNBUW4ZZAMJXXE2LOM4QGC3TE&issuer=Discord',
];

interface ViewCase {
  name: string;
  /** States checked by axe but not pictured in the README. */
  noScreenshot?: boolean;
  options?: RealAppOptions & OpenOptions;
  /** Brings the window to the view; resolves once it shows. */
  show: (page: Page, main: RealApp) => Promise<void>;
}

/** The 2FA Directory's loopback server (the real list), for the "Set up two-step" views. */
let directoryServer: DirectoryServer | undefined;
const directoryUrl = () => {
  if (!directoryServer) throw new Error('the directory server has not started');
  return directoryServer.url;
};

const VIEWS: ViewCase[] = [
  {
    name: 'codes',
    show: async (page, main) => {
      await main.handlers.updateAccount(main.idOf('Cloudflare'), {
        pinned: true,
        tags: ['work'],
      });
      await page.getByRole('option', { name: /Cloudflare/ }).waitFor();
    },
  },
  {
    name: 'search',
    show: async (page) => {
      await page.getByRole('option').first().waitFor();
      await page.keyboard.type('al');
      // The filter first (under load ArrowDown could land on the unfiltered list), then the move.
      await page.getByRole('listbox', { name: 'Accounts, 6 shown' }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('toolbar', { name: 'Actions for Google (alice@gmail.com)' }).waitFor();
    },
  },
  {
    name: 'add',
    show: async (page) => {
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByLabel('Secret key').fill('not base32!');
      await page.getByLabel('Issuer').fill('Example');
      await page.getByRole('button', { name: 'Add account' }).click();
      await page.locator('.field-error').first().waitFor();
    },
  },
  {
    name: 'enrol',
    options: {
      screenCodes: [
        'otpauth://totp/Dropbox:alice?secret=KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD&issuer=Dropbox',
      ],
    },
    show: async (page) => {
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('button', { name: 'Scan screen' }).click();
      await page.getByRole('button', { name: 'Add account' }).click();
      await page.getByRole('button', { name: 'Type into page' }).waitFor();
    },
  },
  {
    name: 'scan-results',
    noScreenshot: true,
    options: {
      screenCodes: [
        'otpauth://totp/Dropbox:alice?secret=KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD&issuer=Dropbox',
        'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub',
        'WIFI:S:cafe;T:WPA;P:guest;;',
      ],
    },
    show: async (page) => {
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('button', { name: 'Scan screen' }).click();
      await page.getByText('already added').waitFor();
    },
  },
  {
    name: 'hotkey-recorder',
    noScreenshot: true,
    show: async (page) => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Change shortcut' }).first().click();
      await page.getByRole('textbox', { name: /New shortcut for/ }).waitFor();
    },
  },
  {
    name: 'edit',
    show: async (page) => {
      await page.getByRole('option').first().waitFor();
      await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('Tags').waitFor();
    },
  },
  {
    name: 'edit-advanced',
    noScreenshot: true,
    show: async (page) => {
      await page.getByRole('option').first().waitFor();
      await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
      await page.getByText('Advanced: code parameters').click();
      // A changed value and a refused one: the preview, the confirmation and a field's error.
      await page.getByLabel('Algorithm').selectOption('SHA256');
      await page.getByText(/^With these parameters/).waitFor();
      await page.getByLabel('Period (seconds)').fill('0');
      await page.locator('.code-params .field-error').waitFor();
      await page.getByLabel('Use these parameters').waitFor();
    },
  },
  {
    name: 'import',
    show: async (page, main) => {
      const list = [
        ACCOUNTS[0],
        formatOtpUri(
          parseOtpUri('otpauth://totp/GitLab:alice?secret=GEZDGNBVGY3TQOJQ&issuer=GitLab').account,
        ),
        'otpauth://totp/Broken?secret=&issuer=Broken',
      ].join('\n');
      main.nextPickFile = { fileName: 'export.txt', bytes: new TextEncoder().encode(list) };
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('button', { name: 'Choose file…' }).click();
      await page.getByRole('heading', { name: /accounts in this/ }).waitFor();
    },
  },
  {
    name: 'export',
    show: async (page) => {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByLabel('otpauth:// link list (not encrypted)').check();
      await page.getByText('This file is not encrypted.').waitFor();
    },
  },
  {
    name: 'settings',
    options: { takenHotkeys: ['CommandOrControl+Alt+S'] },
    show: async (page) => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByText(/is already used by the system or another application/).waitFor();
    },
  },
  {
    name: 'setup-opt-in',
    options: {
      get directory() {
        return { url: DIRECTORY_URL, servedBy: directoryUrl() };
      },
    },
    show: async (page) => {
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('button', { name: 'Set up two-step…' }).click();
      await page.getByRole('button', { name: 'Download the directory' }).waitFor();
    },
  },
  {
    name: 'setup',
    options: {
      get directory() {
        return { url: DIRECTORY_URL, servedBy: directoryUrl(), enabled: true };
      },
    },
    show: async (page) => {
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('button', { name: 'Set up two-step…' }).click();
      await page.getByRole('searchbox').fill('git');
      await page.locator('.site-row').filter({ hasText: 'You have an account' }).first().waitFor();
    },
  },
  {
    name: 'lock',
    options: { vault: 'locked', passphrase: 'secret words' },
    show: async (page) => {
      await page.getByLabel('Passphrase').fill('nope');
      await page.keyboard.press('Enter');
      await page
        .getByRole('alert')
        .getByText(/^Wrong passphrase/)
        .waitFor();
    },
  },
  {
    name: 'create-vault',
    options: { vault: 'none', keychain: { available: true, weak: true, backend: 'basic_text' } },
    show: async (page) => {
      await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
    },
  },
  {
    name: 'rollback',
    options: {
      accounts: ACCOUNTS.slice(0, 3),
      rolledBack: ACCOUNTS.slice(3, 5),
      passphrase: 'secret words',
    },
    show: async (page) => {
      await page
        .getByRole('region', { name: 'This vault file is older than its newest backup' })
        .waitFor();
    },
  },
  {
    name: 'backup-problem',
    noScreenshot: true,
    show: async (page, main) => {
      await page.getByRole('option').first().waitFor();
      const folder = backupFolder(join(main.dir, 'vault.trayotp'));
      await rm(folder, { recursive: true });
      await writeFile(folder, 'not a folder');
      await page.getByRole('toolbar').getByRole('button', { name: 'Pin' }).click();
      await page.getByRole('region', { name: 'Backup failed' }).waitFor();
    },
  },
  {
    name: 'damaged',
    options: { accounts: ACCOUNTS.slice(0, 1), passphrase: 'secret words', damaged: true },
    noScreenshot: true,
    show: async (page) => {
      await page.getByRole('heading', { name: 'The vault file is damaged' }).waitFor();
    },
  },
  {
    name: 'region',
    options: { hash: '#/region', viewport: { width: 800, height: 450 } },
    show: async (page, main) => {
      await page.getByText('Preparing the screenshot…').waitFor();
      // A real enrolment screen (a rendered hosting panel's two-step page), as the overlay
      // shows a frozen screenshot of the display.
      const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      const [file, type] = dark
        ? ['s020_1920x1080_dark_totp.jpg', 'image/jpeg']
        : ['s000_1920x1080_light_totp.png', 'image/png'];
      const screen = await readFile(join(repoRoot, 'tests/fixtures/qr', file));
      const image = `data:${type};base64,${screen.toString('base64')}`;
      main.emit('regionImage', { displayId: '1', image, width: 1920, height: 1080 });
      await page.getByRole('application').waitFor();
    },
  },
];

describe('every view passes axe-core, light and dark', () => {
  const session = useSession();
  beforeAll(async () => {
    directoryServer = await startDirectoryServer('ok');
  });
  afterAll(() => directoryServer?.close());

  for (const view of VIEWS) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${view.name} (${scheme})`, async () => {
        // At the tray window's real size: what the README shows is what people see.
        const { page, main, errors, close } = await session.open({
          accounts: ACCOUNTS,
          colorScheme: scheme,
          viewport: TRAY_WINDOW_SIZE,
          ...view.options,
        });
        await view.show(page, main);
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        expect(errors).toEqual([]);
        if (!view.noScreenshot)
          await readmeShot(page, `${view.name}-${scheme}`, 'tests/ui/views.test.ts');
        await close();
      });
    }
  }
});

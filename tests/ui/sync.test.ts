// Settings → Sync in the real window (issue 17): turning sync on with a folder, inviting a second
// device (a plain SyncEngine of main/sync on the same folder, as another computer would be) that
// joins with the phrase shown, the check code both sides show, the account it adds arriving in
// the list; and the joining side: the phrase typed, the check code shown. With
// TRAYOTP_SCREENSHOTS=1 it also saves the README's screenshots (docs/screenshots/sync-*.png).
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  checkCode,
  createInvitation,
  newDeviceId,
  newSyncKey,
  parseInvitationText,
  requestJoin,
  SyncEngine,
} from '../../main/sync';
import { newDeviceKeys } from '../../main/sync/device-keys';
import { parseOtpUri } from '../../main/otp';
import { TRAY_WINDOW_SIZE } from '../../main/platform/tray-window';
import { newEntry } from '../../main/vault';
import type { Entry } from '../../main/vault';
import { axeViolations } from './support/harness';
import { eventually, useSession } from './support/session';
import { readmeShot } from './support/readme-shots';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const GITLAB =
  'otpauth://totp/GitLab:alice@example.com?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=GitLab';

/** Another computer: the sync engine alone, over a vault held in memory. */
function otherComputer(folder: string, key: ReturnType<typeof newSyncKey>, name: string) {
  let entries: Entry[] = [];
  const vault = {
    get entries() {
      return entries;
    },
    replaceEntries: async (next: Entry[]) => void (entries = next),
  };
  const device = newDeviceId();
  const deviceKeys = newDeviceKeys();
  const engine = new SyncEngine({
    folder,
    identity: { device, name, keys: [key], deviceKeys },
    vault,
    clock: { now: () => Date.now() },
    debounceMs: 50,
  });
  return {
    device,
    deviceKeys,
    engine,
    add: (uri: string) => {
      entries = [...entries, newEntry(parseOtpUri(uri).account, crypto.randomUUID(), Date.now())];
      engine.localChanged();
    },
  };
}

const engines: SyncEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

/** axe with the pointer out of the way, so no hover state is what gets checked. */
async function axeAway(page: Page) {
  await page.mouse.move(0, 0);
  return axeViolations(page);
}

async function openSyncSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Sync' });
  await section.scrollIntoViewIfNeeded();
  return section;
}

describe('Settings → Sync', () => {
  const session = useSession();

  it('turns sync on with a folder, invites a device that joins, shows both devices and the merge', async () => {
    // Named as a person's synced folder would be (the screenshot shows it).
    const folder = join(await mkdtemp(join(tmpdir(), 'trayotp-')), 'Sync');
    await mkdir(folder);
    const { page, main, errors } = await session.open({
      accounts: [GITHUB],
      viewport: TRAY_WINDOW_SIZE,
    });
    main.nextFolder = folder;
    const section = await openSyncSettings(page);
    await section.getByText('Sync accounts through a folder').waitFor();
    await section.getByRole('button', { name: 'Choose folder…' }).click();
    await section.getByLabel("This computer's name").fill('Desk');
    await section.getByRole('button', { name: 'Turn on sync' }).click();
    await section.getByText('this computer', { exact: true }).waitFor();
    expect(main.app.sync.status()).toMatchObject({ state: 'on', thisDevice: { name: 'Desk' } });
    expect(await axeAway(page)).toEqual([]);

    // The invitation: QR code, phrase, countdown.
    await section.getByRole('button', { name: 'Invite a device' }).click();
    const panel = section.getByRole('region', { name: 'Invite a device' });
    await panel.getByRole('img', { name: 'Invitation QR code' }).waitFor();
    await expect
      .poll(() => panel.getByRole('timer').textContent())
      .toMatch(/Expires in 1[45]:\d\d/);
    const phrase = (await panel.getByLabel('Invitation phrase').innerText()).replace(/\s+/g, '-');
    expect(phrase).toMatch(/^([A-Z2-7]{4}-){9}[A-Z2-7]{3}$/);
    expect(await axeAway(page)).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await readmeShot(page, 'sync-invitation-light', 'tests/ui/sync.test.ts');

    // The other computer joins with the phrase and adds an account.
    const input = parseInvitationText(phrase);
    const accepted = await acceptInvitation(folder, input);
    const laptop = otherComputer(folder, accepted.key, 'Laptop');
    // Its first file proves it holds the code: the inviter pairs exactly it (G4).
    await requestJoin(folder, accepted, laptop.device, laptop.deviceKeys, Date.now());
    engines.push(laptop.engine);
    await laptop.engine.start();
    const code = checkCode(accepted.key, input.invite, laptop.device);
    await panel.getByText('Laptop', { exact: true }).waitFor();
    await expect
      .poll(() => panel.locator('.sync-check-code').innerText())
      .toBe(`${code.slice(0, 3)} ${code.slice(3)}`);
    laptop.add(GITLAB);
    await eventually(() =>
      expect(
        main
          .state()
          .accounts.map((a) => a.issuer)
          .sort(),
      ).toEqual(['GitHub', 'GitLab']),
    );
    await panel.getByRole('button', { name: 'Done' }).click();
    await section.getByText('added 1, just now').waitFor();
    const devices = section.getByRole('list').getByRole('listitem');
    await expect.poll(() => devices.count()).toBe(2);
    expect(await devices.nth(1).innerText()).toMatch(/Laptop[\s\S]*Last seen just now/);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeAway(page), scheme).toEqual([]);
      await page.evaluate(() =>
        document.querySelector('.sync-settings')?.scrollIntoView({ block: 'start' }),
      );
      await readmeShot(page, `sync-settings-${scheme}`, 'tests/ui/sync.test.ts');
    }
    // No key or invitation code reaches the window beyond what it shows.
    expect(JSON.stringify(main.app.sync.status())).not.toContain(input.code);

    // Removing asks first; Cancel changes nothing, the confirmed Remove rotates the key.
    await page.emulateMedia({ colorScheme: 'light' });
    const laptopRemoved = () => {
      const status = main.app.sync.status();
      return status.state === 'on'
        ? status.devices.find((d) => d.name === 'Laptop')?.removed
        : undefined;
    };
    await devices.nth(1).getByRole('button', { name: 'Remove' }).click();
    const confirmRemove = section.getByRole('group', { name: 'Remove Laptop' });
    await confirmRemove.getByText(/the others get a new key/).waitFor();
    expect(await axeAway(page)).toEqual([]);
    await confirmRemove.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirmRemove.count()).toBe(0);
    expect(laptopRemoved()).toBe(false);
    await devices.nth(1).getByRole('button', { name: 'Remove' }).click();
    await confirmRemove.getByRole('button', { name: 'Remove Laptop' }).click();
    await expect.poll(laptopRemoved).toBe(true);
    await expect.poll(() => devices.nth(1).getByRole('button', { name: 'Remove' }).count()).toBe(0);

    // Leaving asks too, then the section is back to its start; the accounts stay.
    await section.getByRole('button', { name: 'Leave sync' }).click();
    const confirmLeave = section.getByRole('group', { name: 'Leave sync' });
    await confirmLeave.getByRole('button', { name: 'Leave sync' }).click();
    await section.getByText('Sync accounts through a folder').waitFor();
    expect(main.app.sync.status()).toMatchObject({ state: 'off' });
    expect(main.state().accounts).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('joins with the typed phrase and shows the check code to compare', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'trayotp-synced-'));
    // The group: another computer, already syncing, that made an invitation.
    const key = newSyncKey();
    const desk = otherComputer(folder, key, 'Desk');
    engines.push(desk.engine);
    await desk.engine.start();
    const invitation = await createInvitation({
      folder,
      device: desk.device,
      key,
      now: Date.now(),
    });

    const { page, main, errors } = await session.open({
      viewport: TRAY_WINDOW_SIZE,
      // What a screen scan finds: the invitation's QR code (as on a remote desktop).
      screenCodes: [invitation.qrText],
    });
    main.nextFolder = folder;
    const section = await openSyncSettings(page);
    await section.getByRole('button', { name: 'Join with an invitation…' }).click();
    await section.getByLabel('Invitation phrase').fill('not a phrase');
    await section.getByLabel("This computer's name").fill('Laptop');
    await section.getByRole('button', { name: 'Join' }).click();
    await section.getByText(/not a TrayOTP invitation/).waitFor();
    await section.getByRole('button', { name: 'Scan QR from screen' }).click();
    await expect
      .poll(() => section.getByLabel('Invitation phrase').inputValue())
      .toBe(invitation.qrText);
    // Typed, as most people will: lower case, spaces for dashes.
    await section
      .getByLabel('Invitation phrase')
      .fill(invitation.phrase.toLowerCase().replace(/-/g, ' '));
    await section.getByRole('button', { name: 'Join' }).click();
    await section.getByText('Check that the other computer shows the same code:').waitFor();
    const me = main.app.sync.status().thisDevice!.device;
    const code = checkCode(key, invitation.invite, me);
    expect(await section.locator('.sync-check-code').innerText()).toBe(
      `${code.slice(0, 3)} ${code.slice(3)}`,
    );
    expect(await axeAway(page)).toEqual([]);
    await section.getByRole('button', { name: 'The codes match' }).click();
    await section.getByText('Desk', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});

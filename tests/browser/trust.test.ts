/// <reference types="chrome" />
// Issue 23 in Debian's Chromium with the real extension, host, socket, bridge and vault, the sites
// served over HTTPS from a throwaway CA only this profile trusts: codes only over https: (R6);
// frames (R7): the outcome comes from the frame that holds the field, a second click in a clear
// frame still fills, a layer of the parent page over a frame (even a clear, click-through one)
// refuses on every path, and binding from a frame offers the frame's own site; click-through
// layers over a field (R7); fields in open shadow roots (R9); the look-alike's message (R10).
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpUri } from '../../main/otp/uri';
import { skipWithout } from '../support/tools';
import { clickMessageButton, messageBox } from './support/extension-ui';
import { clickFill, fills, staysEmpty, titleSays } from './support/expect-fill';
import { buildExtension, startHarness } from './support/harness';
import type { Harness } from './support/harness';
import { LOOKALIKE, OTHER, OTPAUTH, REAL } from './support/sites';

const skip = skipWithout('chromium', 'Xvfb', 'openssl');
let h: Harness;
let entryId: string;

beforeAll(async () => {
  if (skip) return;
  buildExtension();
  h = await startHarness();
  // Bound to the exact host (and so also under registrable-domain matching).
  entryId = (await h.vault.add(parseOtpUri(OTPAUTH).account, { domains: [REAL] })).id;
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const bindFramedSite = (bound: boolean) =>
  h.vault.update(entryId, { domains: bound ? [REAL, OTHER] : [REAL] });

const crossFrame = (page: Page): Frame => page.frames().find((f) => f.url().includes(OTHER))!;

/** The value of the code field inside the /shadow page's nested open shadow roots. */
const shadowValue = (page: Page) =>
  page.evaluate(
    () =>
      (
        document
          .querySelector('#outer')!
          .shadowRoot!.querySelector('#inner')!
          .shadowRoot!.querySelector('#otp') as HTMLInputElement
      ).value,
  );

describe.skipIf(skip)('issue 23 in Chromium: where and when a code is filled', () => {
  it('the sites are https: pages with a valid chain: secure contexts', async () => {
    const page = await h.page(h.sites.url(REAL, '/login'));
    expect(await page.evaluate(() => [location.protocol, isSecureContext])).toEqual([
      'https:',
      true,
    ]);
    // …and the first fill pairs the browser.
    await clickFill(page);
    await fills(() => page.inputValue('#otp'));
    await page.close();
  });

  it('R6: an http: page gets a clear message and nothing, by button or hotkey', async () => {
    const reads = h.codeReads.length;
    const page = await h.page(h.sites.httpUrl(REAL, '/login'));
    await clickFill(page);
    expect(await titleSays(h, page, /not secure/)).toContain('https:');
    await expect
      .poll(async () => (await messageBox(page))?.text ?? '', { timeout: 10_000 })
      .toMatch(/this page is not secure \(http:\)/);
    await page.focus('#otp');
    expect((await h.bridge.fillFocused()).outcome).not.toBe('filled');
    await staysEmpty(() => page.inputValue('#otp'));
    expect(h.codeReads).toHaveLength(reads);
    await page.close();
  });

  it('R7: the hotkey in a frame reports what the frame did, not the page around it', async () => {
    await bindFramedSite(true);
    const page = await h.page(h.sites.url(REAL, '/frames'));
    const frame = page.frameLocator('#cross');
    await frame.locator('trayotp-fill').waitFor({ timeout: 15_000 });
    await frame.locator('#otp').focus();
    expect(await h.bridge.fillFocused()).toMatchObject({ outcome: 'filled' });
    await fills(() => frame.locator('#otp').inputValue());
    await page.close();
    await bindFramedSite(false);
  });

  it('R7: a second real click in a clear frame fills again (the extension’s message is no cover)', async () => {
    const page = await h.page(h.sites.url(REAL, '/frames'));
    const field = page.frameLocator('#cross').locator('#otp');
    // The first click finds the frame's site unbound: the extension's message box shows.
    await clickFill(page, '#cross');
    await expect
      .poll(async () => (await messageBox(page, crossFrame(page)))?.text ?? '', {
        timeout: 10_000,
      })
      .toContain('not bound');
    await bindFramedSite(true);
    await clickFill(page, '#cross');
    await fills(() => field.inputValue());
    await field.fill('');
    await clickFill(page, '#cross');
    await fills(() => field.inputValue());
    await page.close();
    await bindFramedSite(false);
  });

  it.each(['/frames-covered', '/frames-clear'])(
    'R7: a frame under the parent page’s click-through layer (%s) gets nothing by button or hotkey',
    async (path) => {
      await bindFramedSite(true);
      const reads = h.codeReads.length;
      const page = await h.page(h.sites.url(REAL, path));
      const field = page.frameLocator('#cross').locator('#otp');
      await clickFill(page, '#cross');
      await staysEmpty(() => field.inputValue());
      await field.focus();
      expect((await h.bridge.fillFocused()).outcome).toBe('refused');
      await staysEmpty(() => field.inputValue());
      expect(h.codeReads).toHaveLength(reads);
      await page.close();
      await bindFramedSite(false);
    },
  );

  it('R7: a field under a clear layer that lets clicks through gets nothing by button or hotkey', async () => {
    const reads = h.codeReads.length;
    const page = await h.page(h.sites.url(REAL, '/covered-click-through'));
    await clickFill(page);
    await staysEmpty(() => page.inputValue('#otp'));
    await page.focus('#otp');
    expect((await h.bridge.fillFocused()).outcome).toBe('refused');
    await staysEmpty(() => page.inputValue('#otp'));
    expect(h.codeReads).toHaveLength(reads);
    await page.close();
  });

  it('R7: binding from a frame offers the frame’s own site and says it is inside another', async () => {
    const page = await h.page(h.sites.url(REAL, '/frames'));
    const frame = crossFrame(page);
    await clickFill(page, '#cross');
    await expect
      .poll(async () => (await messageBox(page, frame))?.text ?? '', { timeout: 10_000 })
      .toContain('not bound to any account');
    const box = (await messageBox(page, frame))!;
    expect(box.text).toContain(`This frame is ${OTHER}, inside another site: ${REAL}.`);
    const opened = h.opened.length;
    await clickMessageButton(page, 'Bind this site…', frame);
    await expect
      .poll(async () => (await messageBox(page, frame))?.text ?? '')
      .toContain('Check the browser’s address first');
    await clickMessageButton(page, 'Open TrayOTP to bind it', frame);
    await expect.poll(() => h.opened.length).toBe(opened + 1);
    expect(h.opened.at(-1)).toContain('othersite.net');
    expect(h.opened.at(-1)).not.toContain('hostco');
    await page.close();
  });

  it('R9: a code field inside open shadow roots is found and filled, by button and hotkey', async () => {
    const page = await h.page(h.sites.url(REAL, '/shadow'));
    await clickFill(page);
    await fills(() => shadowValue(page));
    await page.evaluate(() => {
      const input = document
        .querySelector('#outer')!
        .shadowRoot!.querySelector('#inner')!
        .shadowRoot!.querySelector('#otp') as HTMLInputElement;
      input.value = '';
      input.focus();
    });
    expect(await h.bridge.fillFocused()).toMatchObject({ outcome: 'filled' });
    await fills(() => shadowValue(page));
    await page.close();
  });

  it('R9: the same field under a click-through layer gets nothing', async () => {
    const reads = h.codeReads.length;
    const page = await h.page(h.sites.url(REAL, '/shadow-covered'));
    await clickFill(page);
    await staysEmpty(() => shadowValue(page));
    expect(h.codeReads).toHaveLength(reads);
    await page.close();
  });

  it('R10: the look-alike is told first that it is not bound; binding is secondary, behind the address warning', async () => {
    const opened = h.opened.length;
    const page = await h.page(h.sites.url(LOOKALIKE, '/login'));
    await clickFill(page);
    await expect
      .poll(async () => (await messageBox(page))?.text ?? '', { timeout: 10_000 })
      .toMatch(/^TrayOTP: this site is not bound to any account/);
    const box = (await messageBox(page))!;
    expect(box.buttons.map((b) => [b.label, b.secondary])).toEqual([['Bind this site…', true]]);
    await clickMessageButton(page, 'Bind this site…');
    const warning = (await messageBox(page))!;
    expect(warning.text).toContain('Check the browser’s address first');
    expect(warning.text).toContain(LOOKALIKE);
    expect(warning.text).toMatch(
      /^TrayOTP: bind hostco-secure\.com\?|^TrayOTP: bind panel\.hostco-secure\.com\?/,
    );
    expect(warning.buttons.map((b) => [b.label, b.secondary])).toEqual([
      ['Cancel', false],
      ['Open TrayOTP to bind it', true],
    ]);
    await clickMessageButton(page, 'Cancel');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.opened).toHaveLength(opened);
    expect(await page.inputValue('#otp')).toBe('');
    // Past the warning, TrayOTP opens to bind the site the person is on (bound there, not here).
    await clickFill(page);
    await expect
      .poll(async () => (await messageBox(page))?.buttons.length ?? 0, { timeout: 10_000 })
      .toBe(1);
    await clickMessageButton(page, 'Bind this site…');
    await clickMessageButton(page, 'Open TrayOTP to bind it');
    await expect.poll(() => h.opened.length).toBe(opened + 1);
    expect(h.opened.at(-1)).toContain('hostco-secure.com');
    expect(await page.inputValue('#otp')).toBe('');
    await page.close();
  });
});

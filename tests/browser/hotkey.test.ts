/// <reference types="chrome" />
// TrayOTP's type-code hotkey as the app handles it (issue 16): the app as assembleApp builds it
// (its BrowserService, Typing and the bridge they share) with Debian's Chromium, the extension
// and the real host. The focused window's title names the real site — as a phishing page's
// title would — while the focused tab is the look-alike: the hotkey asks the browser, which
// answers by the tab's own domain, so nothing is typed and nothing is filled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filePairingStore } from '../../main/browser/pairings';
import { fakeApp } from '../fakes/app';
import type { FakeApp } from '../fakes/app';
import { skipWithout } from '../support/tools';
import { buildExtension, startHarness } from './support/harness';
import type { Harness } from './support/harness';
import { LOOKALIKE, OTPAUTH, REAL } from './support/sites';

const skip = skipWithout('chromium', 'Xvfb');
let h: Harness;
let world: FakeApp;

beforeAll(async () => {
  if (skip) return;
  buildExtension();
  h = await startHarness({
    appBridge: async (place) => {
      world = await fakeApp({
        title: 'Log in | HostCo — Chromium',
        browser: { store: filePairingStore(`${place.dir}-pairings.json`), place },
      });
      // The person approves "Connect <browser>?" in TrayOTP's window.
      world.app.onEvent((event, payload) => {
        if (event === 'browserPairingPrompt') {
          world.app.browser!.answerPairing((payload as { id: string }).id, true);
        }
      });
      await world.app.start();
      await world.app.browser!.start(); // already listening: waits for the start above
      if (!world.app.browser!.status().listening) throw new Error('the bridge is not listening');
      return world.app.browser!.bridge;
    },
  });
}, 180_000);
afterAll(async () => {
  await h?.close();
  await world?.app.shutdown();
});

describe.skipIf(skip)('the type-code hotkey with the extension connected', () => {
  it('a title naming the real site while the look-alike has the focus: nothing typed, nothing filled', async () => {
    const { app, typer, clipboard, notifier, pushed } = world;
    await app.session.create();
    const { account } = await app.adding.addUri(OTPAUTH);
    await app.session.current!.update(account.id, { domains: ['hostco.com'] });

    // The first contact pairs the browser (approved above) and fills the real panel.
    const real = await h.page(h.sites.url(REAL, '/login'));
    const button = real.locator('trayotp-fill').first();
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    await expect.poll(() => real.inputValue('#otp'), { timeout: 20_000 }).toMatch(/^\d{6}$/);
    await real.close();
    expect(app.browser!.connected).toBe(1);

    const lookalike = await h.page(h.sites.url(LOOKALIKE, '/login'));
    expect(await lookalike.title()).toBe('Log in | HostCo');
    await lookalike.focus('#otp');
    expect(await app.typing.typeCurrentCode()).toBe('browser-refused');
    expect(await lookalike.inputValue('#otp')).toBe('');
    expect(typer.typed).toEqual([]);
    expect(clipboard.text).toBe('');
    expect(notifier.notices.at(-1)!.title).toBe('No account for hostco-secure.com');
    expect(pushed('browserBindSite')).toEqual([{ domain: 'hostco-secure.com' }]);
    await lookalike.close();
  });
});

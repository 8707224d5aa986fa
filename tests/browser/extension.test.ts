/// <reference types="chrome" />
// The TrayOTP extension in Debian's Chromium, end to end: the real extension, the real host
// started by the browser from the profile's NativeMessagingHosts/, the real socket, bridge and
// vault. One browser for the file; the cases run in order, as a person would meet them: pair and
// enrol from the panel's QR code, sign in, then every page and state that must get nothing.
import { stat } from 'node:fs/promises';
import { TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryDomains } from '../../main/vault';
import { skipWithout } from '../support/tools';
import { buildExtension, PASSPHRASE, startHarness } from './support/harness';
import type { Harness } from './support/harness';
import { LOOKALIKE, OTHER, REAL, SECRET } from './support/sites';

const skip = skipWithout('chromium', 'Xvfb');
let h: Harness;

beforeAll(async () => {
  if (skip) return;
  buildExtension();
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

/** The panel account's codes of this time step and the one before (a click near the edge). */
function currentCodes(): string[] {
  const totp = new TOTP({ secret: SECRET });
  const now = Date.now();
  return [totp.generate({ timestamp: now }), totp.generate({ timestamp: now - 30_000 })];
}

async function click(page: Page, selector = 'trayotp-fill', frame?: string) {
  const root = frame ? page.frameLocator(frame) : page;
  const button = root.locator(selector).first();
  await button.waitFor({ timeout: 15_000 });
  await button.click();
}

async function titleSays(page: Page, pattern: RegExp): Promise<string> {
  let title = '';
  await expect
    .poll(async () => (title = await h.actionTitle(page)), { timeout: 15_000 })
    .toMatch(pattern);
  return title;
}

/** Waits long enough for a fill that should not come, then checks it did not. */
async function staysEmpty(read: () => Promise<string>) {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await read()).toBe('');
}

describe.skipIf(skip)('the TrayOTP extension in Chromium', () => {
  it('the socket is private: 0600 in a 0700 folder', async () => {
    expect((await stat(h.socketPath)).mode & 0o777).toBe(0o600);
    expect((await stat(`${h.dir}/run`)).mode & 0o777).toBe(0o700);
  });

  it('enrols from the control panel’s QR code, after pairing with the same short code on both sides', async () => {
    h.approve = async (request) => {
      // The extension shows the code TrayOTP's prompt shows.
      await titleSays(page, new RegExp(request.code));
      return true;
    };
    const page = await h.page(h.sites.url(REAL, '/security'));
    await click(page, 'trayotp-add');
    await expect.poll(() => page.inputValue('#verify'), { timeout: 20_000 }).toMatch(/^\d{6}$/);
    expect(currentCodes()).toContain(await page.inputValue('#verify'));
    expect(h.prompts).toHaveLength(1);
    expect(h.prompts[0]).toMatchObject({
      browser: expect.stringMatching(/Chromium/),
      caller: 'chrome-extension://begalpdalbkfinpdecoapohhnepbgphl/',
    });
    expect(h.vault.entries).toHaveLength(1);
    expect(h.vault.entries[0]).toMatchObject({ issuer: 'HostCo', name: 'alice@example.com' });
    // The page's site (its registrable domain, or with exact-host bindings its host).
    expect(entryDomains(h.vault.entries[0]!)).toEqual([
      expect.stringMatching(/^(panel\.)?hostco\.com$/),
    ]);
    await page.close();
  });

  it('signs in at the real panel with the field filled', async () => {
    const page = await h.page(h.sites.url(REAL, '/login'));
    await click(page);
    await expect.poll(() => page.inputValue('#otp'), { timeout: 15_000 }).toMatch(/^\d{6}$/);
    expect(currentCodes()).toContain(await page.inputValue('#otp'));
    expect(h.prompts).toHaveLength(1); // paired once
    await page.close();
  });

  it('gives the look-alike with the same title nothing, and says why', async () => {
    const reads = h.codeReads.length;
    const page = await h.page(h.sites.url(LOOKALIKE, '/login'));
    expect(await page.title()).toBe('Log in | HostCo');
    await click(page);
    const title = await titleSays(page, /not bound/);
    expect(title).toContain('hostco-secure.com');
    expect(title).toContain('not bound to any account');
    expect(await page.inputValue('#otp')).toBe('');
    expect(h.codeReads).toHaveLength(reads);
    await page.close();
  });

  it('refuses a field covered by another layer', async () => {
    const reads = h.codeReads.length;
    const page = await h.page(h.sites.url(REAL, '/covered'));
    await click(page);
    await page.locator('trayotp-message').waitFor({ state: 'attached', timeout: 10_000 });
    await staysEmpty(() => page.inputValue('#otp'));
    expect(h.codeReads).toHaveLength(reads);
    await page.close();
  });

  it('gives a cross-origin iframe nothing until its own domain is bound, and a sandboxed iframe nothing', async () => {
    const page = await h.page(h.sites.url(REAL, '/frames'));
    const cross = page.frameLocator('#cross');
    await click(page, 'trayotp-fill', '#cross');
    expect(await titleSays(page, /not bound/)).toContain(OTHER.replace('widget.', ''));
    await staysEmpty(() => cross.locator('#otp').inputValue());

    // The sandboxed frame gets no button, and TrayOTP's hotkey with its field focused fills nothing.
    const sandboxed = page.frameLocator('#sandboxed');
    await sandboxed.locator('#otp').focus();
    expect(await sandboxed.locator('trayotp-fill').count()).toBe(0);
    const result = await h.bridge.fillFocused();
    expect(result.outcome).not.toBe('filled');
    await staysEmpty(() => sandboxed.locator('#otp').inputValue());

    // Bound in TrayOTP (never by a page), the framed site's own field is filled.
    const [entry] = h.vault.entries;
    const bound = [...entryDomains(entry!)];
    await h.vault.update(entry!.id, { domains: [...bound, OTHER] });
    await click(page, 'trayotp-fill', '#cross');
    await expect
      .poll(() => cross.locator('#otp').inputValue(), { timeout: 15_000 })
      .toMatch(/^\d{6}$/);

    // Even bound, a frame the parent page lays a (click-through) layer over gets nothing.
    const reads = h.codeReads.length;
    const covered = await h.page(h.sites.url(REAL, '/frames-covered'));
    await click(covered, 'trayotp-fill', '#cross');
    const framed = covered.frameLocator('#cross');
    await framed.locator('trayotp-message').waitFor({ state: 'attached', timeout: 10_000 });
    await staysEmpty(() => framed.locator('#otp').inputValue());
    expect(h.codeReads).toHaveLength(reads);
    await covered.close();
    await h.vault.update(entry!.id, { domains: bound });
    await page.close();
  });

  it('fills a split field, one digit per box', async () => {
    const page = await h.page(h.sites.url(REAL, '/split'));
    await click(page);
    const read = () =>
      page.$$eval('#boxes input', (inputs) =>
        inputs.map((i) => (i as HTMLInputElement).value).join(''),
      );
    await expect.poll(read, { timeout: 15_000 }).toMatch(/^\d{6}$/);
    expect(currentCodes()).toContain(await read());
    await page.close();
  });

  it('TrayOTP’s hotkey asks the extension, which picks by the tab’s domain, not the title', async () => {
    const lookalike = await h.page(h.sites.url(LOOKALIKE, '/login'));
    await lookalike.focus('#otp');
    expect(await h.bridge.fillFocused()).toEqual({
      outcome: 'not-bound',
      domain: expect.stringMatching(/^(panel\.)?hostco-secure\.com$/),
    });
    expect(await lookalike.inputValue('#otp')).toBe('');
    await lookalike.close();

    const real = await h.page(h.sites.url(REAL, '/login'));
    await real.focus('#otp');
    expect(await h.bridge.fillFocused()).toEqual({
      outcome: 'filled',
      domain: expect.stringMatching(/^(panel\.)?hostco\.com$/),
    });
    expect(currentCodes()).toContain(await real.inputValue('#otp'));
    await real.close();
  });

  it('a locked vault answers "locked" and nothing is filled after unlocking', async () => {
    h.vault.lock();
    const page = await h.page(h.sites.url(REAL, '/login'));
    await click(page);
    await titleSays(page, /locked/i);
    await h.vault.unlock({ passphrase: PASSPHRASE });
    await staysEmpty(() => page.inputValue('#otp'));
    await page.close();
  });

  it('a host killed in the middle of a request is replaced and the fill still happens', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    h.beforeCode = async () => {
      if (!first) return;
      first = false;
      entered();
      await held;
    };
    const page = await h.page(h.sites.url(REAL, '/login'));
    await click(page);
    await inside;
    const [connection] = h.bridge.connections();
    expect(connection?.hostPid).toBeGreaterThan(0);
    process.kill(connection!.hostPid!, 'SIGKILL');
    release();
    await expect.poll(() => page.inputValue('#otp'), { timeout: 20_000 }).toMatch(/^\d{6}$/);
    expect(h.bridge.connections().map((c) => c.hostPid)).not.toContain(connection!.hostPid);
    h.beforeCode = async () => undefined;
    await page.close();
  });

  it('a revoked browser is refused without a new prompt', async () => {
    const [paired] = await h.bridge.browsers();
    await h.bridge.revoke(paired!.id);
    const prompts = h.prompts.length;
    const page = await h.page(h.sites.url(REAL, '/login'));
    await click(page);
    await titleSays(page, /disconnected in TrayOTP/);
    await staysEmpty(() => page.inputValue('#otp'));
    expect(h.prompts).toHaveLength(prompts);
    await page.close();
  });

  it('an extension the person does not approve gets nothing', async () => {
    // After the revocation the extension made itself a new identity: TrayOTP asks again.
    h.approve = async () => false;
    const prompts = h.prompts.length;
    const page = await h.page(h.sites.url(REAL, '/login'));
    await click(page);
    await titleSays(page, /did not connect this browser/);
    expect(h.prompts).toHaveLength(prompts + 1);
    await staysEmpty(() => page.inputValue('#otp'));
    expect(await h.bridge.browsers()).toEqual([]);
    await page.close();
  });

  it('malformed, oversized and out-of-session messages through the real browser get errors', async () => {
    const answers = await h.worker.evaluate(
      () =>
        new Promise<unknown[]>((resolve) => {
          const port = chrome.runtime.connectNative('app.trayotp.host');
          const got: unknown[] = [];
          const done = () => {
            port.disconnect();
            resolve(got);
          };
          port.onMessage.addListener((message) => {
            got.push(message);
            if (got.length === 3) done();
          });
          setTimeout(done, 15_000);
          port.postMessage({ t: 'launch' });
          port.postMessage({ t: 'msg', n: 0, c: 'AAAA' });
          port.postMessage({ big: 'x'.repeat(2 * 1024 * 1024) });
        }),
    );
    expect((answers as { code: string }[]).map((a) => a.code).sort()).toEqual([
      'malformed',
      'not-paired',
      'oversized',
    ]);
    // …and the bridge still serves: a fresh browser identity gets its pairing prompt (a fresh
    // one: TrayOTP may hold back a prompt for the identity the person just refused).
    await h.worker.evaluate(() => chrome.storage.local.remove(['key', 'appKey']));
    h.approve = async () => true;
    const page = await h.page(h.sites.url(REAL, '/login'));
    await click(page);
    await expect
      .poll(async () => `${await page.inputValue('#otp')} ${await h.actionTitle(page)}`, {
        timeout: 20_000,
      })
      .toMatch(/^\d{6} /);
    await page.close();
  });
});

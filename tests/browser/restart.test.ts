/// <reference types="chrome" />
// Issue 23, R1, the extension's side: a paired browser connects to TrayOTP as soon as it starts,
// without any click, and again after TrayOTP restarts, so TrayOTP's hotkey is answered by the
// extension (which picks by the tab's own site) from the first minute of the day. The browser is
// killed (SIGKILL) and started again on the same profile; TrayOTP's bridge is stopped and started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpUri } from '../../main/otp/uri';
import { skipWithout } from '../support/tools';
import { clickFill, fills, staysEmpty } from './support/expect-fill';
import { buildExtension, startHarness } from './support/harness';
import type { Harness } from './support/harness';
import { LOOKALIKE, OTPAUTH, REAL } from './support/sites';

const skip = skipWithout('chromium', 'Xvfb', 'openssl');
let h: Harness;

beforeAll(async () => {
  if (skip) return;
  buildExtension();
  h = await startHarness();
  await h.vault.add(parseOtpUri(OTPAUTH).account, { domains: [REAL] });
}, 180_000);
afterAll(async () => {
  await h?.close();
});

/** With nothing clicked: the hotkey fills nothing on the look-alike and fills the real site. */
async function hotkeyPicksBySite() {
  const reads = h.codeReads.length;
  const lookalike = await h.page(h.sites.url(LOOKALIKE, '/login'));
  await lookalike.focus('#otp');
  expect(await h.bridge.fillFocused()).toMatchObject({ outcome: 'not-bound' });
  await staysEmpty(() => lookalike.inputValue('#otp'));
  expect(h.codeReads).toHaveLength(reads);
  await lookalike.close();

  const real = await h.page(h.sites.url(REAL, '/login'));
  await real.focus('#otp');
  expect(await h.bridge.fillFocused()).toMatchObject({ outcome: 'filled' });
  await fills(() => real.inputValue('#otp'));
  await real.close();
}

describe.skipIf(skip)('the extension connects by itself (issue 23, R1)', () => {
  it('pairs on the first click, as before', async () => {
    const page = await h.page(h.sites.url(REAL, '/login'));
    await clickFill(page);
    await fills(() => page.inputValue('#otp'));
    await page.close();
    expect(h.prompts).toHaveLength(1);
  });

  it('after the browser is killed and started again, it connects with no page and no click', async () => {
    await h.restartBrowser();
    await expect
      .poll(() => h.bridge.connections().length, { timeout: 20_000, interval: 250 })
      .toBeGreaterThan(0);
    await hotkeyPicksBySite();
    expect(h.prompts).toHaveLength(1); // no new pairing
  });

  it('after TrayOTP stops and starts again, it connects again by itself', async () => {
    await h.bridge.stop();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(h.bridge.connections()).toHaveLength(0);
    await h.bridge.start();
    await expect
      .poll(() => h.bridge.connections().length, { timeout: 30_000, interval: 250 })
      .toBeGreaterThan(0);
    await hotkeyPicksBySite();
  });
});

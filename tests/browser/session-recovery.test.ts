/// <reference types="chrome" />
// Issue 23, R4, the extension's side: going over TrayOTP's rate limit must not leave the session
// out of step for good ("Message 25 arrived before message 19" on every request after). The
// bridge here allows a burst of 4 frames and one a second; the person clicks the fill button
// many times in a row, then once more after a pause: that click fills.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpUri } from '../../main/otp/uri';
import { skipWithout } from '../support/tools';
import { fills } from './support/expect-fill';
import { buildExtension, startHarness } from './support/harness';
import type { Harness } from './support/harness';
import { OTPAUTH, REAL } from './support/sites';

const skip = skipWithout('chromium', 'Xvfb', 'openssl');
let h: Harness;

beforeAll(async () => {
  if (skip) return;
  buildExtension();
  h = await startHarness({ rate: { burst: 4, perSecond: 1 } });
  await h.vault.add(parseOtpUri(OTPAUTH).account, { domains: [REAL] });
}, 180_000);
afterAll(async () => {
  await h?.close();
});

describe.skipIf(skip)('a session over the rate limit (issue 23, R4)', () => {
  it('clicks past the limit, then one after a pause fills', async () => {
    const page = await h.page(h.sites.url(REAL, '/login'));
    const button = page.locator('trayotp-fill').first();
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    await fills(() => page.inputValue('#otp'));
    for (let i = 0; i < 12; i++) await button.click({ delay: 0 });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await page.fill('#otp', '');
    await button.click();
    await fills(() => page.inputValue('#otp'));
    expect(await h.actionTitle(page)).not.toMatch(/arrived before/);
    await page.close();
  });
});

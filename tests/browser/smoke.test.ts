import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildExtension, startHarness } from './support/harness';
import type { Harness } from './support/harness';
import { REAL } from './support/sites';

let h: Harness;
beforeAll(async () => {
  buildExtension();
  h = await startHarness();
}, 120_000);
afterAll(() => h?.close());

it('smoke', async () => {
  const page = await h.page(h.sites.url(REAL, '/login'));
  await page.locator('trayotp-fill').waitFor({ timeout: 10_000 });
  await page.locator('trayotp-fill').click();
  await new Promise((r) => setTimeout(r, 4000));
  console.log(h.prompts, await h.actionTitle(page));
  expect(1).toBe(1);
}, 60_000);

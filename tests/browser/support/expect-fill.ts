// Small waits the browser suites share: a field that fills, a field that must stay empty, the
// extension's toolbar title saying something.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Harness } from './harness';

/** Waits long enough for a fill that should not come, then checks it did not. */
export async function staysEmpty(read: () => Promise<string>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await read()).toBe('');
}

export async function fills(read: () => Promise<string>): Promise<void> {
  await expect.poll(read, { timeout: 15_000 }).toMatch(/^\d{6}$/);
}

export async function titleSays(h: Harness, page: Page, pattern: RegExp): Promise<string> {
  let title = '';
  await expect
    .poll(async () => (title = await h.actionTitle(page)), { timeout: 15_000 })
    .toMatch(pattern);
  return title;
}

export async function clickFill(page: Page, frame?: string): Promise<void> {
  const root = frame ? page.frameLocator(frame) : page;
  const button = root.locator('trayotp-fill').first();
  await button.waitFor({ timeout: 15_000 });
  await button.click();
}

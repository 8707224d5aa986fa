// One browser and one server per test file; one fresh window (context) and main process per test.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RealApp } from './real-app';
import type { RealAppOptions } from './real-app';
import { launchChromium, openWindow, serve, snapshotRenderer } from './harness';
import type { OpenOptions, OpenWindow } from './harness';
import { skipWithout } from '../../support/tools';

export interface Session {
  open(options?: RealAppOptions & OpenOptions): Promise<OpenWindow & { main: RealApp }>;
}

export function useSession(): Session {
  let browser: Browser | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  let snapshot: { root: string; remove: () => void } | undefined;
  const open: OpenWindow[] = [];

  // Without Chromium every test of the file skips (the run prints one line saying so; under
  // CI=true skipWithout throws, failing the file instead).
  if (skipWithout('chromium')) {
    beforeEach((context) => context.skip());
    return {
      open: () => Promise.reject(new Error('Chromium is not installed')),
    };
  }

  beforeAll(async () => {
    snapshot = snapshotRenderer();
    server = await serve(snapshot.root);
    browser = await launchChromium();
  }, 120_000);

  // Each test's windows close after it: a page left open keeps its clock ticking and its codes
  // refreshing, which on a shared 2-core machine slows every later test.
  afterEach(async () => {
    for (const window of open.splice(0)) await window.close().catch(() => {});
  });

  afterAll(async () => {
    for (const window of open) await window.close().catch(() => {});
    await browser?.close();
    await server?.close();
    snapshot?.remove();
  });

  return {
    async open(options = {}) {
      if (!browser || !server) throw new Error('the session has not started');
      const main = await RealApp.start(options);
      const table = main.table();
      const window = await openWindow(
        browser,
        server.url,
        { invoke: (name, args) => table.invoke(name, args), on: (e, l) => main.on(e, l) },
        options,
      );
      open.push(window);
      return { ...window, main };
    },
  };
}

/** Retries `check` until it passes or `ms` elapse (codes turn over; the machine may be busy). */
export async function eventually<T>(check: () => Promise<T> | T, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The visible text of each option of the accounts listbox, top to bottom. */
export async function listedAccounts(page: Page): Promise<string[]> {
  return page.$$eval('[role="listbox"] [role="option"]', (options) =>
    options
      .map((o) => ({ top: parseFloat((o as HTMLElement).style.top), text: o.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((o) => o.text),
  );
}

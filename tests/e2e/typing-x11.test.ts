// Real OS test of the hotkey path on X11: a real X server (Xvfb), a real headed Chromium window,
// keystrokes sent through our XTest KeyTyper (koffi → libXtst), the focused window's title read
// through our X11 ActiveWindow, and the "type current code" use case wired to both.
// Skips, saying why, where Xvfb, Chromium or the X11 libraries are missing.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../main/app/codes/clipboard-guard';
import { matchAccount } from '../../main/app/typing/account-matching';
import { systemClock } from '../../main/platform/system-clock';
import { hotkeyAccount, type HotkeyAccount } from '../../main/app/typing/hotkey-account';
import { typeForFocusedWindow } from '../../main/app/typing/type-code';
import { codeFor, type Account } from '../../main/otp';
import { newEntry } from '../../main/vault';
import { createX11ActiveWindow } from '../../main/platform/x11/active-window';
import { createX11KeyTyper } from '../../main/platform/x11/key-typer';
import { openXlib } from '../../main/platform/x11/xlib';
import { FakeClipboard } from '../fakes/clipboard';
import { FakeNotifier } from '../fakes/notifier';
import { launchChromium } from '../support/enrolment-screens';
import { startXvfb, waitFor, x11Env } from '../support/xvfb';
import type { XServer } from '../support/xvfb';
import { skipWithout } from '../support/tools';

function whySkip(): string | undefined {
  if (process.platform !== 'linux') return 'X11 tests run on Linux only';
  try {
    openXlib();
  } catch (error) {
    return `the X11 libraries cannot be loaded through koffi: ${(error as Error).message}`;
  }
  return undefined;
}

// Without Xvfb or Chromium the run's one summary line says so (tests/support/tools.ts).
const missingTools = skipWithout('Xvfb', 'chromium');
const skipReason = missingTools ? undefined : whySkip();
if (skipReason) console.warn(`skipping X11 typing tests: ${skipReason}`);

const account: Account = {
  type: 'totp',
  issuer: '20i',
  name: 'ops@example.com',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};
/** The hotkey's account for a vault entry of `of`, its code computed here (no vault). */
function hotkey(id: string, of: Account, domains: string[] = []): HotkeyAccount {
  return hotkeyAccount(newEntry(of, id, 0, { domains }), async (atMs) =>
    codeFor(of, Math.floor(atMs / 1000)),
  );
}
const accounts: HotkeyAccount[] = [
  hotkey('20i', account, ['20i.com']),
  hotkey('gh', { ...account, issuer: 'GitHub', name: 'alice' }, ['github.com']),
  hotkey('aws', { ...account, issuer: 'Amazon Web Services', name: 'root' }),
];

const PAGE = `<!doctype html>
<title>Log in | 20i</title>
<label>Code <input id="code" autocomplete="one-time-code" inputmode="numeric"></label>
<div id="boxes">${'<input class="box" maxlength="1" size="1">'.repeat(6)}</div>
<script>
  // One box per digit: each input moves the focus to the next box, as such forms do.
  const boxes = [...document.querySelectorAll('.box')];
  boxes.forEach((box, i) => box.addEventListener('input', () => {
    if (box.value.length === 1 && boxes[i + 1]) boxes[i + 1].focus();
  }));
</script>`;

describe.skipIf(missingTools || skipReason !== undefined)(
  'typing into a real Chromium window under Xvfb',
  () => {
    let xvfb: XServer | undefined;
    let display = '';
    let browser: Browser | undefined;
    let page: Page;

    beforeAll(async () => {
      xvfb = await startXvfb('1280x800x24');
      display = xvfb.display;
      browser = await launchChromium({ headless: false, env: x11Env(display) });
      page = await browser.newPage();
      await page.setContent(PAGE);
      await page.bringToFront();
    }, 60_000);

    afterAll(async () => {
      await browser?.close().catch(() => {});
      xvfb?.stop();
    });

    const typer = () => createX11KeyTyper({ display, env: {} });
    const activeWindow = () => createX11ActiveWindow({ display, env: {} });

    it('reads the focused window title and matches it to the account', async () => {
      const title = await waitFor(
        () => activeWindow().title(),
        (t) => t?.includes('Log in | 20i') ?? false,
      );
      expect(title).toBe('Log in | 20i - Chromium');
      const started = performance.now();
      await activeWindow().title();
      console.log(`focused window title read in ${(performance.now() - started).toFixed(1)} ms`);
      expect(matchAccount(title, accounts)).toEqual({
        kind: 'match',
        id: '20i',
        reason: 'issuer',
      });
    });

    it('types a code into the focused text field', async () => {
      await page.focus('#code');
      await waitFor(
        () => page.evaluate(() => document.activeElement?.id),
        (id) => id === 'code',
      );
      const code = codeFor(account, Math.floor(Date.now() / 1000));
      const started = performance.now();
      expect(await typer().type(code)).toEqual({ typed: true });
      const typedMs = performance.now() - started;
      const value = await waitFor(
        () => page.inputValue('#code'),
        (v) => v.length >= code.length,
        5_000,
      );
      expect(value).toBe(code);
      console.log(`XTest typed ${code.length} digits in ${typedMs.toFixed(0)} ms`);
    });

    it('fills a form with one box per digit', async () => {
      await page.focus('.box');
      const code = '406172';
      expect(await typer().type(code)).toEqual({ typed: true });
      const boxes = await waitFor(
        () => page.$$eval('.box', (all) => all.map((b) => (b as HTMLInputElement).value).join('')),
        (v) => v.length >= code.length,
        5_000,
      );
      expect(boxes).toBe(code);
    });

    it('the hotkey use case end to end: picks 20i from the title, types its code', async () => {
      await page.fill('#code', '');
      await page.focus('#code');
      const clipboard = new FakeClipboard();
      const notifier = new FakeNotifier();
      const outcome = await typeForFocusedWindow(
        {
          clock: systemClock,
          activeWindow: activeWindow(),
          typer: typer(),
          clipboard: new ClipboardGuard({ clipboard, clock: systemClock }),
          notifier,
        },
        accounts,
        new Map(),
        { minSecondsLeft: 3 },
      );
      expect(outcome).toMatchObject({ kind: 'typed', accountId: '20i' });
      if (outcome.kind !== 'typed') return;
      const expected = codeFor(account, Math.floor(outcome.atMs / 1000));
      expect(
        await waitFor(
          () => page.inputValue('#code'),
          (v) => v.length >= 6,
          5_000,
        ),
      ).toBe(expected);
      // Typed, so nothing went to the clipboard and nobody was notified.
      expect(clipboard.writes).toEqual([]);
      expect(notifier.notices).toEqual([]);
    });
  },
);

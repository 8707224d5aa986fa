// The clock components of issue 18 in Chromium, without the app's wiring: each is bundled with
// esbuild into a page (tests/ui/clock-fixture) given its props, served with the app's CSP, and
// driven by role and name. Callbacks are recorded; axe checks each; screenshots go to
// test-results/clock-screenshots/, and the README's are checked against the view (with
// TRAYOTP_SCREENSHOTS=1 retaken: ./support/readme-shots.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCodeHelp } from '../../main/time/code-help-view';
import { ClockService } from '../../main/time/service';
import type { ClockStatus } from '../../preload/views/clock';
import { memoryClockSettings } from '../../main/time/settings';
import type { ClockSettings } from '../../main/time/settings';
import { FakeClock } from '../fakes/clock';
import { skipWithout } from '../support/tools';
import { TRAY_WINDOW_SIZE } from '../../main/platform/tray-window';
import { axeViolations, launchChromium, repoRoot, serve } from './support/harness';
import { readmeShot } from './support/readme-shots';

const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);

/** Retries `check` until it passes (support/session.ts has one too, but loads the whole app). */
async function eventually(check: () => Promise<void>, ms = 20_000): Promise<void> {
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
const shots = join(repoRoot, 'test-results/clock-screenshots');

/** A real ClockService's status after the given settings: the props are what main would send. */
function statusWith(settings: Partial<ClockSettings>): ClockStatus {
  return new ClockService({
    clock: new FakeClock(T0 + 5_000),
    store: memoryClockSettings(settings),
    measure: () => Promise.reject(new Error('not asked')),
  }).status();
}

const measured = (offsetMs: number) =>
  ({
    outcome: 'measured',
    at: T0,
    host: 'www.google.com',
    offsetMs,
    uncertaintyMs: 540,
    roundTripMs: 80,
  }) as const;

const FAST_2_MIN = statusWith({
  clockLastCheck: measured(-120_240),
  clockMeasuredOffsetMs: -120_240,
});
const SLOW_400 = statusWith({
  clockLastCheck: {
    ...measured(400_300),
    outcome: 'refused',
    message:
      "This computer's clock is 6 min 40 s slow: more than TrayOTP corrects (5 minutes). Set the system clock right (turn on automatic date and time), then check again.",
  },
});

const TOTP = {
  type: 'totp' as const,
  issuer: 'Example',
  name: 'alice',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA256' as const,
  digits: 8,
  period: 30,
  counter: 0,
};

describe.skipIf(skipWithout('chromium'))('clock components in Chromium', () => {
  let dir: string;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trayotp-clock-ui-'));
    await build({
      entryPoints: [join(repoRoot, 'tests/ui/clock-fixture/entry.tsx')],
      bundle: true,
      outdir: dir,
      format: 'esm',
      jsx: 'automatic',
      target: 'chrome120',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clock</title>' +
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="entry.css"></head>' +
        '<body><div id="root"></div><script type="module" src="entry.js"></script></body></html>',
    );
    server = await serve(dir);
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let close: (() => Promise<void>) | undefined;
  beforeEach(() => {
    errors = [];
  });
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function show(
    fixture: unknown,
    options: { colorScheme?: 'light' | 'dark'; replies?: Record<string, string | null> } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      colorScheme: options.colorScheme ?? 'light',
      // The tray window's real size, as every README picture.
      viewport: TRAY_WINDOW_SIZE,
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    close = () => context.close();
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript(
      ([f, r]) => {
        const w = window as unknown as { __clockFixture: unknown; __clockReplies: unknown };
        w.__clockFixture = f;
        w.__clockReplies = r;
      },
      [fixture, options.replies ?? {}] as const,
    );
    await page.goto(server.url);
    return page;
  }

  const calls = () =>
    page.evaluate(() => (window as unknown as { __clockCalls: unknown[][] }).__clockCalls);

  async function screenshot(name: string) {
    await page.screenshot({ path: join(shots, `${name}.png`) });
    await readmeShot(page, name, 'tests/ui/clock-components.test.ts');
  }

  describe('the offset banner', () => {
    it('2 min fast: the figure, where it was measured, and the three choices', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        await show(
          { component: 'banner', warning: FAST_2_MIN.warning, offsetInUseMs: 0 },
          { colorScheme },
        );
        const banner = page.getByRole('region', { name: "This computer's clock is 2 min fast" });
        await banner.waitFor();
        expect(await banner.innerText()).toContain(
          'Measured against www.google.com at 12:00:00: 120.2 s fast (± 0.6 s).',
        );
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(`clock-banner-${colorScheme}`);
        await banner.getByRole('button', { name: 'Correct codes by 2 min' }).click();
        await banner.getByRole('button', { name: 'Check again' }).click();
        await banner.getByRole('button', { name: 'Not now' }).click();
        expect(await calls()).toEqual([['correct'], ['checkAgain'], ['dismiss']]);
        await close?.();
      }
      expect(errors).toEqual([]);
    });

    it('6 min 40 s slow: no correction offered, only setting the clock right', async () => {
      expect(SLOW_400.warning?.correctable).toBe(false);
      await show({ component: 'banner', warning: SLOW_400.warning, offsetInUseMs: 0 });
      const banner = page.getByRole('region', { name: "This computer's clock is 6 min 40 s slow" });
      // The heading says how far off; the text under it does not say it again.
      await banner
        .getByText(/^That is more than TrayOTP corrects \(5 minutes\)\. Set the system clock right/)
        .waitFor();
      expect((await banner.innerText()).match(/6 min 40 s slow/g)).toHaveLength(1);
      expect(await banner.getByRole('button').allInnerTexts()).toEqual(['Check again', 'Not now']);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot('clock-banner-refused');
    });

    it('a correction in use that no longer fits: what is left, and Checking… while a check runs', async () => {
      const status = statusWith({
        clockLastCheck: measured(-120_000),
        clockCorrection: 'manual',
        clockManualOffsetSeconds: -90,
      });
      await show({
        component: 'banner',
        warning: status.warning,
        offsetInUseMs: status.offsetInUseMs,
        checking: true,
      });
      await page
        .getByText('Codes are corrected for 1 min 30 s fast, which leaves them 30 s off.')
        .waitFor();
      expect(await page.getByRole('button', { name: 'Checking…' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Correct codes by 2 min' }).isDisabled()).toBe(
        true,
      );
    });
  });

  describe("the Enrol view's warning", () => {
    it('says it before the code is typed, with the correction when it can be made', async () => {
      await show({ component: 'enrol', warning: FAST_2_MIN.warning, canCorrect: true });
      const warning = page.getByRole('region', {
        name: /^This computer's clock is 2 min fast, so the site may refuse this code\.$/,
      });
      await warning.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot('clock-enrol-warning');
      await warning.getByRole('button', { name: 'Correct codes by 2 min' }).click();
      expect(await calls()).toEqual([['correct']]);
      expect(errors).toEqual([]);
    });

    it('beyond the limit: set the clock right, then scan again; no warning: nothing at all', async () => {
      await show({ component: 'enrol', warning: SLOW_400.warning, canCorrect: true });
      await page
        .getByText(/more than TrayOTP corrects: set the system clock right .* then scan again\./)
        .waitFor();
      expect(await page.getByRole('button').count()).toBe(0);
      await show({ component: 'enrol', warning: null, canCorrect: true });
      await page.getByText('123 456').waitFor();
      expect(await page.getByRole('region').count()).toBe(0);
    });
  });

  describe('Settings → Check the clock', () => {
    it('the host shown and editable, the default named, checking opt-in, the last result', async () => {
      await show({ component: 'settings', status: statusWith({}) }, { replies: { setHost: null } });
      const section = page.getByRole('region', { name: 'Check the clock' });
      const host = section.getByLabel('Server asked for the time');
      expect(await host.inputValue()).toBe('www.google.com');
      await section.getByText('An HTTPS server you trust. Default: www.google.com.').waitFor();
      expect(await section.getByRole('status').innerText()).toBe('Not checked yet.');
      expect(
        await section
          .getByRole('checkbox', { name: 'Check once a day and after sleep' })
          .isChecked(),
      ).toBe(false);
      expect(
        await section.getByRole('radio', { name: /By the measured offset/ }).isDisabled(),
      ).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot('clock-settings-unchecked');

      await section.getByRole('checkbox', { name: 'Check once a day and after sleep' }).check();
      await host.fill('time.example');
      await section.getByRole('button', { name: 'Save server' }).click();
      await section.getByRole('button', { name: 'Check now' }).click();
      await eventually(async () =>
        expect(await calls()).toEqual([
          ['setEnabled', true],
          ['setHost', 'time.example'],
          ['checkNow'],
        ]),
      );
      expect(errors).toEqual([]);
    });

    it('a bad host: main’s sentence under the field', async () => {
      const sentence =
        'The clock is checked over HTTPS only; give an https:// address or a host name.';
      await show(
        { component: 'settings', status: statusWith({}) },
        { replies: { setHost: sentence } },
      );
      const host = page.getByLabel('Server asked for the time');
      await host.fill('http://time.example');
      await page.keyboard.press('Enter');
      await page.getByText(sentence).waitFor();
      expect(await host.getAttribute('aria-invalid')).toBe('true');
    });

    it('after a check: the measured offset offered, a manual one bounded before it is sent', async () => {
      await show(
        { component: 'settings', status: FAST_2_MIN },
        { replies: { setCorrection: null } },
      );
      const section = page.getByRole('region', { name: 'Check the clock' });
      expect(await section.getByRole('status').innerText()).toBe(
        "Last check (www.google.com, 12:00:00): this computer's clock is 2 min fast (120.2 s fast, ± 0.6 s).",
      );
      await section.getByRole('radio', { name: 'By the measured offset (120.2 s fast)' }).check();
      const seconds = section.getByRole('spinbutton', {
        name: "Seconds to add to this computer's clock",
      });
      await seconds.fill('400');
      // Refused before it is sent: the radio stays unselected (click, not check).
      await section.getByRole('radio', { name: /By hand/ }).click();
      await section
        .getByText(
          'Give whole seconds from −300 to 300; a clock further off should be set right instead.',
        )
        .waitFor();
      await seconds.fill('-120');
      await section.getByRole('radio', { name: /By hand/ }).check();
      await eventually(async () =>
        expect(await calls()).toEqual([
          ['setCorrection', 'measured'],
          ['setCorrection', 'manual', -120],
        ]),
      );
      expect(await axeViolations(page)).toEqual([]);
      await screenshot('clock-settings-measured');
    });

    it('a refused and a failed check say why', async () => {
      await show({ component: 'settings', status: SLOW_400 });
      await page
        .getByRole('status')
        .getByText(/more than TrayOTP corrects \(5 minutes\)/)
        .waitFor();
      const failed = statusWith({
        clockLastCheck: {
          outcome: 'failed',
          at: T0,
          host: 'www.google.com',
          code: 'timeout',
          message:
            'www.google.com did not answer within 5 seconds; check the network, or choose another host.',
        },
      });
      await show({ component: 'settings', status: failed });
      expect(await page.getByRole('status').innerText()).toBe(
        'Last check (www.google.com, 12:00:00) failed: www.google.com did not answer within 5 seconds; check the network, or choose another host.',
      );
    });
  });

  describe('Code not accepted?', () => {
    it('TOTP: the clock, the codes either side, what the QR said and the SHA-1/6/30 code', async () => {
      const help = buildCodeHelp(TOTP, 59_000, {
        offsetInUseMs: -120_240,
        lastCheck: measured(-120_240),
      });
      await show({ component: 'help', label: 'Example (alice)', help });
      const section = page.getByRole('region', { name: 'Code not accepted?' });
      await section
        .getByText("Codes use this computer's clock, corrected for its being 120.2 s fast.", {
          exact: false,
        })
        .waitFor();
      const text = await section.innerText();
      for (const part of [
        'Previous (until 00:00:30)',
        'Now',
        'Next (from 00:01:00)',
        'SHA-256',
        '30 seconds',
        'The QR code asked for algorithm SHA256, 8 digits.',
        `with those, the code now is ${help.defaults!.code.slice(0, 3)} ${help.defaults!.code.slice(3)}`,
        'If the site accepts it, set those under Edit → Advanced: code parameters.',
      ]) {
        expect(text).toContain(part);
      }
      const grouped = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;
      for (const code of [
        help.codes!.previous!.code,
        help.codes!.current.code,
        help.codes!.next.code,
      ]) {
        await section.getByText(grouped(code), { exact: true }).waitFor();
      }
      expect(await axeViolations(page)).toEqual([]);
      await screenshot('clock-code-help-totp');
      await section.getByRole('button', { name: 'Check the clock' }).click();
      await section.getByRole('button', { name: 'Close' }).click();
      expect(await calls()).toEqual([['checkClock'], ['close']]);
      expect(errors).toEqual([]);
    });

    it('HOTP: the counter, the next five codes, and resync once the site accepts one', async () => {
      const help = buildCodeHelp(
        { ...TOTP, type: 'hotp', algorithm: 'SHA1', digits: 6, counter: 3 },
        T0,
        {
          offsetInUseMs: 0,
          lastCheck: null,
        },
      );
      await show({ component: 'help', label: 'Bank (alice)', help }, { replies: { resync: null } });
      const section = page.getByRole('region', { name: 'Code not accepted?' });
      expect(await section.getByRole('listitem').allInnerTexts()).toEqual(
        ['969 429', '338 314', '254 676', '287 922', '162 583'].map(
          (code, i) => `${code}\ncounter ${3 + i}\nAccepted`,
        ),
      );
      expect(await section.getByText('Codes either side').count()).toBe(0);
      // HOTP codes do not depend on the clock: no clock part either.
      expect(await section.getByRole('heading', { name: 'Clock' }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot('clock-code-help-hotp');
      await section.getByRole('button', { name: 'Accepted: counter 5' }).click();
      await section
        .getByRole('status')
        .getByText("Done: the next code shown will be counter 6's.")
        .waitFor();
      expect(await calls()).toEqual([['resync', 5]]);
    });

    it('HOTP resync refused by main: its sentence, no "Done"', async () => {
      const help = buildCodeHelp(
        { ...TOTP, type: 'hotp', algorithm: 'SHA1', digits: 6, counter: 3 },
        T0,
        {
          offsetInUseMs: 0,
          lastCheck: null,
        },
      );
      const sentence =
        'Only one of the next 20 codes (counters 3 to 22) can be marked as accepted.';
      await show(
        { component: 'help', label: 'Bank (alice)', help },
        { replies: { resync: sentence } },
      );
      await page.getByRole('button', { name: 'Accepted: counter 7' }).click();
      await page.getByText(sentence).waitFor();
      expect(await page.getByRole('status').innerText()).toBe('');
    });
  });
});

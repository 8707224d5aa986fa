// The journey TrayOTP exists for, done the way a person does it, on a real X server with a real
// browser, real pixels and real keystrokes: turn on two-step verification at a hosting control
// panel by scanning its QR code off the screen and having the code typed back, then sign in
// with the "type current code" hotkey. The site (tests/e2e/journey/site.ts) checks every code
// with an independent TOTP implementation. TrayOTP is the app's AppController, vault, QR worker
// and X11 adapters; only the Electron shell is absent (tests/e2e/journey/trayotp.ts).
//
// Time: the site and TrayOTP share one clock, the real one plus an offset the journey moves
// forward to stand for a person pausing ("later", "called away"), so the expired-code path
// needs no minute-long sleeps. Nothing else about time is faked.
//
// Watch it: TRAYOTP_JOURNEY_DISPLAY=:5 (an X server you can see, e.g. `Xephyr :5 -screen
// 1280x800`) and TRAYOTP_JOURNEY_SLOWMO=400 (ms between browser actions); see the README.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, ScanResult } from '../../preload/contract';
import type { Clock } from '../../main/time/clock';
import { systemClock } from '../../main/platform/system-clock';
import { openXlib } from '../../main/platform/x11/xlib';
import { launchChromium } from '../support/enrolment-screens';
import { loadX11Capture } from '../support/x11-capture';
import { startXvfb, waitFor, x11Env } from '../support/xvfb';
import type { XServer } from '../support/xvfb';
import { SETUP_SECONDS, startTwoFactorSite } from './journey/site';
import type { SiteEvent, TwoFactorSite } from './journey/site';
import { startTrayOtp } from './journey/trayotp';
import type { JourneyApp } from './journey/trayotp';
import { skipWithout } from '../support/tools';

const visibleDisplay = process.env.TRAYOTP_JOURNEY_DISPLAY;
const slowMo = Number(process.env.TRAYOTP_JOURNEY_SLOWMO ?? 0);

function whySkip(): string | undefined {
  if (process.platform !== 'linux') return 'X11 tests run on Linux only';
  try {
    openXlib();
    loadX11Capture();
  } catch (error) {
    return `the X11 libraries cannot be loaded through koffi: ${(error as Error).message}`;
  }
  return undefined;
}

// Without Xvfb (unless a visible display is given) or Chromium the run's one summary line says
// so (tests/support/tools.ts).
const missingTools = visibleDisplay ? skipWithout('chromium') : skipWithout('Xvfb', 'chromium');
const skipReason = missingTools ? undefined : whySkip();
if (skipReason) console.warn(`skipping the enrol-and-sign-in journey: ${skipReason}`);

const PERIOD_MS = 30_000;
const PASSWORDS = { alice: 'correct horse', bob: 'battery staple' } as const;

/** Prints a step of the journey with how long it took. */
async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`journey: ${label} — ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

describe.skipIf(missingTools || skipReason !== undefined)(
  'journey: enrol at a 2FA page, sign in with the hotkey',
  () => {
    let xvfb: XServer | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let site: TwoFactorSite;
    let app: JourneyApp;
    /** How far the shared clock is ahead of the real one: the time the journey let pass. */
    let offsetMs = 0;
    const clock: Clock = { ...systemClock, now: () => Date.now() + offsetMs };
    const ids = { alice: '', bob: '' };

    /** Lets time pass until `secondsLeft` seconds remain in a period at least `atLeastMs` away. */
    function letTimePass(atLeastMs: number, secondsLeft: number): void {
      const target = clock.now() + atLeastMs;
      const intoPeriod = PERIOD_MS - secondsLeft * 1000;
      const periodStart = target - (target % PERIOD_MS);
      const landing = periodStart + intoPeriod;
      offsetMs += (landing >= target ? landing : landing + PERIOD_MS) - clock.now();
    }

    const lastEvent = (kind: SiteEvent['kind'], user: string) =>
      site.events.filter((e) => e.kind === kind && e.user === user).at(-1);

    async function showSetupQr(user: 'alice' | 'bob'): Promise<void> {
      await page.goto(`${site.url}/security?user=${user}`);
      await page.click('#tfa-open');
      await page.click('#tfa-continue');
      await page.waitForFunction(() => {
        const qr = document.querySelector<HTMLImageElement>('#qr');
        return qr !== null && qr.complete && qr.naturalWidth > 0;
      });
      // Let the compositor put the new pixels on the X screen.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))),
      );
    }

    /**
     * TrayOTP's "scan screen" action (the scan hotkey, the tray's "Scan QR from screen"): main
     * captures the screen, then opens the Add view on what it found; the person adds it there.
     */
    async function scanAndAdd(user: 'alice' | 'bob'): Promise<string> {
      expect(await app.app.scans.fromShortcut('screen')).toBe('shown');
      expect(app.shown.at(-1)?.view).toBe('add');
      const scan = app.pushed.filter((p) => p.event === 'scanned').at(-1)
        ?.payload as Result<ScanResult>;
      if (!scan.ok) throw new Error(`the scan failed: ${scan.error.message}`);
      const { candidates, otherCodes, scanId } = scan.value;
      // The site's key only; the app-store code beside it is counted, not offered.
      expect(candidates).toHaveLength(1);
      expect(candidates[0]).toMatchObject({
        kind: 'account',
        issuer: 'Hostwise',
        name: `${user}@example.com`,
        type: 'totp',
        duplicateOf: null,
      });
      expect(otherCodes).toBe(1);
      const added = await app.app.adding.addScanned(scanId, [{ candidateId: candidates[0]!.id }]);
      return added.added[0]!.id;
    }

    async function openLogin(user: 'alice' | 'bob'): Promise<void> {
      // After a refused sign-in the site shows its login form again, with the error.
      if (!(await page.$('#username'))) await page.goto(`${site.url}/login`);
      await page.fill('#username', user);
      await page.fill('#password', PASSWORDS[user]);
      await page.fill('#otp', '');
      await page.focus('#otp');
    }

    const otpValue = () =>
      waitFor(
        () => page.inputValue('#otp'),
        (v) => v.length >= 6,
        5_000,
      );

    beforeAll(async () => {
      let display = visibleDisplay;
      if (!display) {
        xvfb = await startXvfb('1280x800x24');
        display = xvfb.display;
      }
      site = await startTwoFactorSite({ now: () => clock.now(), users: PASSWORDS });
      browser = await launchChromium({ headless: false, env: x11Env(display), slowMo });
      page = await browser.newPage();
      await page.bringToFront();
      app = startTrayOtp({ display, clock });
      // A vault with a passphrase slot (Argon2id at the app's own cost), unlocked.
      await app.app.session.create('journey: a long passphrase');
    }, 90_000);

    afterAll(async () => {
      await app?.close();
      await browser?.close().catch(() => {});
      await site?.close();
      xvfb?.stop();
    });

    it('enrols: the QR is scanned off the screen and the code typed back within the deadline', async () => {
      await step('1. set-up page open, QR code on screen', () => showSetupQr('alice'));
      const shown = lastEvent('qr-shown', 'alice')!;

      ids.alice = await step(
        '2. scan screen: the key found beside the app-store decoy, added',
        () => scanAndAdd('alice'),
      );

      await step('3. code typed into the page, Done clicked, the site confirms', async () => {
        await page.focus('#otp');
        const hidesBefore = app.hides;
        const typed = await app.app.typing.typeCode(ids.alice);
        expect(typed).toEqual({ typed: true, copied: false });
        // TrayOTP's window got out of the way before the keys were sent.
        expect(app.hides).toBe(hidesBefore + 1);
        expect(await otpValue()).toMatch(/^\d{6}$/);
        await page.click('#tfa-done');
        await page.waitForSelector('#tfa-status.ok');
      });
      const enrolled = lastEvent('enrolled', 'alice');
      expect(enrolled).toBeDefined();
      expect(site.enabled('alice')).toBe(true);
      const tookMs = enrolled!.wallMs - shown.wallMs;
      console.log(
        `journey: enrolment took ${(tookMs / 1000).toFixed(1)} s of the site's ${SETUP_SECONDS} s (QR shown → site confirmed)`,
      );
      expect(tookMs).toBeLessThan(SETUP_SECONDS * 1000);
      // Typed, not copied: nothing went to the clipboard, nobody was notified.
      expect(app.clipboard.writes).toEqual([]);
      expect(app.notifier.notices).toEqual([]);
    });

    it('signs in later: the hotkey picks the account from the title, waits out an expiring code, types it', async () => {
      // Later, 1.5 s before a period ends: the code on screen would expire while the site checks it.
      letTimePass(PERIOD_MS, 1.5);
      await step('4a. login page focused, username and password filled', () => openLogin('alice'));
      const boundaryStep = Math.ceil(clock.now() / PERIOD_MS);
      const outcome = await step(
        '4b. hotkey: account matched from the window title, code typed',
        () => app.app.typing.typeCurrentCode(),
      );
      expect(outcome).toBe('typed');
      expect(await otpValue()).toMatch(/^\d{6}$/);
      await step('4c. Log in clicked, the site confirms', async () => {
        await page.click('#login');
        await page.waitForSelector('#welcome');
      });
      expect(await page.textContent('#welcome')).toContain('Signed in as alice');
      // The code typed is the next period's: TrayOTP waited rather than type the expiring one.
      expect(lastEvent('signed-in', 'alice')?.step).toBe(boundaryStep);
    });

    it('an expired code is refused by the site; a fresh one from the hotkey is accepted', async () => {
      letTimePass(PERIOD_MS, 20);
      await openLogin('alice');
      expect(await app.app.typing.typeCurrentCode()).toBe('typed');
      expect(await otpValue()).toMatch(/^\d{6}$/);
      // Called away before clicking "Log in": 70 s later the code is two periods old.
      offsetMs += 70_000;
      await step('5a. the expired code is refused', async () => {
        await page.click('#login');
        await page.waitForSelector('#error');
      });
      expect(await page.textContent('#error')).toContain('wrong or has expired');
      expect(lastEvent('sign-in-refused', 'alice')?.reason).toBe('code');

      await step('5a. hotkey again: a fresh code typed and accepted', async () => {
        await openLogin('alice');
        expect(await app.app.typing.typeCurrentCode()).toBe('typed');
        expect(await otpValue()).toMatch(/^\d{6}$/);
        await page.click('#login');
        await page.waitForSelector('#welcome');
      });
      expect(lastEvent('signed-in', 'alice')?.wallMs).toBeGreaterThan(
        lastEvent('sign-in-refused', 'alice')!.wallMs,
      );
    });

    it('two accounts match the window: the picker opens instead of guessing', async () => {
      await showSetupQr('bob');
      ids.bob = await scanAndAdd('bob');
      await page.focus('#otp');
      expect((await app.app.typing.typeCode(ids.bob)).typed).toBe(true);
      await otpValue();
      await page.click('#tfa-done');
      await page.waitForSelector('#tfa-status.ok');
      expect(site.enabled('bob')).toBe(true);

      letTimePass(PERIOD_MS, 20);
      await openLogin('bob');
      const outcome = await step('5b. hotkey with two Hostwise accounts: the picker opens', () =>
        app.app.typing.typeCurrentCode(),
      );
      expect(outcome).toBe('picker');
      expect(app.shown.at(-1)?.view).toBe('picker');
      // Nothing was typed while the person chooses.
      expect(await page.inputValue('#otp')).toBe('');

      await step('5b. bob picked in the picker: typed and accepted', async () => {
        const { pickerToken } = app.shown.at(-1)!;
        expect((await app.app.typing.typeCode(ids.bob, pickerToken)).typed).toBe(true);
        await otpValue();
        await page.click('#login');
        await page.waitForSelector('#welcome');
      });
      expect(await page.textContent('#welcome')).toContain('Signed in as bob');
    });
  },
);

// The hotkey asks a connected browser first (issue 16). The extension fills the focused tab's
// field by that tab's own registrable domain, so no window title plays a part. Its answer is
// final for every outcome except "no browser" and "not focused" (the hotkey was pressed in
// another app): a page that is not bound, has no field, or was refused must not then get a code
// picked by its title — a look-alike's title is whatever the phisher wrote.
//
// Issue 23 (R1): nor does a browser that is not connected get a code by its title. After a
// browser or TrayOTP restart the extension may not have connected yet; while the focused window
// belongs to a browser (told by its process, never its title) and a browser is paired, the
// hotkey types nothing, copies nothing, and says why. Other programs keep the title path.
import type { FillResult } from '../../browser/bridge';
import type { FocusedProgram } from '../ports/active-window';
import type { Notice, Notifier } from '../ports/notifier';
import { guardedBrowser } from './browser-windows';
import type { PairedBrowser } from './browser-windows';

/** The app's browser bridge, as the hotkey sees it. */
export interface BrowserFiller {
  /** Browsers in session now; 0 means the title path, without asking. */
  readonly connected: number;
  fillFocused(): Promise<FillResult>;
  /** Shows TrayOTP's window to choose the account for `domain` (the person decides there). */
  openToBind(domain: string): void;
  /** The browsers paired while the switch is on; none: the title path for every window. */
  paired(): Promise<readonly PairedBrowser[]>;
}

/** Stands for "some browser is paired" when the pairings cannot be read (a damaged file). */
const UNREADABLE_PAIRINGS: readonly PairedBrowser[] = [{}];

/** filled: done; refused: the person was told why, nothing typed; title: the title path. */
export type BrowserFirst = 'filled' | 'refused' | 'title';

export async function askBrowserFirst(
  browser: BrowserFiller | undefined,
  notifier: Notifier,
  focusedProgram: () => Promise<FocusedProgram | undefined> = async () => undefined,
): Promise<BrowserFirst> {
  if (!browser) return 'title';
  const { outcome, domain } =
    browser.connected === 0
      ? { outcome: 'no-browser' as const, domain: undefined }
      : await browser.fillFocused();
  switch (outcome) {
    case 'filled':
      return 'filled';
    case 'no-browser':
    case 'not-focused':
      return unansweredBrowser(browser, notifier, focusedProgram);
    case 'not-bound':
      notifier.notify(notBound(domain));
      if (domain) browser.openToBind(domain);
      return 'refused';
    case 'locked':
      notifier.notify({
        title: 'TrayOTP is locked',
        body: 'Nothing was filled. Unlock TrayOTP, then press the hotkey again.',
      });
      return 'refused';
    case 'no-field':
      notifier.notify({
        title: 'No code field in the browser',
        body: 'The browser found no field for a code on this page, so nothing was filled. Click into the field, then press the hotkey again.',
      });
      return 'refused';
    case 'refused':
      notifier.notify({
        title: 'The browser did not fill the code',
        body: 'The field is hidden, covered, in a sandboxed frame or not on a web site, or the browser did not answer in time. Nothing was typed; the TrayOTP button in the field says more.',
      });
      return 'refused';
  }
}

/**
 * No extension answered for the focused window: the title path, unless the window is a browser's
 * and a browser is paired. A program that cannot be read keeps the title path (Wayland gives no
 * title either; an X11 window without _NET_WM_PID or WM_CLASS is rarely a browser's).
 */
async function unansweredBrowser(
  browser: BrowserFiller,
  notifier: Notifier,
  focusedProgram: () => Promise<FocusedProgram | undefined>,
): Promise<BrowserFirst> {
  const paired = await browser.paired().catch(() => UNREADABLE_PAIRINGS);
  if (paired.length === 0) return 'title';
  const program = await focusedProgram().catch(() => undefined);
  const guarded = guardedBrowser(program, paired);
  if (!guarded) return 'title';
  notifier.notify({
    title: `The TrayOTP extension in ${guarded.name} is not connected yet`,
    body: `Nothing was typed or copied: a browser gets codes only from the extension, which checks the page’s address, never by the window’s title. Click the TrayOTP button on this page, or open TrayOTP.`,
  });
  return 'refused';
}

function notBound(domain: string | undefined): Notice {
  if (!domain) {
    return {
      title: 'No account for this site',
      body: 'No account in TrayOTP is bound to this page’s site, so nothing was filled.',
    };
  }
  return {
    title: `No account for ${domain}`,
    body: `No account in TrayOTP is bound to ${domain}, so nothing was filled. TrayOTP is open to choose one: bind it only if ${domain} is the site’s real address.`,
  };
}

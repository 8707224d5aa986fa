// The hotkey asks a connected browser first (issue 16). The extension fills the focused tab's
// field by that tab's own registrable domain, so no window title plays a part. Its answer is
// final for every outcome except "no browser" and "not focused" (the hotkey was pressed in
// another app): a page that is not bound, has no field, or was refused must not then get a code
// picked by its title — a look-alike's title is whatever the phisher wrote.
import type { FillResult } from '../../browser/bridge';
import type { Notice, Notifier } from '../ports/notifier';

/** The app's browser bridge, as the hotkey sees it. */
export interface BrowserFiller {
  /** Browsers in session now; 0 means the title path, without asking. */
  readonly connected: number;
  fillFocused(): Promise<FillResult>;
  /** Shows TrayOTP's window to choose the account for `domain` (the person decides there). */
  openToBind(domain: string): void;
}

/** filled: done; refused: the person was told why, nothing typed; title: the title path. */
export type BrowserFirst = 'filled' | 'refused' | 'title';

export async function askBrowserFirst(
  browser: BrowserFiller | undefined,
  notifier: Notifier,
): Promise<BrowserFirst> {
  if (!browser || browser.connected === 0) return 'title';
  const { outcome, domain } = await browser.fillFocused();
  switch (outcome) {
    case 'filled':
      return 'filled';
    case 'no-browser':
    case 'not-focused':
      return 'title';
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

// An account as the hotkey sees it, built once per press from each vault entry and then read as
// it is: by matching (which account the focused window means) and by typing (how long to wait
// for a fresh code, what to call the account in a notice, where the code comes from). It holds
// no secret: the code is asked for at the moment of typing, from the vault.
import type { OtpType } from '../../otp';
import { entryDomains } from '../../vault';
import type { Entry } from '../../vault';
import type { MatchableAccount, SiteMatchInfo } from './account-matching';

export interface HotkeyAccount extends MatchableAccount {
  domains: readonly string[];
  /** HOTP never waits for a fresh code; TOTP and Steam wait by their period. */
  type: OtpType;
  /** Seconds per code (TOTP, Steam). */
  period: number;
  /**
   * The code to type, computed when asked (`atMs` is the moment it is typed at). From the vault
   * this is Codes.code: an HOTP code advances and saves the counter before it is handed out.
   */
  code: (atMs: number) => Promise<string>;
}

/**
 * The hotkey's account for a vault entry. `site` is what the 2FA Directory knows of its issuer,
 * absent without the directory.
 */
export function hotkeyAccount(
  entry: Entry,
  code: (atMs: number) => Promise<string>,
  site?: SiteMatchInfo,
): HotkeyAccount {
  return {
    id: entry.id,
    issuer: entry.issuer,
    name: entry.name,
    // Sites the person bound the account to (the Edit view's Sites field, or a browser's
    // "bind this site"); for a title, "*.hostco.com" names hostco.com, and a host under it
    // matches as under any site.
    domains: entryDomains(entry).map((binding) => binding.replace(/^\*\./, '')),
    type: entry.type,
    period: entry.period,
    code,
    ...(site && { site }),
  };
}

// The code a browser fills: the one the hotkey would type. Near the end of its period (fewer
// than `freshCodeSeconds` left) the next one is awaited, so the site still accepts it when the
// form is sent; HOTP never waits (Codes.code advances and saves its counter first).
import { entryAccount } from '../../vault';
import type { Codes } from '../codes/codes';
import type { SettingsStore } from '../ports/settings-store';
import type { Clock } from '../../time/clock';
import { sleep } from '../../time/clock';
import { waitBeforeTyping } from '../typing/type-code';
import type { VaultSession } from '../vault/vault-session';

export interface FreshCodeDeps {
  session: VaultSession;
  codes: Codes;
  /** The clock codes are computed with (the clock check's correction applied). */
  clock: Clock;
  settings: SettingsStore;
}

export async function freshCode(deps: FreshCodeDeps, id: string): Promise<string> {
  const account = entryAccount(deps.session.unlocked().entry(id));
  const start = deps.clock.now();
  const waitMs = waitBeforeTyping(account, start, deps.settings.get().freshCodeSeconds);
  const boundary = start + waitMs;
  // Timers may fire a little early on a real clock; never compute the code before the boundary.
  while (deps.clock.now() < boundary) await sleep(deps.clock, boundary - deps.clock.now());
  // Locked while waiting: unlocked() throws, and the bridge answers "locked".
  return deps.codes.code(deps.session.unlocked(), id);
}

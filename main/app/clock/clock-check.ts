// The clock check as the window uses it (issue 18): the service in main/time measures and keeps
// the offset; here are the parts that need the vault: "Code not accepted?" for one account, and
// an HOTP resync once the site accepted one of the next codes.
import type { CodeHelpView } from '../../../preload/views/code-help';
import { buildCodeHelp } from '../../time/code-help-view';
import type { ClockService } from '../../time/service';
import type { ClockStatus } from '../../../preload/views/clock';
import { counterAfterAccepted } from '../../otp/code-help';
import { entryAccount } from '../../vault';
import type { Codes } from '../codes/codes';
import type { VaultSession } from '../vault/vault-session';

export interface ClockCheckDeps {
  service: ClockService;
  session: VaultSession;
  codes: Codes;
}

export class ClockCheck {
  constructor(private readonly deps: ClockCheckDeps) {}

  get service(): ClockService {
    return this.deps.service;
  }

  status(): ClockStatus {
    return this.deps.service.status();
  }

  /** The help for one account, its times in the system clock's terms (as the window counts). */
  codeHelp(id: string): CodeHelpView {
    const entry = this.deps.session.unlocked().entry(id);
    const { service } = this.deps;
    const status = service.status();
    const view = buildCodeHelp(entryAccount(entry), service.correctedClock().now(), status);
    const offset = status.offsetInUseMs;
    const shift = <T extends { from: number; until: number }>(code: T): T => ({
      ...code,
      from: code.from - offset,
      until: code.until - offset,
    });
    return view.codes
      ? {
          ...view,
          codes: {
            previous: view.codes.previous && shift(view.codes.previous),
            current: shift(view.codes.current),
            next: shift(view.codes.next),
          },
        }
      : view;
  }

  /** The site accepted the code for counter `accepted`: the stored counter moves past it. */
  async hotpResync(id: string, accepted: number): Promise<CodeHelpView> {
    const vault = this.deps.session.unlocked();
    const counter = counterAfterAccepted(entryAccount(vault.entry(id)), accepted);
    await vault.update(id, { counter });
    this.deps.codes.forget(id);
    return this.codeHelp(id);
  }
}

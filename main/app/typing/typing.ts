// Typing a code into the app the person is signing in to: the "type current code" hotkey (the
// account is chosen by the focused window's title), and a code typed after the person picked
// the account in the picker or the Enrol view. One typing at a time, as KeePassXC's auto-type
// does: a fresh code may be awaited for up to a period's last seconds, and a second press in
// that time is refused with a notice rather than typing twice.
import type { ChoiceStore } from '../ports/choice-store';
import type { Logger } from '../ports/logger';
import type { SettingsStore } from '../ports/settings-store';
import type { TrayWindow, ViewName } from '../ports/window';
import type { Codes } from '../codes/codes';
import { Sessions } from '../window/sessions';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { getOutOfTheWay } from '../window/window-away';
import type { Vault } from '../../vault';
import { rememberChoice } from './account-matching';
import { askBrowserFirst } from './browser-first';
import type { BrowserFiller } from './browser-first';
import type { RememberedChoices, SiteMatchInfo } from './account-matching';
import { hotkeyAccount } from './hotkey-account';
import { typeChosenAccount, typeForFocusedWindow } from './type-code';
import { waitForFocusLoss } from './focus-loss';
import type { TypeCodeDeps } from './type-code';

/** How long a picker the hotkey opened stays tied to the window it was opened over. */
export const PICKER_MS = 2 * 60_000;

export interface TypingDeps extends Omit<TypeCodeDeps, 'ownWindowFocused'> {
  session: VaultSession;
  codes: Codes;
  settings: SettingsStore;
  window: TrayWindow;
  /** Keeps the hotkey's remembered choices between runs (in memory only when absent). */
  choices?: ChoiceStore;
  /** What the 2FA Directory knows of an issuer's site (its names and domains). */
  siteInfo?: (issuer: string) => SiteMatchInfo | undefined;
  /** Shows the window on a view; the picker's token comes back with typeCode. */
  navigate: (view: ViewName, options?: { accountId?: string; pickerToken?: string }) => void;
  log: Logger;
  /** The browser extension's bridge: asked first while a browser is connected. */
  browser?: BrowserFiller;
}

export type HotkeyOutcome =
  | 'typed'
  | 'copied'
  | 'picker'
  | 'locked'
  | 'no-accounts'
  | 'busy'
  /** The browser filled its focused field. */
  | 'filled'
  /** The browser answered and filled nothing (told why); no title was read. */
  | 'browser-refused';

const BUSY_NOTICE = {
  title: 'Already typing a code',
  body: 'TrayOTP is still waiting to type the last code; press the hotkey again once it is done.',
};

export class Typing {
  /** A picker the hotkey opened: the focused window's title then, by the token it was given. */
  readonly #pickers: Sessions<{ title: string | undefined }>;
  #remembered: RememberedChoices;
  /**
   * The account last picked for a window whose title could not be read (Wayland): the picker
   * opens on it next time, since nothing else says which program the press was for.
   */
  #lastUntitledPick: string | undefined;
  #busy = false;

  constructor(private readonly deps: TypingDeps) {
    this.#pickers = new Sessions(deps.clock, PICKER_MS);
    this.#remembered = deps.choices?.load() ?? new Map();
    deps.session.onLock(() => this.#pickers.clear());
  }

  /**
   * The hotkey: the account matching the focused window is typed; when none or several match,
   * the picker opens with a token, and the window's typeCode(id, token) finishes the job.
   */
  async typeCurrentCode(): Promise<HotkeyOutcome> {
    const vault = this.deps.session.current;
    if (!vault) {
      this.deps.navigate('codes');
      return 'locked';
    }
    return this.#oneAtATime(async () => {
      // A connected browser decides by the tab's own domain; only "not there" falls through.
      // A paired browser's window that no extension answered for gets nothing by its title.
      const browser = await askBrowserFirst(this.deps.browser, this.deps.notifier, async () =>
        this.deps.activeWindow.program?.(),
      );
      if (browser === 'filled') return 'filled';
      if (browser === 'refused') return 'browser-refused';
      const accounts = vault.entries.map((entry) =>
        hotkeyAccount(entry, this.#codeOf(vault, entry.id), this.deps.siteInfo?.(entry.issuer)),
      );
      const outcome = await typeForFocusedWindow(this.#typeDeps(), accounts, this.#remembered, {
        minSecondsLeft: this.deps.settings.get().freshCodeSeconds,
      });
      if (outcome.kind === 'no-accounts') {
        this.deps.navigate('add');
        return 'no-accounts';
      }
      if (outcome.kind === 'pick') {
        const pickerToken = this.#pickers.add({ title: outcome.title });
        const last = outcome.title === undefined ? this.#lastUntitledPick : undefined;
        const accountId = outcome.candidates.some((c) => c.id === last)
          ? last
          : outcome.candidates[0]?.id;
        this.deps.navigate('picker', { ...(accountId && { accountId }), pickerToken });
        return 'picker';
      }
      await vault.markUsed(outcome.accountId);
      return outcome.kind;
    });
  }

  /**
   * The window's `typeCode` IPC method: types one account's code into the window behind ours.
   * With the token of a picker the hotkey opened, the choice is remembered for that window's
   * title and the focus must still be there; without one (the Enrol view's "Type into page") no
   * window is assumed.
   */
  async typeCode(id: string, pickerToken?: string): Promise<{ typed: boolean; copied: boolean }> {
    const vault = this.deps.session.unlocked();
    const entry = vault.entry(id);
    const outcome = await this.#oneAtATime(async () => {
      // Taken once: a replayed call, or one after the picker expired, assumes no window.
      const picker = pickerToken === undefined ? undefined : this.#pickers.take(pickerToken);
      // The keys must reach the app behind our window, not our window: it hides, and the
      // typing waits (bounded) until it has lost the focus; a focus that stays is a copy.
      await getOutOfTheWay(this.deps.window, this.deps.clock);
      await waitForFocusLoss(this.deps.window, this.deps.clock);
      const title = picker?.title;
      if (title !== undefined) {
        this.#remembered = rememberChoice(this.#remembered, title, id);
        this.deps.choices?.save(this.#remembered);
      } else if (picker) {
        this.#lastUntitledPick = id;
      }
      const typed = await typeChosenAccount(
        this.#typeDeps(),
        // Chosen already: no matching, so no site from the directory.
        hotkeyAccount(entry, this.#codeOf(vault, id)),
        { minSecondsLeft: this.deps.settings.get().freshCodeSeconds },
        title === undefined ? undefined : { title },
      );
      await vault.markUsed(id);
      return typed;
    });
    if (outcome === 'busy') {
      throw new AppError('typing-busy', `${BUSY_NOTICE.title}: ${BUSY_NOTICE.body}`);
    }
    const typed = outcome.kind === 'typed';
    return { typed, copied: !typed };
  }

  async #oneAtATime<T>(work: () => Promise<T>): Promise<T | 'busy'> {
    if (this.#busy) {
      this.deps.notifier.notify(BUSY_NOTICE);
      return 'busy';
    }
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#busy = false;
    }
  }

  /** An account's code, from the vault when it is typed (HOTP saves its counter first). */
  #codeOf(vault: Vault, id: string): () => Promise<string> {
    return () => this.deps.codes.code(vault, id);
  }

  #typeDeps(): TypeCodeDeps {
    const { window } = this.deps;
    return {
      clock: this.deps.clock,
      activeWindow: this.deps.activeWindow,
      typer: this.deps.typer,
      clipboard: this.deps.clipboard,
      notifier: this.deps.notifier,
      ownWindowFocused: () => window.isFocused?.() ?? false,
    };
  }
}

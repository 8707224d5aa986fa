// Codes handed out: the window's list (codes only, never secrets), a copy to the clipboard, and
// HOTP codes, which are revealed only on request because each one advances the saved counter.
import type { CodeView } from '../../../preload/contract';
import { codeFor } from '../../otp';
import { entryAccount } from '../../vault';
import type { Vault } from '../../vault';
import type { ClipboardGuard } from './clipboard-guard';
import type { Clock } from '../../time/clock';
import type { SettingsStore } from '../ports/settings-store';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { codeViews } from '../accounts/views';

export interface CodesDeps {
  session: VaultSession;
  clock: Clock;
  /** The clock check's offset in use (ms added to the system clock for every code); 0 when off. */
  offsetMs?: () => number;
  clipboard: ClipboardGuard;
  settings: SettingsStore;
}

export class Codes {
  /** HOTP codes the window was shown, until the vault locks or the account goes. */
  readonly #revealedHotp = new Map<string, CodeView>();

  constructor(private readonly deps: CodesDeps) {
    deps.session.onLock(() => this.#revealedHotp.clear());
  }

  /**
   * Every account's code at system time `at` (now by default); none while locked. Codes are
   * computed at the corrected time; their validity is given back in system time, which is what
   * the window counts down with.
   */
  list(at?: number): CodeView[] {
    const vault = this.deps.session.current;
    if (!vault) return [];
    const offset = this.#offset();
    const views = codeViews(
      vault.entries,
      (at ?? this.deps.clock.now()) + offset,
      this.#revealedHotp,
    );
    if (offset === 0) return views;
    return views.map((view) =>
      view.validUntil === null
        ? view
        : { ...view, validFrom: view.validFrom - offset, validUntil: view.validUntil - offset },
    );
  }

  async copy(id: string): Promise<{ clearsInSeconds: number }> {
    const vault = this.deps.session.unlocked();
    await this.deps.clipboard.copy(await this.code(vault, id));
    await vault.markUsed(id);
    return { clearsInSeconds: this.deps.settings.get().clipboardClearSeconds };
  }

  /** "New code": always the next one (the counter advances and is saved first). */
  async nextHotp(id: string): Promise<CodeView> {
    const vault = this.deps.session.unlocked();
    if (vault.entry(id).type !== 'hotp') {
      throw new AppError('not-hotp', 'Only counter-based (HOTP) accounts have a next code.');
    }
    return this.#revealHotp(vault, id);
  }

  /**
   * A code to hand out. HOTP: the code the window shows, if one was revealed; otherwise the next
   * one, advanced and saved first, so a code is never computed twice.
   */
  async code(vault: Vault, id: string): Promise<string> {
    const entry = vault.entry(id);
    if (entry.type !== 'hotp') {
      return codeFor(entryAccount(entry), (this.deps.clock.now() + this.#offset()) / 1000);
    }
    return (this.#revealedHotp.get(id) ?? (await this.#revealHotp(vault, id))).code;
  }

  /** An account is gone: its revealed code goes too. */
  forget(id: string): void {
    this.#revealedHotp.delete(id);
  }

  #offset(): number {
    return this.deps.offsetMs?.() ?? 0;
  }

  async #revealHotp(vault: Vault, id: string): Promise<CodeView> {
    const code = await vault.code(id);
    const view: CodeView = {
      id,
      code,
      next: null,
      validFrom: this.deps.clock.now(),
      validUntil: null,
    };
    this.#revealedHotp.set(id, view);
    return view;
  }
}

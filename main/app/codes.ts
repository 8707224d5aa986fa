// Codes handed out: the window's list (codes only, never secrets), a copy to the clipboard, and
// HOTP codes, which are revealed only on request because each one advances the saved counter.
import type { CodeView } from '../../preload/contract';
import type { Vault } from '../vault';
import type { ClipboardGuard } from './clipboard-guard';
import type { Clock } from '../time/clock';
import type { SettingsStore } from './ports/settings-store';
import { AppError } from './user-errors';
import type { VaultSession } from './vault-session';
import { codeViews } from './views';

export interface CodesDeps {
  session: VaultSession;
  clock: Clock;
  clipboard: ClipboardGuard;
  settings: SettingsStore;
}

export class Codes {
  /** HOTP codes the window was shown, until the vault locks or the account goes. */
  readonly #revealedHotp = new Map<string, CodeView>();

  constructor(private readonly deps: CodesDeps) {
    deps.session.onLock(() => this.#revealedHotp.clear());
  }

  /** Every account's code at `at` (now by default); none while locked. */
  list(at?: number): CodeView[] {
    const vault = this.deps.session.current;
    if (!vault) return [];
    return codeViews(vault.entries, at ?? this.deps.clock.now(), this.#revealedHotp);
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
    if (vault.entry(id).type !== 'hotp') return vault.code(id);
    return (this.#revealedHotp.get(id) ?? (await this.#revealHotp(vault, id))).code;
  }

  /** An account is gone: its revealed code goes too. */
  forget(id: string): void {
    this.#revealedHotp.delete(id);
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

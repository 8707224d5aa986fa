// "Connect <browser>?" in TrayOTP's own window: the bridge asks (confirmPairing), the window is
// shown with the prompt and the six digits the extension shows too, and the person's answer
// (browserPairingAnswer) settles it. When the browser goes away or the bridge's two minutes run
// out, the request's signal aborts: the window takes the prompt down and a late answer is
// refused. Only a yes from the window approves; nothing else can.
import type { PairingRequest } from '../../browser/bridge';
import type { AppEvents } from '../window/app-events';
import type { TrayWindow } from '../ports/window';
import { AppError } from '../shared/user-errors';

export interface PairingPromptsDeps {
  events: AppEvents;
  window: TrayWindow;
}

export class PairingPrompts {
  /** The prompts shown, by the browser's id: how each is settled. */
  readonly #pending = new Map<string, (approved: boolean) => void>();

  constructor(private readonly deps: PairingPromptsDeps) {}

  /** The bridge's confirmPairing: resolves with the person's answer, false once withdrawn. */
  ask(request: PairingRequest): Promise<boolean> {
    const { id, browser, code, signal } = request;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const withdraw = () => {
        if (this.#pending.get(id) !== settle) return;
        this.#pending.delete(id);
        this.deps.events.emit('browserPairingWithdrawn', { id });
        resolve(false);
      };
      const settle = (approved: boolean) => {
        signal.removeEventListener('abort', withdraw);
        this.#pending.delete(id);
        resolve(approved);
      };
      // A second request from the same browser replaces the first (the bridge asks one at a time).
      this.#pending.get(id)?.(false);
      this.#pending.set(id, settle);
      signal.addEventListener('abort', withdraw, { once: true });
      this.deps.window.show();
      this.deps.events.emit('browserPairingPrompt', { id, browser, code });
    });
  }

  /** The person's answer from the window. */
  answer(id: string, approve: boolean): void {
    const settle = this.#pending.get(id);
    if (!settle) {
      throw new AppError(
        'pairing-gone',
        'That browser is no longer asking to connect; ask again from the browser.',
      );
    }
    settle(approve);
  }
}

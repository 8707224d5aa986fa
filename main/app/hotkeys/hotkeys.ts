// The global hotkeys: registered from the settings, each registration verified, failures kept
// as sentences the settings view shows; and the check the hotkey recorder asks before saving.
import type { HotkeyAction, HotkeyProblem, Settings } from '../../../preload/contract';
import { acceleratorKey } from './accelerator-key';
import type { GlobalShortcuts } from '../ports/global-shortcuts';

export interface HotkeyStatus {
  action: HotkeyAction;
  accelerator: string;
  registered: boolean;
  error: string | null;
  problem: HotkeyProblem | null;
}

const NAMES: Record<HotkeyAction, string> = {
  typeCode: 'Type current code',
  openPicker: 'Open the account picker',
  scanScreen: 'Scan QR from screen',
};

export class Hotkeys {
  #status: HotkeyStatus[] = [];

  constructor(
    private readonly shortcuts: GlobalShortcuts,
    private readonly actions: Record<HotkeyAction, () => void>,
    /** Node's process.platform: what CommandOrControl means when comparing shortcuts. */
    private readonly platform: string,
  ) {}

  #same(a: string, b: string): boolean {
    return acceleratorKey(a, this.platform) === acceleratorKey(b, this.platform);
  }

  /** (Re)registers every hotkey of the settings; an empty accelerator means none. */
  apply(hotkeys: Settings['hotkeys']): HotkeyStatus[] {
    this.shortcuts.unregisterAll();
    const status: HotkeyStatus[] = [];
    for (const action of Object.keys(NAMES) as HotkeyAction[]) {
      const accelerator = hotkeys[action] ?? '';
      const duplicate = status.find((s) => s.registered && this.#same(s.accelerator, accelerator));
      if (!accelerator) {
        status.push({ action, accelerator, registered: false, error: null, problem: null });
      } else if (duplicate) {
        status.push({
          action,
          accelerator,
          registered: false,
          error: `${accelerator} is already used for “${NAMES[duplicate.action]}”.`,
          problem: { reason: 'ours', usedFor: duplicate.action },
        });
      } else {
        const result = this.shortcuts.register(accelerator, this.actions[action]);
        status.push(
          result.registered
            ? { action, accelerator, registered: true, error: null, problem: null }
            : {
                action,
                accelerator,
                registered: false,
                error: result.message,
                problem: { reason: result.reason },
              },
        );
      }
    }
    this.#status = status;
    return this.status();
  }

  status(): HotkeyStatus[] {
    return this.#status.map((s) => ({ ...s, problem: s.problem && { ...s.problem } }));
  }

  /**
   * Whether `accelerator` could be used: not one of ours for another action, and free in the
   * OS (tried by registering it for a moment).
   */
  check(
    accelerator: string,
    forAction?: HotkeyAction,
  ): { available: boolean; conflict: string | null; problem: HotkeyProblem | null } {
    const ours = this.#status.find((s) => s.registered && this.#same(s.accelerator, accelerator));
    if (ours) {
      return ours.action === forAction
        ? { available: true, conflict: null, problem: null }
        : {
            available: false,
            conflict: `TrayOTP already uses it for “${NAMES[ours.action]}”.`,
            problem: { reason: 'ours', usedFor: ours.action },
          };
    }
    const result = this.shortcuts.register(accelerator, () => {});
    if (!result.registered) {
      return { available: false, conflict: result.message, problem: { reason: result.reason } };
    }
    this.shortcuts.unregister(accelerator);
    return { available: true, conflict: null, problem: null };
  }
}

// Why a shortcut cannot be used, in the settings view's words: the keys written as the platform
// writes them, and "here" rather than "in Settings" (the person is in Settings).
import type { HotkeyAction, HotkeyProblem } from '../../../preload/contract';
import { acceleratorLabel } from './accelerator-label';
import type { Platform } from './accelerator-label';

export const HOTKEY_ACTION_LABELS: Record<HotkeyAction, string> = {
  typeCode: 'Type the current code',
  openPicker: 'Open the account picker',
  scanScreen: 'Scan a QR code from the screen',
};

export function hotkeyProblemText(
  problem: HotkeyProblem,
  accelerator: string,
  platform: Platform,
): string {
  const keys = acceleratorLabel(accelerator, platform);
  switch (problem.reason) {
    case 'taken':
      return `${keys} is already used by the system or another application; choose another shortcut here.`;
    case 'invalid':
      return `${keys} is not a key combination TrayOTP understands; choose another shortcut here.`;
    case 'suspended':
      return `${keys} could not be set while shortcuts were paused; record it again.`;
    case 'ours':
      return problem.usedFor
        ? `TrayOTP already uses ${keys} to “${HOTKEY_ACTION_LABELS[problem.usedFor]}”; choose another shortcut here.`
        : `TrayOTP already uses ${keys}; choose another shortcut here.`;
  }
}

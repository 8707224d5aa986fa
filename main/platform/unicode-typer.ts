// Typing through an OS call that takes Unicode characters directly (Windows SendInput with
// KEYEVENTF_UNICODE, macOS CGEventKeyboardSetUnicodeString): no keyboard layout to map through,
// so any character of a code can be sent. One press and release per character, so "one box per
// digit" forms that move the focus on input fill too; the hotkey's own modifiers are waited out
// first, or digits would arrive as Ctrl+Alt+digit shortcuts.
import type { TypeResult } from '../app/ports/key-typer';

export interface UnicodeInput {
  /** Whether Ctrl, Alt/Option, Shift or Win/Command is held right now. */
  modifiersHeld(): boolean;
  /** Sends one character's key press and release; false when the OS refused it. */
  sendCharacter(char: string): boolean;
}

export interface UnicodeTyperOptions {
  keyDelayMs?: number;
  releaseTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** What to tell the person when the OS refuses a keystroke. */
  refusedMessage: string;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function typeUnicode(
  input: UnicodeInput,
  text: string,
  options: UnicodeTyperOptions,
): Promise<TypeResult> {
  const sleep = options.sleep ?? pause;
  const now = options.now ?? Date.now;
  const deadline = now() + (options.releaseTimeoutMs ?? 1500);
  while (input.modifiersHeld()) {
    if (now() >= deadline) {
      return {
        typed: false,
        reason: 'modifiers-held',
        message:
          'Modifier keys (Ctrl, Alt, Shift, Win or Command) were still held, so typing would have triggered shortcuts; the code was copied instead.',
      };
    }
    await sleep(20);
  }
  for (const char of text) {
    if (!input.sendCharacter(char)) {
      return { typed: false, reason: 'failed', message: options.refusedMessage };
    }
    await sleep(options.keyDelayMs ?? 12);
  }
  return { typed: true };
}

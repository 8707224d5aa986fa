// Keystrokes into whatever application has the keyboard focus (X11 XTest, Windows SendInput,
// macOS CGEvent). A typer never throws for an expected failure: it says why it could not type,
// and the caller falls back to the clipboard.

/** Why typing did not happen; each has its own advice for the user. */
export type TypeFailure =
  /** No way to send keystrokes here (Wayland without a portal, no X display, no typer built). */
  | 'unavailable'
  /** The OS refused (macOS Accessibility permission not granted). */
  | 'permission-denied'
  /** A character of the text has no key on the current keyboard layout. */
  | 'unsupported-character'
  /** The user still held a modifier (the hotkey's Ctrl/Alt), which would turn digits into shortcuts. */
  | 'modifiers-held'
  /** The OS accepted the call but reported an error part-way. */
  | 'failed';

export type TypeResult =
  | { typed: true }
  | {
      typed: false;
      reason: TypeFailure;
      message: string;
      /**
       * How many characters went out before the stop (the Wayland portal may stop part-way: the
       * desktop closed the session); absent or 0 when none did. The notice then says so.
       */
      typedChars?: number;
      /** The characters there were to type, with typedChars. */
      total?: number;
    };

export interface KeyTyper {
  /**
   * Types `text` into the focused application one character at a time (one key press and
   * release per character, so "one box per digit" forms that move focus on input fill too).
   */
  type(text: string): Promise<TypeResult>;
}

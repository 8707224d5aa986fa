// What the CLI prints that came from outside (labels, QR texts, file names, messages quoting
// them) goes through escapeForTerminal (main/otp/display-text.ts): a label holding ESC [ … could
// recolour, retitle or clear the terminal, a newline or tab forge output lines or columns, a
// bidi override reorder what is shown. Each such character prints as a visible escape instead.
import { escapeForTerminal } from '../otp/display-text';

export const displayText = escapeForTerminal;

/**
 * What JSON.stringify leaves raw of those characters: it escapes C0 controls and lone
 * surrogates itself (and its own newlines are layout), but prints DEL, C1, the separators, bidi
 * and invisible format characters as they are.
 */
const RAW_IN_JSON =
  /[\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/gu;

/** JSON for the terminal: those characters become \uXXXX escapes, so it parses the same. */
export function displayJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

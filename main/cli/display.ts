// Text from files and links, made safe to print on a terminal: a label holding ESC [ … could
// recolour, retitle or clear the terminal, and a newline or tab would forge output lines or
// columns. Control characters (C0, DEL, C1), line and paragraph separators and the bidi controls
// that reorder what is shown print as \u{…} escapes; everything else prints as it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** What JSON.stringify leaves raw of UNSAFE (it escapes C0 itself; its newlines are layout). */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function displayText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * JSON for the terminal: JSON.stringify escapes C0 controls but prints DEL, C1, the separators
 * and bidi controls raw; they become \uXXXX escapes here, so the JSON still parses to the same
 * strings.
 */
export function displayJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// Text from outside (an account's issuer and name, an importer's groups and notes, a file name)
// may hold characters that act instead of showing: ESC/OSC sequences that retitle or clear a
// terminal, CR and newlines that fake an extra row, bidi overrides that show "moc.elgoog" as
// "google.com". The validation gate cleans labels with displaySafe; whatever still reaches an
// output (old vault entries, notes, error messages) goes through escapeForTerminal (CLI) or
// displaySafe (tray menu, window) on the way out.

/**
 * Characters that move, hide or reorder text rather than showing a glyph: C0 and C1 controls,
 * DEL, bidi embeddings/overrides/isolates and marks, invisible separators and format characters,
 * and lone UTF-16 surrogates. ZWJ and ZWNJ (U+200C, U+200D) are kept: emoji sequences and
 * several scripts need them.
 */
const UNSAFE_SOURCE =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\ud800-\\udfff]';
/** The ones that separate words or lines: they become one space instead of vanishing. */
const SPACING_SOURCE = '[\\t-\\r\\u0085\\u2028\\u2029]+';

const UNSAFE_ONE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');
const SPACING_ALL = new RegExp(SPACING_SOURCE, 'gu');

const NAMED_ESCAPES: Record<string, string> = {
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\u001b': '\\e',
};

/** True when the text holds a character displaySafe would change. Linear time. */
export function hasUnsafeText(text: string): boolean {
  return UNSAFE_ONE.test(text);
}

/**
 * The text as a label may show it: each run of line/tab separators becomes one space, every
 * other control, bidi or invisible format character is removed. Linear time. Use it for the
 * tray menu and the window, and (through the validation gate) for every account's labels.
 */
export function displaySafe(text: string): string {
  if (!hasUnsafeText(text)) return text;
  return text.replace(SPACING_ALL, ' ').replace(UNSAFE_ALL, '');
}

/**
 * The text with every control, bidi or invisible format character written as a visible escape
 * (\n, \r, \t, \e, \u{202e}...), so a terminal prints it and obeys none of it. Linear time.
 * Use it for everything the CLI prints that came from outside.
 */
export function escapeForTerminal(text: string): string {
  if (!hasUnsafeText(text)) return text;
  return text.replace(
    UNSAFE_ALL,
    (c) => NAMED_ESCAPES[c] ?? `\\u{${c.codePointAt(0)!.toString(16).padStart(4, '0')}}`,
  );
}

/**
 * A bad value quoted in an error message: at most `max` characters, escaped, so a 300 KB field
 * makes a short message and a control character in it cannot act on the terminal.
 */
export function quoteValue(value: unknown, max = 40): string {
  const text = String(value);
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return `"${escapeForTerminal(short)}"`;
}

/** UNSAFE_SOURCE without TAB and LF, which a multi-line text keeps. */
const UNSAFE_IN_LINES = new RegExp(
  UNSAFE_SOURCE.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b-\\u001f'),
  'gu',
);

/**
 * Like displaySafe for text that may span lines (a note): line breaks (CR, CRLF, NEL, U+2028,
 * U+2029) become '\n' and tabs stay; every other control, bidi or invisible character is
 * removed. An output that shows it on one line (the CLI, a menu) still escapes the '\n'.
 */
export function displaySafeMultiline(text: string): string {
  if (!hasUnsafeText(text)) return text;
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/gu, '\n').replace(UNSAFE_IN_LINES, '');
}

// Text from outside shown safely: escapeForTerminal for the CLI (visible escapes), displaySafe
// for menus and the window (removed), displaySafeMultiline for notes (line breaks kept).
import { describe, expect, it } from 'vitest';
import {
  displaySafe,
  displaySafeMultiline,
  escapeForTerminal,
  hasUnsafeText,
  quoteValue,
} from '../../../main/otp';

describe('escapeForTerminal', () => {
  it.each([
    ['plain text', 'GitHub: alice@example.com', 'GitHub: alice@example.com'],
    ['a newline', 'alice\nbob', 'alice\\nbob'],
    ['CR and tab', 'a\rb\tc', 'a\\rb\\tc'],
    ['an OSC title', '\u001b]0;pwned\u0007', '\\e]0;pwned\\u{0007}'],
    ['a CSI sequence', '\u001b[2J', '\\e[2J'],
    ['C1 CSI', '\u009b2J', '\\u{009b}2J'],
    ['DEL and NUL', 'a\u007fb\u0000', 'a\\u{007f}b\\u{0000}'],
    ['an RLO', 'evil\u202egoogle.com', 'evil\\u{202e}google.com'],
    ['an isolate', '\u2067x\u2069', '\\u{2067}x\\u{2069}'],
    ['a lone surrogate', 'a\ud800b', 'a\\u{d800}b'],
    ['a BOM and zero-width space', '\ufeffa\u200bb', '\\u{feff}a\\u{200b}b'],
  ])('%s', (_what, input, expected) => {
    expect(escapeForTerminal(input)).toBe(expected);
  });

  it('keeps emoji, ZWJ sequences, accents and right-to-left scripts', () => {
    const text = 'Zoë 👩‍💻 مرحبا 🇫🇷 日本';
    expect(escapeForTerminal(text)).toBe(text);
    expect(displaySafe(text)).toBe(text);
    expect(hasUnsafeText(text)).toBe(false);
  });

  it('is linear: 1 MB of escape characters in well under a second', () => {
    const start = performance.now();
    expect(escapeForTerminal('\u001b'.repeat(1_000_000))).toHaveLength(2_000_000);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('displaySafe', () => {
  it.each([
    ['line breaks become one space', 'a\r\n\nb', 'a b'],
    ['escape characters are removed', '\u001b[31mred', '[31mred'],
    ['bidi controls are removed', '\u202ea\u202c\u200e', 'a'],
    ['a line separator becomes a space', 'a\u2028b', 'a b'],
  ])('%s', (_what, input, expected) => {
    expect(displaySafe(input)).toBe(expected);
  });
});

describe('displaySafeMultiline', () => {
  it('keeps line breaks (CRLF and CR as LF) and tabs, removes the rest', () => {
    expect(displaySafeMultiline('one\r\ntwo\rthree\n\tfour\u001b[2J\u202e')).toBe(
      'one\ntwo\nthree\n\tfour[2J',
    );
  });
});

describe('quoteValue', () => {
  it('quotes a short, escaped excerpt', () => {
    expect(quoteValue('x\ny')).toBe('"x\\ny"');
    expect(quoteValue('a'.repeat(100), 5)).toBe('"aaaaa…"');
  });
});

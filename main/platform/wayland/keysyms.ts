// Characters as X keysyms, which the RemoteDesktop portal's NotifyKeyboardKeysym takes: the
// compositor finds the key (and the Shift level) for a keysym on the person's current layout, so
// "7" is typed as 7 on QWERTY, AZERTY (where it needs Shift) or Dvorak alike, and the capital
// letters of Steam codes come out capital.
//  - Printable Latin-1 (digits 0x30–0x39, letters 'A'–'Z' 0x41–0x5a, 'a'–'z' 0x61–0x7a, …):
//    the keysym is the code point (X11 keysymdef.h).
//  - Any other printable character: the Unicode keysym 0x01000000 + code point (xkbcommon).
//  - Control characters and lone surrogates have no keysym: undefined.

const UNICODE_KEYSYM_OFFSET = 0x01000000;

export function keysymOf(char: string): number | undefined {
  const code = char.codePointAt(0);
  if (code === undefined || String.fromCodePoint(code) !== char) return undefined;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  if (code < 0x100 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return undefined;
  return UNICODE_KEYSYM_OFFSET + code;
}

/** The keysyms of `text` in order, or the first character that has none. */
export function keysymsOf(text: string): { keysyms: number[] } | { unsupported: string } {
  const keysyms: number[] = [];
  for (const char of text) {
    const keysym = keysymOf(char);
    if (keysym === undefined) return { unsupported: char };
    keysyms.push(keysym);
  }
  return { keysyms };
}

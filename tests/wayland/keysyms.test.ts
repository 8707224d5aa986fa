// Characters as the keysyms NotifyKeyboardKeysym takes (main/platform/wayland/keysyms.ts): the
// values are X11's keysymdef.h ones, so the compositor types them on any layout.
import { describe, expect, it } from 'vitest';
import { keysymOf, keysymsOf } from '../../main/platform/wayland/keysyms';

describe('keysymOf', () => {
  it('digits are XK_0…XK_9', () => {
    expect([...'0123456789'].map(keysymOf)).toEqual([
      0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
    ]);
  });

  it("Steam's letters are XK_A…XK_Z (capital, so the compositor adds Shift)", () => {
    expect([...'23456789BCDFGHJKMNPQRTVWXY'].map(keysymOf)).toEqual(
      [...'23456789BCDFGHJKMNPQRTVWXY'].map((c) => c.charCodeAt(0)),
    );
    expect(keysymOf('a')).toBe(0x61);
  });

  it('Latin-1 is its code point, the rest of Unicode 0x01000000 + code point', () => {
    expect(keysymOf('é')).toBe(0xe9);
    expect(keysymOf('€')).toBe(0x010020ac);
    expect(keysymOf('😀')).toBe(0x0101f600);
  });

  it('control characters and lone surrogates have none', () => {
    expect(keysymOf('\n')).toBeUndefined();
    expect(keysymOf('\u0085')).toBeUndefined();
    expect(keysymOf('\ud800')).toBeUndefined();
    expect(keysymOf('')).toBeUndefined();
  });
});

describe('keysymsOf', () => {
  it('gives every keysym, or the first character without one', () => {
    expect(keysymsOf('12')).toEqual({ keysyms: [0x31, 0x32] });
    expect(keysymsOf('1\t2')).toEqual({ unsupported: '\t' });
  });
});

// The XTest KeyTyper's decisions, against an in-memory Xlib: which key events it sends for a
// code, and every reason it refuses (each with the sentence the user will read).
import { describe, expect, it } from 'vitest';
import { createX11KeyTyper } from '../../../../main/platform/x11/key-typer';
import { FakeXlib } from '../../../fakes/xlib';

const env = { DISPLAY: ':98' };

function typer(
  xlib: FakeXlib,
  options: { releaseTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
) {
  return createX11KeyTyper({ env, keyDelayMs: 0, load: () => xlib, ...options });
}

describe('X11 key typer', () => {
  it('presses and releases one key per digit, and closes the display', async () => {
    const xlib = new FakeXlib();
    expect(await typer(xlib).type('120')).toEqual({ typed: true });
    // US map of the fake: "1" is keycode 10, "2" is 11, "0" is 19.
    expect(xlib.events).toEqual(['+10', '-10', '+11', '-11', '+19', '-19']);
    expect([xlib.opened, xlib.closed]).toEqual([1, 1]);
  });

  it('holds Shift around capital letters (Steam codes)', async () => {
    const xlib = new FakeXlib();
    expect(await typer(xlib).type('2Bb')).toEqual({ typed: true });
    // "b" is keycode 43 (level 0), "B" the same key at level 1; Shift_L is 50.
    expect(xlib.events).toEqual(['+11', '-11', '+50', '+43', '-43', '-50', '+43', '-43']);
  });

  it('waits until the hotkey modifiers are released before typing', async () => {
    const xlib = new FakeXlib();
    xlib.held.set(37, 2); // Control_L down for two polls
    expect(await typer(xlib).type('1')).toEqual({ typed: true });
    expect(xlib.events).toEqual(['+10', '-10']);
    expect(xlib.held.get(37)).toBe(0);
  });

  it.each<[string, (x: FakeXlib) => void, string, string, NodeJS.ProcessEnv?]>([
    [
      'modifier still held after the timeout',
      (x) => x.held.set(64, 1_000),
      'modifiers-held',
      'Modifier keys (Ctrl, Alt, Shift or Super) were still held, so typing would have triggered shortcuts; the code was copied instead.',
    ],
    [
      'a character with no key',
      (x) => x.keymap.delete(15), // "6"
      'unsupported-character',
      'The character "6" has no key on the current keyboard layout.',
    ],
    [
      'no XTest extension',
      (x) => (x.xtest = false),
      'unavailable',
      'The X display :98 has no XTest extension, so keystrokes cannot be sent.',
    ],
    [
      'the display cannot be opened',
      (x) => (x.canOpen = false),
      'unavailable',
      'The X display :98 could not be opened.',
    ],
    [
      'an X error while typing',
      (x) => (x.errorOnFakeKey = 2),
      'failed',
      'The X server reported error 2 while typing; the code may be incomplete.',
    ],
    [
      'no DISPLAY',
      () => {},
      'unavailable',
      'There is no X display (DISPLAY is not set), so keystrokes cannot be sent.',
      {},
    ],
    [
      'a Wayland session',
      () => {},
      'unavailable',
      'Typing into other apps is not possible in a Wayland session without a remote-desktop portal; the code was copied instead.',
      { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' },
    ],
  ])('%s', async (_name, arrange, reason, message, customEnv) => {
    const xlib = new FakeXlib();
    arrange(xlib);
    const result = await typer(xlib, { releaseTimeoutMs: 60, env: customEnv ?? env }).type(
      '123456',
    );
    expect(result).toEqual({ typed: false, reason, message });
    expect(xlib.opened).toBe(xlib.closed);
    if (reason !== 'failed') expect(xlib.events).toEqual([]);
  });

  it('reports libraries that cannot be loaded', async () => {
    const result = await createX11KeyTyper({
      env,
      load: () => {
        throw new Error('libXtst.so.6: cannot open shared object file');
      },
    }).type('1');
    expect(result).toEqual({
      typed: false,
      reason: 'unavailable',
      message:
        'The X11 libraries (libX11, libXtst) could not be loaded: libXtst.so.6: cannot open shared object file',
    });
  });
});

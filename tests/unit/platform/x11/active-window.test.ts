// How the X11 ActiveWindow finds the focused window's title, against an in-memory Xlib: with and
// without a window manager, focus on a child, PointerRoot focus, a WM frame, encodings.
import { describe, expect, it } from 'vitest';
import { createX11ActiveWindow } from '../../../../main/platform/x11/active-window';
import { FakeXlib, ROOT } from '../../../fakes/xlib';

const title = (xlib: FakeXlib, env: NodeJS.ProcessEnv = { DISPLAY: ':98' }) =>
  createX11ActiveWindow({ env, load: () => xlib }).title();

const utf8 = (value: string) => ({ type: 'UTF8_STRING', value });

describe('X11 active window title', () => {
  it('no window manager: walks up from the focused child to the named top-level', async () => {
    const xlib = new FakeXlib()
      .addWindow(10, {
        parent: ROOT,
        properties: { _NET_WM_NAME: utf8('Log in | 20i - Chromium') },
      })
      .addWindow(11, { parent: 10 })
      .addWindow(12, { parent: 11 });
    xlib.focus = 12;
    expect(await title(xlib)).toBe('Log in | 20i - Chromium');
    expect(xlib.closed).toBe(1);
  });

  it('prefers _NET_WM_NAME (UTF-8) and reads WM_NAME as Latin-1 when it is STRING', async () => {
    const xlib = new FakeXlib()
      .addWindow(10, { parent: ROOT, properties: { WM_NAME: { type: 'STRING', value: 'Café' } } })
      .addWindow(20, {
        parent: ROOT,
        properties: { WM_NAME: { type: 'STRING', value: 'old' }, _NET_WM_NAME: utf8('Ünïcode ✓') },
      });
    xlib.focus = 10;
    expect(await title(xlib)).toBe('Café');
    xlib.focus = 20;
    expect(await title(xlib)).toBe('Ünïcode ✓');
  });

  it('an EWMH window manager: _NET_ACTIVE_WINDOW names the client directly', async () => {
    const xlib = new FakeXlib()
      .addWindow(ROOT, {
        parent: 0,
        properties: { _NET_ACTIVE_WINDOW: { type: 'WINDOW', value: 30 } },
      })
      .addWindow(29, { parent: ROOT }) // the WM's frame, which has the focus
      .addWindow(30, { parent: 29, properties: { _NET_WM_NAME: utf8('Terminal') } });
    xlib.focus = 29;
    expect(await title(xlib)).toBe('Terminal');
  });

  it('a reparenting WM without EWMH: the name is found below the focused frame', async () => {
    const xlib = new FakeXlib()
      .addWindow(29, { parent: ROOT })
      .addWindow(30, { parent: 29, properties: { WM_NAME: { type: 'STRING', value: 'xterm' } } });
    xlib.focus = 29;
    expect(await title(xlib)).toBe('xterm');
  });

  it('PointerRoot focus: the window under the pointer', async () => {
    const xlib = new FakeXlib().addWindow(40, {
      parent: ROOT,
      properties: { _NET_WM_NAME: utf8('Under the pointer') },
    });
    xlib.focus = 1;
    xlib.pointerWindow = 40;
    expect(await title(xlib)).toBe('Under the pointer');
  });

  it.each<[string, (x: FakeXlib) => void, NodeJS.ProcessEnv?]>([
    ['no focus (None)', (x) => (x.focus = 0)],
    ['PointerRoot over the bare root window', (x) => (x.focus = 1)],
    ['the focus window vanished (BadWindow)', (x) => (x.focus = 77)],
    ['no window has a name', (x) => (x.addWindow(10, { parent: ROOT }).focus = 10)],
    ['the display cannot be opened', (x) => (x.canOpen = false)],
    ['no DISPLAY', () => {}, {}],
    [
      'a Wayland session (X sees only XWayland windows)',
      (x) => {
        x.addWindow(10, { parent: ROOT, properties: { _NET_WM_NAME: utf8('stale') } });
        x.focus = 10;
      },
      { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' },
    ],
  ])('%s: undefined', async (_name, arrange, env) => {
    const xlib = new FakeXlib();
    arrange(xlib);
    expect(await title(xlib, env)).toBeUndefined();
    expect(xlib.opened).toBe(xlib.closed);
  });

  it('libraries that cannot be loaded: undefined', async () => {
    const active = createX11ActiveWindow({
      env: { DISPLAY: ':98' },
      load: () => {
        throw new Error('libX11.so.6: cannot open shared object file');
      },
    });
    expect(await active.title()).toBeUndefined();
  });
});

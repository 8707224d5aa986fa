// Issue 23, R1: the X11 ActiveWindow's program(): the focused window's WM_CLASS and process
// (_NET_WM_PID → /proc/<pid>/exe), found as the title is (EWMH, focused child, WM frame), against
// an in-memory Xlib. The real X server is read in tests/browser/hotkey.test.ts (Chromium, Xvfb).
import { describe, expect, it } from 'vitest';
import { createX11ActiveWindow } from '../../../../main/platform/x11/active-window';
import { FakeXlib, ROOT } from '../../../fakes/xlib';

const executables: Record<number, string> = { 4242: '/usr/lib/chromium/chromium' };
const program = (xlib: FakeXlib) =>
  createX11ActiveWindow({
    env: { DISPLAY: ':98' },
    load: () => xlib,
    reading: { readExecutable: (pid) => executables[pid], hostName: 'desk' },
  }).program!();

const chromium = {
  WM_CLASS: { type: 'STRING', value: 'chromium\0Chromium\0' },
  _NET_WM_PID: { type: 'CARDINAL', value: 4242 },
  _NET_WM_NAME: { type: 'UTF8_STRING', value: 'Log in | HostCo - Chromium' },
};

describe('X11 focused program', () => {
  it('no window manager: walks up from the focused child to the client with WM_CLASS and pid', async () => {
    const xlib = new FakeXlib()
      .addWindow(10, { parent: ROOT, properties: chromium })
      .addWindow(11, { parent: 10 });
    xlib.focus = 11;
    expect(await program(xlib)).toEqual({
      windowClass: ['chromium', 'Chromium'],
      pid: 4242,
      executable: '/usr/lib/chromium/chromium',
    });
    expect(xlib.closed).toBe(1);
  });

  it('an EWMH window manager: _NET_ACTIVE_WINDOW names the client directly', async () => {
    const xlib = new FakeXlib()
      .addWindow(ROOT, {
        parent: 0,
        properties: { _NET_ACTIVE_WINDOW: { type: 'WINDOW', value: 30 } },
      })
      .addWindow(29, { parent: ROOT })
      .addWindow(30, { parent: 29, properties: chromium });
    xlib.focus = 29;
    expect((await program(xlib))?.executable).toBe('/usr/lib/chromium/chromium');
  });

  it('a reparenting WM without EWMH: found below the focused frame', async () => {
    const xlib = new FakeXlib()
      .addWindow(29, { parent: ROOT })
      .addWindow(30, { parent: 29, properties: chromium });
    xlib.focus = 29;
    expect((await program(xlib))?.windowClass).toEqual(['chromium', 'Chromium']);
  });

  it('a window from another machine (ssh -X): its class only, its pid means nothing here', async () => {
    const xlib = new FakeXlib().addWindow(10, {
      parent: ROOT,
      properties: { ...chromium, WM_CLIENT_MACHINE: { type: 'STRING', value: 'elsewhere' } },
    });
    xlib.focus = 10;
    expect(await program(xlib)).toEqual({ windowClass: ['chromium', 'Chromium'] });
  });

  it('a pid whose executable cannot be read: the pid and class still', async () => {
    const xlib = new FakeXlib().addWindow(10, {
      parent: ROOT,
      properties: { ...chromium, _NET_WM_PID: { type: 'CARDINAL', value: 9 } },
    });
    xlib.focus = 10;
    expect(await program(xlib)).toEqual({ windowClass: ['chromium', 'Chromium'], pid: 9 });
  });

  it('nothing to read: no focus, no display, a Wayland session', async () => {
    const xlib = new FakeXlib().addWindow(10, { parent: ROOT });
    xlib.focus = 0;
    expect(await program(xlib)).toBeUndefined();
    xlib.focus = 10;
    expect(await program(xlib)).toBeUndefined();
    const wayland = createX11ActiveWindow({
      env: { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' },
      load: () => xlib,
    });
    expect(await wayland.program!()).toBeUndefined();
  });
});

// Issue 23, R1: no title typing into a paired browser, ever. After a browser or TrayOTP restart
// the extension may not be connected yet; the hotkey then used to type by the window's title,
// which a look-alike page writes itself. Through assembleApp with a real bridge; the focused
// window's program is what the platform adapter would read (X11: _NET_WM_PID, /proc/<pid>/exe
// and WM_CLASS).
import { afterEach, describe, expect, it } from 'vitest';
import type { FocusedProgram } from '../../../../main/app/ports/active-window';
import { browserApp, waitFor } from '../browser/paired-app';

const HOSTCO = 'otpauth://totp/HostCo:alice?secret=JBSWY3DPEHPK3PXP&issuer=HostCo';
/** The look-alike's title names the real site: the title path would pick HostCo. */
const LOOKALIKE_TITLE = 'Log in | HostCo — hostco.com — Chromium';
const CHROMIUM: FocusedProgram = {
  pid: 4242,
  executable: '/usr/lib/chromium/chromium',
  windowClass: ['chromium', 'Chromium'],
};
const TERMINAL: FocusedProgram = {
  pid: 77,
  executable: '/usr/bin/xterm',
  windowClass: ['xterm', 'XTerm'],
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function world(options: { off?: boolean } = {}) {
  const w = await browserApp({ title: LOOKALIKE_TITLE, ...options });
  close = w.close;
  await w.app.session.create();
  const { account } = await w.app.adding.addUri(HOSTCO);
  await w.app.session.current!.update(account.id, { domains: ['hostco.com'] });
  return w;
}

/** A browser paired earlier whose extension is not connected now (it or TrayOTP restarted). */
async function pairedThenGone(w: Awaited<ReturnType<typeof world>>) {
  const client = await w.pairedClient();
  client.close();
  await waitFor(() => (w.app.browser!.connected === 0 ? true : undefined));
}

describe('a paired browser whose extension does not answer', () => {
  it('its window gets nothing by title: nothing typed, nothing copied, the person told once', async () => {
    const w = await world();
    await pairedThenGone(w);
    w.activeWindow.focusedProgram = CHROMIUM;
    expect(await w.app.typing.typeCurrentCode()).toBe('browser-refused');
    expect(w.typer.typed).toEqual([]);
    expect(w.clipboard.text).toBe('');
    expect(w.notifier.notices).toHaveLength(1);
    expect(w.notifier.notices[0]!.title).toBe(
      'The TrayOTP extension in Chromium is not connected yet',
    );
    expect(w.notifier.notices[0]!.body).toMatch(/Click the TrayOTP button on this page/);
    expect(JSON.stringify(w.notifier.notices)).not.toMatch(/\d{6}/);
  });

  it('after TrayOTP restarts (the pairing read from the file, no connection yet): the same', async () => {
    const w = await world();
    await pairedThenGone(w);
    await w.app.browser!.stop();
    await w.app.browser!.start();
    expect(w.app.browser!.status().listening).toBe(true);
    w.activeWindow.focusedProgram = { ...CHROMIUM, windowClass: [] };
    expect(await w.app.typing.typeCurrentCode()).toBe('browser-refused');
    expect(w.typer.typed).toEqual([]);
    expect(w.clipboard.text).toBe('');
  });

  it('another browser window while a paired one is connected ("not focused"): nothing typed', async () => {
    const w = await world();
    const client = await w.pairedClient();
    client.onAppRequest = (id) => ({ kind: 'res', id, outcome: 'not-focused' });
    w.activeWindow.focusedProgram = { executable: 'C:\\Program Files\\Mozilla\\firefox.exe' };
    expect(await w.app.typing.typeCurrentCode()).toBe('browser-refused');
    expect(w.typer.typed).toEqual([]);
    expect(w.notifier.notices[0]!.title).toMatch(/in Firefox is not connected/);
  });

  it('other programs keep the title path', async () => {
    const w = await world();
    await pairedThenGone(w);
    w.activeWindow.focusedProgram = TERMINAL;
    expect(await w.app.typing.typeCurrentCode()).toBe('typed');
    expect(w.typer.typed).toHaveLength(1);
  });

  it('with no browser paired, a browser window keeps the title path (as before the extension)', async () => {
    const w = await world();
    w.activeWindow.focusedProgram = CHROMIUM;
    expect(await w.app.typing.typeCurrentCode()).toBe('typed');
  });

  it('with the browser switch off, the title path the person chose', async () => {
    const w = await world();
    await pairedThenGone(w);
    await w.app.browser!.setEnabled(false);
    w.activeWindow.focusedProgram = CHROMIUM;
    expect(await w.app.typing.typeCurrentCode()).toBe('typed');
  });
});

// The security checklist with fakes of WebContents, Session and shell.
import { describe, expect, it, vi } from 'vitest';
import {
  EXTERNAL_LINKS,
  hardenSession,
  hardenWebContents,
  isOurPage,
} from '../../../main/platform/hardening';

type Listener = (event: { preventDefault: () => void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  };
  const fire = (name: string, url = '') => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)!(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  it.each([
    ['https://evil.example/', true],
    ['file:///etc/passwd', true],
    ['app://trayotp.evil/', true],
    ['http://localhost:5173/', true],
    ['app://trayotp/index.html#/settings', false],
  ])('navigating to %s is prevented: %s', (url, prevented) => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents as never, { openExternal: vi.fn() } as never);
    expect(fire('will-navigate', url)).toBe(prevented);
    expect(fire('will-redirect', url)).toBe(prevented);
  });

  it('allows the dev server only when one is given', () => {
    expect(isOurPage('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isOurPage('http://localhost:5173/')).toBe(false);
  });

  it('denies every new window and opens only our own https links outside', () => {
    const openExternal = vi.fn(async () => {});
    const { contents, open, fire } = fakeContents();
    hardenWebContents(contents as never, { openExternal } as never);
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('http://github.com/trayotp/trayotp#readme')).toEqual({ action: 'deny' });
    expect(open(EXTERNAL_LINKS[0]!)).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([[EXTERNAL_LINKS[0]]]);
    expect(fire('will-attach-webview')).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check, and display media', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    let display: ((r: unknown, cb: (s: unknown) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDisplayMediaRequestHandler: (h: typeof display) => (display = h),
    } as never);
    for (const permission of ['media', 'clipboard-read', 'notifications', 'openExternal']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission, 'app://trayotp', {})).toBe(false);
    }
    const callback = vi.fn();
    display!({}, callback);
    expect(callback).toHaveBeenCalledWith(null);
  });
});

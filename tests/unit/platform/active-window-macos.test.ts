// The macOS ActiveWindow against an in-memory CoreFoundation and Accessibility API: the focused
// window's title when TrayOTP is trusted, the frontmost app's name from the window list when it is
// not (or when Accessibility fails), never our own window, and every CF copy released.
import { afterEach, describe, expect, it } from 'vitest';
import {
  AX_TIMEOUT_SECONDS,
  createMacActiveWindow,
} from '../../../main/platform/macos/active-window';
import {
  FakeMacWindowApi,
  kAXErrorAPIDisabled,
  kAXErrorCannotComplete,
} from '../../fakes/mac-window-api';

const OWN_PID = 4242;
const SAFARI = 501;

let mac: FakeMacWindowApi;
const titleOf = () => createMacActiveWindow({ load: () => mac, ownPid: OWN_PID }).title();

/** The focused app is `pid`, whose focused window has `title`. */
function focus(pid: number, title: string | number, appName = 'Safari') {
  const window = mac.window(pid, title);
  mac.focusedApplication = mac.application(pid, { AXTitle: appName, AXFocusedWindow: window });
}

afterEach(() => {
  // Every create/copy released exactly once (the fake throws on over-release and on use after it).
  expect(mac.outstanding()).toBe(0);
});

describe('macOS active window title, with Accessibility trust', () => {
  it('focused application → focused window → its title, with a short messaging timeout', async () => {
    mac = new FakeMacWindowApi();
    focus(SAFARI, 'Sign in to GitHub · GitHub');
    expect(await titleOf()).toBe('Sign in to GitHub · GitHub');
    expect(mac.copied).toEqual(['AXFocusedApplication', 'AXFocusedWindow', 'AXTitle']);
    expect(mac.timeouts.map(([, seconds]) => seconds)).toEqual([AX_TIMEOUT_SECONDS]);
    expect(mac.windowListCopies).toBe(0);
  });

  it.each([
    ['emoji', '🔐 Two-factor 🔑 — Proton'],
    ['Japanese', 'ログイン｜楽天会員'],
    ['Chinese with an astral character', '登录 𠀋 银行'],
  ])('%s survive the CFString → UTF-8 trip', async (_name, title) => {
    mac = new FakeMacWindowApi();
    focus(SAFARI, title);
    expect(await titleOf()).toBe(title);
  });

  it.each<[string, () => void]>([
    ['an empty window title', () => focus(SAFARI, '')],
    ['a title that is not a CFString', () => focus(SAFARI, 7)],
    [
      'a focused app without a focused window (Finder on the desktop)',
      () => (mac.focusedApplication = mac.application(SAFARI, { AXTitle: 'Finder' })),
    ],
    [
      'a focused window that cannot answer (busy app)',
      () =>
        (mac.focusedApplication = mac.application(SAFARI, {
          AXFocusedWindow: { error: kAXErrorCannotComplete },
        })),
    ],
  ])('%s: undefined, not some other app from the window list', async (_name, arrange) => {
    mac = new FakeMacWindowApi();
    mac.onScreen = [{ layer: 0, pid: 77, name: 'Terminal' }];
    arrange();
    expect(await titleOf()).toBeUndefined();
    expect(mac.windowListCopies).toBe(0);
  });

  it('our own process focused (the popup, the picker): undefined, its window never read', async () => {
    mac = new FakeMacWindowApi();
    focus(OWN_PID, 'TrayOTP');
    expect(await titleOf()).toBeUndefined();
    expect(mac.copied).toEqual(['AXFocusedApplication']);
  });

  it('Accessibility fails for the focused application: the frontmost app name instead', async () => {
    mac = new FakeMacWindowApi();
    mac.focusedApplication = { error: kAXErrorCannotComplete };
    mac.onScreen = [{ layer: 0, pid: SAFARI, name: 'Safari' }];
    expect(await titleOf()).toBe('Safari');
  });
});

describe('macOS active window, without Accessibility trust: the frontmost app name', () => {
  it('the owner of the first on-screen layer-0 window, past menu-bar items and the Dock', async () => {
    mac = new FakeMacWindowApi();
    mac.trusted = false;
    focus(SAFARI, 'never read without trust');
    mac.onScreen = [
      { layer: 25, pid: 90, name: 'Control Centre' },
      { layer: 20, pid: 91, name: 'Dock' },
      { layer: 0, pid: 600, name: '微信' },
      { layer: 0, pid: SAFARI, name: 'Safari' },
    ];
    expect(await titleOf()).toBe('微信');
    expect(mac.copied).toEqual([]);
    expect(mac.windowListCopies).toBe(1);
  });

  it.each<[string, FakeMacWindowApi['onScreen']]>([
    ['our own window in front', [{ layer: 0, pid: OWN_PID, name: 'TrayOTP' }]],
    ['no window on screen', []],
    ['only menu-bar items', [{ layer: 25, pid: 90, name: 'Control Centre' }]],
    ['a frontmost window without an owner name', [{ layer: 0, pid: 600 }]],
    ['an empty owner name', [{ layer: 0, pid: 600, name: '' }]],
    ['no window list at all', null],
  ])('%s: undefined', async (_name, onScreen) => {
    mac = new FakeMacWindowApi();
    mac.trusted = false;
    mac.onScreen = onScreen;
    expect(await titleOf()).toBeUndefined();
  });

  it('a fake that refuses AX calls without trust, as macOS does', () => {
    mac = new FakeMacWindowApi();
    mac.trusted = false;
    const systemWide = mac.createSystemWide();
    const name = mac.createString('AXFocusedApplication')!;
    expect(mac.copyAttribute(systemWide, name)).toEqual({
      error: kAXErrorAPIDisabled,
      value: null,
    });
    mac.release(name);
    mac.release(systemWide);
  });
});

describe('macOS active window, loading', () => {
  it('frameworks that cannot be loaded: undefined', async () => {
    mac = new FakeMacWindowApi();
    const active = createMacActiveWindow({
      load: () => {
        throw new Error('dlopen ApplicationServices: image not found');
      },
    });
    expect(await active.title()).toBeUndefined();
  });
});

// The koffi declarations of the Windows and macOS ActiveWindow adapters, called for real: the C
// fakes in ./native (the same exports and C signatures as user32 and Apple's frameworks) are
// compiled into Linux shared libraries and bound by bindUser32Windows / bindMacWindowApi, so the
// pointers, out-parameters, buffers, float and exported variables cross a real FFI boundary.
// What only Windows and macOS can show (their own behaviour) stays untested here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AX_TIMEOUT_SECONDS,
  bindMacWindowApi,
  createMacActiveWindow,
} from '../../../main/platform/macos/active-window';
import {
  MAX_TITLE_UNITS,
  bindUser32Windows,
  createWin32ActiveWindow,
} from '../../../main/platform/win32/active-window';
import { skipWithout } from '../../support/tools';

const OWN_PID = 4242;
const hasCompiler = !skipWithout('cc');
const native = (name: string) => fileURLToPath(new URL(`./native/${name}`, import.meta.url));

let dir: string;
function build(name: string): LibraryHandle {
  const library = join(dir, `${name}.so`);
  execFileSync('cc', ['-shared', '-fPIC', '-O1', '-o', library, native(`${name}.c`)]);
  return koffi.load(library);
}

beforeAll(() => {
  if (hasCompiler) dir = mkdtempSync(join(tmpdir(), 'trayotp-ffi-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasCompiler)('Windows binding through koffi (fake user32 built with cc)', () => {
  let lib: LibraryHandle;
  let fake: {
    show: (pid: number, title: string, reportedLength: number) => void;
    hide: () => void;
    lastMaxCount: () => number;
  };
  const title = () =>
    createWin32ActiveWindow({ load: () => bindUser32Windows(lib), ownPid: OWN_PID }).title();

  beforeAll(() => {
    lib = build('fake-user32');
    fake = {
      show: lib.func('void fake_show(uint32 pid, const char16_t *title, int reportedLength)'),
      hide: lib.func('void fake_hide()'),
      lastMaxCount: lib.func('int fake_last_max_count()'),
    };
  });

  it.each([
    ['ASCII', 'Sign in to GitHub · GitHub — Mozilla Firefox'],
    ['emoji', '🔐 Two-factor 🔑 – Microsoft Edge'],
    ['CJK', 'ログイン｜楽天会員 登录 𠀋 - Google Chrome'],
  ])('%s title through GetWindowTextW', async (_name, text) => {
    fake.show(100, text, -1);
    expect(await title()).toBe(text);
    expect(fake.lastMaxCount()).toBe(text.length + 1);
  });

  it('a title longer than the length reported is cut at the buffer', async () => {
    fake.show(100, 'GitLab sign in', 6);
    expect(await title()).toBe('GitLab');
    expect(fake.lastMaxCount()).toBe(7);
  });

  it('an absurd reported length is capped', async () => {
    fake.show(100, 'x'.repeat(MAX_TITLE_UNITS + 10), 1 << 30);
    expect(await title()).toBe('x'.repeat(MAX_TITLE_UNITS));
    expect(fake.lastMaxCount()).toBe(MAX_TITLE_UNITS + 1);
  });

  it('no foreground window (NULL HWND), our own process, an empty title: undefined', async () => {
    fake.hide();
    expect(await title()).toBeUndefined();
    fake.show(OWN_PID, 'TrayOTP', -1);
    expect(await title()).toBeUndefined();
    fake.show(100, '', -1);
    expect(await title()).toBeUndefined();
  });
});

describe.skipIf(!hasCompiler)('macOS binding through koffi (fake frameworks built with cc)', () => {
  let lib: LibraryHandle;
  let fake: {
    reset: () => void;
    setTrusted: (trusted: number) => void;
    focus: (pid: number, title: string | null) => void;
    addWindow: (layer: number, pid: number, name: string | null) => void;
    owed: () => number;
    misuse: () => number;
    lastTimeout: () => number;
    lastListOption: () => number;
  };
  const title = () =>
    createMacActiveWindow({ load: () => bindMacWindowApi(lib, lib), ownPid: OWN_PID }).title();

  beforeAll(() => {
    lib = build('fake-macos');
    fake = {
      reset: lib.func('void fake_reset()'),
      setTrusted: lib.func('void fake_set_trusted(int value)'),
      focus: lib.func('void fake_focus(int32 pid, const char *title)'),
      addWindow: lib.func('void fake_add_window(int32 layer, int32 pid, const char *name)'),
      owed: lib.func('int fake_owed()'),
      misuse: lib.func('int fake_misuse()'),
      lastTimeout: lib.func('float fake_last_timeout()'),
      lastListOption: lib.func('uint32 fake_last_list_option()'),
    };
  });
  beforeEach(() => fake.reset());

  const expectBalanced = () => {
    expect(fake.owed()).toBe(0);
    expect(fake.misuse()).toBe(0);
  };

  it.each([
    ['ASCII', 'Sign in to GitHub · GitHub'],
    ['emoji', '🔐 Two-factor 🔑 — Proton'],
    ['CJK', 'ログイン｜楽天会員 登录 𠀋'],
  ])('trusted: the focused window %s title, every copy released', async (_name, text) => {
    fake.focus(501, text);
    expect(await title()).toBe(text);
    expect(fake.lastTimeout()).toBeCloseTo(AX_TIMEOUT_SECONDS);
    expectBalanced();
  });

  it('trusted: our own process, or no focused window: undefined, every copy released', async () => {
    fake.focus(OWN_PID, 'TrayOTP');
    expect(await title()).toBeUndefined();
    fake.focus(501, null);
    expect(await title()).toBeUndefined();
    fake.focus(501, '');
    expect(await title()).toBeUndefined();
    expectBalanced();
  });

  it('untrusted: the owner of the first on-screen layer-0 window, read from the window list', async () => {
    fake.setTrusted(0);
    fake.addWindow(25, 90, 'Control Centre');
    fake.addWindow(0, 600, '微信');
    fake.addWindow(0, 501, 'Safari');
    expect(await title()).toBe('微信');
    // kCGWindowListOptionOnScreenOnly | kCGWindowListExcludeDesktopElements
    expect(fake.lastListOption()).toBe(0x11);
    expectBalanced();
  });

  it('untrusted: our own window in front, or no name: undefined', async () => {
    fake.setTrusted(0);
    fake.addWindow(0, OWN_PID, 'TrayOTP');
    expect(await title()).toBeUndefined();
    fake.reset();
    fake.setTrusted(0);
    fake.addWindow(0, 600, null);
    expect(await title()).toBeUndefined();
    expectBalanced();
  });

  it('trusted but no focused application: falls back to the window list', async () => {
    fake.addWindow(0, 700, 'Steam');
    expect(await title()).toBe('Steam');
    expectBalanced();
  });
});

// The Windows ActiveWindow against a fake user32: the foreground window's title read through a
// bounded UTF-16 buffer, and every case where there is no title to match.
import { describe, expect, it } from 'vitest';
import {
  MAX_TITLE_UNITS,
  createWin32ActiveWindow,
} from '../../../main/platform/win32/active-window';
import type { User32Windows, WindowHandle } from '../../../main/platform/win32/active-window';

const OWN_PID = 4242;

interface FakeWindow {
  pid: number;
  title: string;
  /** What GetWindowTextLengthW answers, when it differs from the title's length. */
  reportedLength?: number;
}

/** user32 in memory: windows by HWND, the foreground one, and every GetWindowTextW call. */
class FakeUser32Windows implements User32Windows {
  windows = new Map<WindowHandle, FakeWindow>();
  foreground: WindowHandle | null = null;
  /** nMaxCount of each GetWindowTextW call. */
  textCalls: number[] = [];

  show(window: FakeWindow): this {
    const handle = BigInt(0x10000 + this.windows.size * 0x10);
    this.windows.set(handle, window);
    this.foreground = handle;
    return this;
  }

  foregroundWindow() {
    return this.foreground;
  }
  processId(window: WindowHandle) {
    return this.windows.get(window)?.pid;
  }
  textLength(window: WindowHandle) {
    const found = this.windows.get(window);
    return found ? (found.reportedLength ?? found.title.length) : 0;
  }
  /** Like GetWindowTextW: at most nMaxCount - 1 units, then a NUL; returns the units copied. */
  text(window: WindowHandle, buffer: Uint16Array) {
    this.textCalls.push(buffer.length);
    const title = this.windows.get(window)?.title ?? '';
    const count = Math.min(title.length, buffer.length - 1);
    for (let i = 0; i < count; i++) buffer[i] = title.charCodeAt(i);
    buffer[count] = 0;
    return count;
  }
}

const titleOf = (user32: User32Windows) =>
  createWin32ActiveWindow({ load: () => user32, ownPid: OWN_PID }).title();

describe('Windows active window title', () => {
  it('reads the foreground window title with a buffer of its length plus the NUL', async () => {
    const title = 'Sign in to GitHub · GitHub — Mozilla Firefox';
    const user32 = new FakeUser32Windows().show({ pid: 100, title });
    expect(await titleOf(user32)).toBe(title);
    expect(user32.textCalls).toEqual([title.length + 1]);
  });

  it.each([
    ['emoji (surrogate pairs)', '🔐 Two-factor 🔑 – Microsoft Edge'],
    ['CJK', 'ログイン｜楽天会員 - Google Chrome'],
    ['Chinese and an astral CJK character', '登录 𠀋 银行 - Chromium'],
  ])('%s are decoded from UTF-16', async (_name, title) => {
    expect(await titleOf(new FakeUser32Windows().show({ pid: 100, title }))).toBe(title);
  });

  it('GetWindowTextLengthW may overstate the length: only the copied units are read', async () => {
    const user32 = new FakeUser32Windows().show({ pid: 100, title: 'Steam', reportedLength: 40 });
    expect(await titleOf(user32)).toBe('Steam');
  });

  it('a title that grew between the two calls is cut at the buffer, never past it', async () => {
    const user32 = new FakeUser32Windows().show({
      pid: 100,
      title: 'GitLab sign in - Firefox',
      reportedLength: 6,
    });
    expect(await titleOf(user32)).toBe('GitLab');
    expect(user32.textCalls).toEqual([7]);
  });

  it('an absurd length from the window is capped; a pair split by the cap is dropped', async () => {
    const title = `${'a'.repeat(MAX_TITLE_UNITS - 1)}😀 and more`;
    const user32 = new FakeUser32Windows().show({ pid: 100, title, reportedLength: 2 ** 30 });
    expect(await titleOf(user32)).toBe('a'.repeat(MAX_TITLE_UNITS - 1));
    expect(user32.textCalls).toEqual([MAX_TITLE_UNITS + 1]);
  });

  it.each<[string, (user32: FakeUser32Windows) => void]>([
    ['no foreground window (focus changing, secure desktop)', () => {}],
    ['an empty title', (u) => u.show({ pid: 100, title: '' })],
    ['the window closed before its process was asked', (u) => void (u.foreground = 0x999n)],
    ['a length but no text any more', (u) => u.show({ pid: 100, title: '', reportedLength: 12 })],
  ])('%s: undefined', async (_name, arrange) => {
    const user32 = new FakeUser32Windows();
    arrange(user32);
    expect(await titleOf(user32)).toBeUndefined();
  });

  it('a window of our own process (the popup, the picker): undefined, its text never read', async () => {
    const user32 = new FakeUser32Windows().show({ pid: OWN_PID, title: 'TrayOTP' });
    expect(await titleOf(user32)).toBeUndefined();
    expect(user32.textCalls).toEqual([]);
  });

  it('user32 that cannot be loaded: undefined, and loading is tried again next time', async () => {
    let attempts = 0;
    const active = createWin32ActiveWindow({
      load: () => {
        attempts++;
        throw new Error('user32.dll: not found');
      },
    });
    expect(await active.title()).toBeUndefined();
    expect(await active.title()).toBeUndefined();
    expect(attempts).toBe(2);
  });

  it('loads user32 once for many titles', async () => {
    let loads = 0;
    const user32 = new FakeUser32Windows().show({ pid: 100, title: 'Proton Mail' });
    const active = createWin32ActiveWindow({ load: () => (loads++, user32), ownPid: OWN_PID });
    await active.title();
    await active.title();
    expect(loads).toBe(1);
  });
});

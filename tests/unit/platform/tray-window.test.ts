// The tray window's options (the security checklist) and behaviour, with a fake BrowserWindow.
import { describe, expect, it } from 'vitest';
import { TrayWindow, trayWindowOptions } from '../../../main/platform/tray-window';

function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const calls: string[] = [];
  let visible = false;
  return {
    calls,
    blur: () => listeners.get('blur')!(),
    window: {
      on: (event: string, listener: () => void) => listeners.set(event, listener),
      show: () => {
        visible = true;
        calls.push('show');
      },
      hide: () => {
        visible = false;
        calls.push('hide');
      },
      focus: () => calls.push('focus'),
      isVisible: () => visible,
      isFocused: () => visible,
      setPosition: (x: number, y: number) => calls.push(`position ${x},${y}`),
      setContentProtection: (on: boolean) => calls.push(`protect ${on}`),
    },
  };
}

describe('trayWindowOptions', () => {
  it('is a frameless, sandboxed, context-isolated popup without node', () => {
    const options = trayWindowOptions('/app/out/preload/index.cjs');
    expect(options).toMatchObject({
      frame: false,
      show: false,
      skipTaskbar: true,
      resizable: false,
    });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
  });
});

describe('TrayWindow', () => {
  function setup(keepOpen = false) {
    const fake = fakeWindow();
    const trayWindow = new TrayWindow({
      window: fake.window as never,
      trayBounds: () => ({ x: 1700, y: 0, width: 22, height: 22 }),
      workAreaNear: () => ({ x: 0, y: 0, width: 1920, height: 1040 }),
      cursor: () => ({ x: 1710, y: 10 }),
      keepOpen: () => keepOpen,
    });
    return { trayWindow, ...fake };
  }

  it('protects its content from capture, opens at the tray icon and hides on blur', () => {
    const { trayWindow, calls, blur } = setup();
    expect(calls).toEqual(['protect true']);
    trayWindow.toggle();
    expect(calls.slice(1)).toEqual(['position 1521,26', 'show', 'focus']);
    blur();
    expect(calls.at(-1)).toBe('hide');
  });

  it("opens the hotkey's picker beside the mouse pointer instead", () => {
    const { trayWindow, calls } = setup();
    trayWindow.show({ nearCursor: true });
    // The pointer at (1710, 10) is near the right edge: the window goes left of it.
    expect(calls.slice(1)).toEqual(['position 1318,22', 'show', 'focus']);
  });

  it('stays open on blur while one of its dialogs has the focus', () => {
    const { trayWindow, calls, blur } = setup(true);
    trayWindow.show();
    blur();
    expect(calls).not.toContain('hide');
  });
});

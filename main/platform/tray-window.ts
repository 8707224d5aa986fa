// The tray window: a frameless popup anchored at the tray icon (menubar style), created once and
// reused, hidden when it loses focus, its contents kept out of screen captures where the OS
// allows it.
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { nearCursorPosition, popupPosition } from '../app/shared/popup-position';

export const TRAY_WINDOW_SIZE = { width: 380, height: 560 };

export function trayWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    ...TRAY_WINDOW_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'TrayOTP',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
      backgroundThrottling: false,
    },
  };
}

export interface TrayWindowDeps {
  window: Pick<
    BrowserWindow,
    | 'on'
    | 'show'
    | 'hide'
    | 'focus'
    | 'isVisible'
    | 'isFocused'
    | 'setPosition'
    | 'setContentProtection'
  >;
  trayBounds: () => Rectangle;
  workAreaNear: (point: { x: number; y: number }) => Rectangle;
  cursor: () => { x: number; y: number };
  /** Hide on blur, except while a dialog of ours (file picker) has the focus. */
  keepOpen: () => boolean;
}

export class TrayWindow {
  constructor(private readonly deps: TrayWindowDeps) {
    deps.window.setContentProtection(true);
    deps.window.on('blur', () => {
      if (!deps.keepOpen()) deps.window.hide();
    });
  }

  /** At the tray icon, or with `nearCursor` (the hotkey's picker) beside the mouse pointer. */
  show(options: { nearCursor?: boolean } = {}): void {
    const { deps } = this;
    const tray = deps.trayBounds();
    const cursor = deps.cursor();
    const { x, y } = options.nearCursor
      ? nearCursorPosition(cursor, TRAY_WINDOW_SIZE, deps.workAreaNear(cursor))
      : popupPosition(
          tray,
          TRAY_WINDOW_SIZE,
          deps.workAreaNear(tray.width > 0 ? { x: tray.x, y: tray.y } : cursor),
          cursor,
        );
    deps.window.setPosition(x, y);
    deps.window.show();
    deps.window.focus();
  }

  toggle(): void {
    if (this.deps.window.isVisible()) this.hide();
    else this.show();
  }

  hide(): void {
    this.deps.window.hide();
  }

  isVisible(): boolean {
    return this.deps.window.isVisible();
  }

  isFocused(): boolean {
    return this.deps.window.isFocused();
  }
}

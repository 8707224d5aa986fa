// The region selector's overlays: one frameless, always-on-top window per display showing the
// frozen screenshot (#/region in the renderer, which dims it and lets the person drag a box).
// The overlay answers through IPC (regionSelect / regionCancel), which settles the RegionRequest.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { DisplayFrame } from '../app/ports/capture';
import type { RegionChoice, RegionSelector } from '../app/ports/region-selector';
import type { RegionRequest } from '../app/shared/region-request';
import { createEventSender } from '../ipc/events';

export interface RegionOverlayDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  request: RegionRequest;
  url: string;
  preload: string;
  /** The display's screenshot as a JPEG data: URL (nativeImage in the app). */
  toDataUrl: (display: DisplayFrame) => string;
  /** Called with each overlay's webContents id while it is open (the IPC sender check). */
  track: (id: number, open: boolean) => void;
  /** Where an event that fails the contract's check is reported (it is not sent). */
  logError: (message: string, error: unknown) => void;
}

export function overlayOptions(
  display: DisplayFrame,
  preload: string,
): BrowserWindowConstructorOptions {
  return {
    ...display.bounds,
    frame: false,
    show: false,
    resizable: false,
    movable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    enableLargerThanScreen: true,
    hasShadow: false,
    webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false },
  };
}

export class RegionOverlays implements RegionSelector {
  constructor(private readonly deps: RegionOverlayDeps) {}

  async select(displays: DisplayFrame[]): Promise<RegionChoice | undefined> {
    const { deps } = this;
    const choice = deps.request.wait();
    const windows = displays.map((display) => {
      const window = deps.createWindow(overlayOptions(display, deps.preload));
      const id = window.webContents.id;
      deps.track(id, true);
      window.setAlwaysOnTop(true, 'screen-saver');
      window.setContentProtection(true);
      // Closing an overlay (Alt+F4) is a cancel, not a hang.
      window.on('closed', () => {
        deps.track(id, false);
        deps.request.cancel();
      });
      // As every event: checked against the contract, on the contract's channel.
      const send = createEventSender(
        (channel, payload) => window.webContents.send(channel, payload),
        deps.logError,
      );
      window.webContents.once('did-finish-load', () => {
        send('regionImage', {
          displayId: display.displayId,
          image: deps.toDataUrl(display),
          width: display.bounds.width,
          height: display.bounds.height,
        });
        window.show();
        window.focus();
      });
      void window.loadURL(deps.url);
      return window;
    });
    try {
      return await choice;
    } finally {
      for (const window of windows) if (!window.isDestroyed()) window.destroy();
    }
  }
}

// The region overlays with fake BrowserWindows: one per display at its bounds, the frozen
// screenshot sent once the page has loaded, closed again whatever the outcome.
import { describe, expect, it } from 'vitest';
import type { DisplayFrame } from '../../../main/app/ports/capture';
import { RegionRequest } from '../../../main/app/shared/region-request';
import { RegionOverlays } from '../../../main/platform/region-overlay';

const display = (id: string, x: number): DisplayFrame => ({
  displayId: id,
  bounds: { x, y: 0, width: 1280, height: 720 },
  scaleFactor: 1,
  frame: { data: new Uint8Array(4), width: 1, height: 1, stride: 4, format: 'bgra' },
});

function setup() {
  const request = new RegionRequest();
  const windows: {
    options: Record<string, unknown>;
    sent: unknown[];
    destroyed: boolean;
    close: () => void;
  }[] = [];
  const tracked: [number, boolean][] = [];
  let nextId = 10;
  const overlays = new RegionOverlays({
    createWindow: (options) => {
      const listeners = new Map<string, () => void>();
      const record = {
        options: options as Record<string, unknown>,
        sent: [] as unknown[],
        destroyed: false,
        close: () => listeners.get('closed')!(),
      };
      windows.push(record);
      const id = nextId++;
      return {
        webContents: {
          id,
          once: (_event: string, listener: () => void) => setImmediate(listener),
          send: (channel: string, payload: unknown) => record.sent.push([channel, payload]),
        },
        setAlwaysOnTop: () => {},
        setContentProtection: () => {},
        on: (event: string, listener: () => void) => listeners.set(event, listener),
        loadURL: async () => {},
        show: () => {},
        focus: () => {},
        isDestroyed: () => record.destroyed,
        destroy: () => {
          record.destroyed = true;
        },
      } as never;
    },
    request,
    url: 'app://trayotp/index.html#/region',
    preload: '/preload.cjs',
    toDataUrl: (d) => `data:image/jpeg;base64,${d.displayId}`,
    track: (id, open) => tracked.push([id, open]),
    logError: (message: string) => {
      throw new Error(message);
    },
  });
  return { overlays, request, windows, tracked };
}

describe('RegionOverlays', () => {
  it('one overlay per display; the choice settles it and every overlay closes', async () => {
    const { overlays, request, windows, tracked } = setup();
    const selection = overlays.select([display('1', 0), display('2', 1280)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      windows.map((w) => [w.options.x, w.options.width, w.options.frame, w.options.alwaysOnTop]),
    ).toEqual([
      [0, 1280, false, true],
      [1280, 1280, false, true],
    ]);
    expect(windows[1]!.sent).toEqual([
      [
        'trayotp:regionImage',
        { displayId: '2', image: 'data:image/jpeg;base64,2', width: 1280, height: 720 },
      ],
    ]);
    expect(tracked).toEqual([
      [10, true],
      [11, true],
    ]);
    request.choose({ displayId: '2', box: { x: 1, y: 2, width: 3, height: 4 } });
    expect(await selection).toEqual({ displayId: '2', box: { x: 1, y: 2, width: 3, height: 4 } });
    expect(windows.every((w) => w.destroyed)).toBe(true);
  });

  it('closing an overlay cancels the selection', async () => {
    const { overlays, windows } = setup();
    const selection = overlays.select([display('1', 0)]);
    windows[0]!.close();
    expect(await selection).toBeUndefined();
  });
});

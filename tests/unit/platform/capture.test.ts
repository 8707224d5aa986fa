// The Electron ScreenCapture adapter (main/platform/capture.ts) wired to fakes of desktopCapturer,
// screen and systemPreferences: physical-resolution thumbnails mapped to display bounds, the
// macOS permission check, Wayland's empty or id-less results; then a captured display decoded,
// whole and through a region selector box in desktop DIP.
import type { Display, NativeImage, SourcesOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { CaptureError, toDesktopPoint, toFramePixels } from '../../../main/app/ports/capture';
import { createElectronScreenCapture } from '../../../main/platform/capture';
import { scanFrame } from '../../../main/qr';
import type { Frame } from '../../../main/qr';
import { renderFrame } from '../../support/qr-frame';

const key = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

function display(id: number, x: number, width: number, height: number, scaleFactor: number) {
  return {
    id,
    bounds: { x, y: 0, width, height },
    size: { width, height },
    scaleFactor,
  } as Display;
}

function image(frame: Frame | undefined): NativeImage {
  return {
    isEmpty: () => !frame,
    getSize: () => ({ width: frame?.width ?? 0, height: frame?.height ?? 0 }),
    toBitmap: () => Buffer.from(frame?.data ?? []),
  } as unknown as NativeImage;
}

function setup(opts: {
  displays: Display[];
  sources: { display_id: string; frame?: Frame }[];
  platform?: NodeJS.Platform;
  permission?: ReturnType<Electron.SystemPreferences['getMediaAccessStatus']>;
}) {
  const calls: SourcesOptions[] = [];
  const capture = createElectronScreenCapture({
    platform: opts.platform ?? 'linux',
    screen: { getAllDisplays: () => opts.displays },
    systemPreferences: { getMediaAccessStatus: () => opts.permission ?? 'granted' },
    desktopCapturer: {
      getSources: async (options) => {
        calls.push(options);
        return opts.sources.map((s, i) => ({
          id: `screen:${i}:0`,
          name: `Screen ${i + 1}`,
          display_id: s.display_id,
          thumbnail: image(s.frame),
          appIcon: image(undefined),
        }));
      },
    },
  });
  return { capture, calls };
}

const laptop = display(1, 0, 1920, 1080, 1);
const hidpi = display(2, 1920, 1707, 960, 1.5);
const frameOf = (width: number, height: number) =>
  renderFrame({ width, height, format: 'bgra', codes: [] });

describe('createElectronScreenCapture', () => {
  it('asks for every screen at the largest physical size and maps each to its display', async () => {
    const { capture, calls } = setup({
      displays: [laptop, hidpi],
      sources: [
        { display_id: '2', frame: frameOf(2560, 1440) },
        { display_id: '1', frame: frameOf(1920, 1080) },
      ],
    });
    const frames = await capture.captureDisplays();
    expect(calls).toEqual([{ types: ['screen'], thumbnailSize: { width: 2561, height: 1440 } }]);
    expect(
      frames.map((f) => [f.displayId, f.bounds, f.scaleFactor, f.frame.width, f.frame.format]),
    ).toEqual([
      ['2', hidpi.bounds, 2560 / 1707, 2560, 'bgra'],
      ['1', laptop.bounds, 1, 1920, 'bgra'],
    ]);
    expect(frames[0]!.frame.stride).toBe(2560 * 4);
  });

  it.each(['denied', 'restricted'] as const)(
    'macOS, permission %s: directions, no capture',
    async (permission) => {
      const { capture, calls } = setup({
        displays: [laptop],
        sources: [],
        platform: 'darwin',
        permission,
      });
      const error = await capture.captureDisplays().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CaptureError);
      expect(error).toMatchObject({
        code: 'permission-denied',
        message:
          'TrayOTP may not record the screen. Open System Settings → Privacy & Security → Screen & System Audio Recording, turn TrayOTP on, then quit and reopen TrayOTP. Meanwhile, scan an image file or an image on the clipboard.',
      });
      expect(calls).toEqual([]);
    },
  );

  it('macOS, permission not determined yet: captures (that is what makes macOS ask)', async () => {
    const { capture } = setup({
      displays: [laptop],
      sources: [{ display_id: '1', frame: frameOf(1920, 1080) }],
      platform: 'darwin',
      permission: 'not-determined',
    });
    expect(await capture.captureDisplays()).toHaveLength(1);
  });

  it('Wayland, picker cancelled (no sources, or only empty thumbnails): nothing-shared', async () => {
    for (const sources of [[], [{ display_id: '' }]]) {
      const { capture } = setup({ displays: [laptop, hidpi], sources });
      await expect(capture.captureDisplays()).rejects.toMatchObject({
        code: 'nothing-shared',
        message:
          'No screen was shared, so there was nothing to scan. Choose a screen in the sharing dialog (on Wayland the system asks each time), or scan an image file or the clipboard instead.',
      });
    }
  });

  it('Wayland, one screen shared without a display_id: taken as the primary display', async () => {
    const { capture } = setup({
      displays: [hidpi, laptop],
      sources: [{ display_id: '', frame: frameOf(1920, 1080) }],
    });
    const [only] = await capture.captureDisplays();
    expect(only).toMatchObject({ displayId: '1', bounds: laptop.bounds, scaleFactor: 1 });
  });

  it('id-less sources for every display are matched in order; an unknown id is left out', async () => {
    const inOrder = setup({
      displays: [laptop, hidpi],
      sources: [
        { display_id: '', frame: frameOf(1920, 1080) },
        { display_id: '', frame: frameOf(2560, 1440) },
      ],
    });
    expect((await inOrder.capture.captureDisplays()).map((f) => f.displayId)).toEqual(['1', '2']);
    const unknown = setup({
      displays: [laptop, hidpi],
      sources: [
        { display_id: '9', frame: frameOf(100, 100) },
        { display_id: '1', frame: frameOf(1920, 1080) },
      ],
    });
    expect((await unknown.capture.captureDisplays()).map((f) => f.displayId)).toEqual(['1']);
  });
});

describe('a captured display, decoded', () => {
  it('whole, and through a region selector box in desktop DIP, at full resolution', async () => {
    // The code is on the 1.5× display at DIP (2300, 300): frame pixels (570, 450), 3 px modules.
    const shot = renderFrame({
      width: 2560,
      height: 1440,
      format: 'bgra',
      padding: 32,
      codes: [{ text: key, x: 570, y: 450, module: 3 }],
    });
    // The fake's toBitmap keeps the padded rows, as a real bitmap may have them.
    const [captured] = await setup({
      displays: [laptop, hidpi],
      sources: [{ display_id: '2', frame: shot }],
    }).capture.captureDisplays();
    expect(captured!.frame.stride).toBe(2560 * 4 + 32);
    expect((await scanFrame(captured!.frame)).otpauth).toEqual([key]);

    const box = { x: 2290, y: 290, width: 140, height: 140 };
    const region = toFramePixels(captured!, box);
    // 1707 DIP wide captured as 2560 px: 1.49970… px a DIP, so DIP 370 is pixel 554.9.
    expect(region).toEqual({ x: 554, y: 434, width: 210, height: 210 });
    const inBox = await scanFrame(captured!.frame, { region });
    expect(inBox.otpauth).toEqual([key]);
    const [x, y] = toDesktopPoint(captured!, inBox.codes[0]!.corners[0]!);
    expect(x).toBeGreaterThan(2300);
    expect(y).toBeGreaterThan(300);
  });
});

// The ScreenCapture port on Electron: desktopCapturer thumbnails at each display's physical
// resolution (size × scaleFactor), matched to screen.getAllDisplays() by display_id.
//  - macOS: without Screen Recording permission the thumbnails show only the wallpaper, so the
//    permission is checked first and a missing one becomes a CaptureError with directions.
//  - Linux Wayland: getSources goes through the xdg-desktop-portal picker; the person may cancel
//    it (no sources) or share one screen only, and sources carry no display_id. Documented in
//    docs/qr.md.
import type { DesktopCapturer, Display, NativeImage, Screen, SystemPreferences } from 'electron';
import { CaptureError } from '../app/ports/capture';
import type { DisplayFrame, ScreenCapture } from '../app/ports/capture';

export interface ElectronCaptureDeps {
  desktopCapturer: Pick<DesktopCapturer, 'getSources'>;
  screen: Pick<Screen, 'getAllDisplays'>;
  systemPreferences: Pick<SystemPreferences, 'getMediaAccessStatus'>;
  platform: NodeJS.Platform;
}

const MAC_PERMISSION =
  'TrayOTP may not record the screen. Open System Settings → Privacy & Security → Screen & ' +
  'System Audio Recording, turn TrayOTP on, then quit and reopen TrayOTP. Meanwhile, scan an ' +
  'image file or an image on the clipboard.';
const NOTHING_SHARED =
  'No screen was shared, so there was nothing to scan. Choose a screen in the sharing dialog ' +
  '(on Wayland the system asks each time), or scan an image file or the clipboard instead.';

export function createElectronScreenCapture(deps: ElectronCaptureDeps): ScreenCapture {
  return {
    async captureDisplays() {
      if (deps.platform === 'darwin') {
        // 'not-determined' goes ahead: the first getSources call is what makes macOS ask.
        const status = deps.systemPreferences.getMediaAccessStatus('screen');
        if (status === 'denied' || status === 'restricted') {
          throw new CaptureError('permission-denied', MAC_PERMISSION);
        }
      }
      const displays = deps.screen.getAllDisplays();
      const sources = await deps.desktopCapturer.getSources({
        types: ['screen'],
        // One size for every source: the largest physical display. Chromium fits each
        // thumbnail into it keeping the aspect ratio, so no display is captured below its
        // physical resolution; the scale factor is then read off the thumbnail itself.
        thumbnailSize: {
          width: Math.max(...displays.map((d) => Math.round(d.size.width * d.scaleFactor))),
          height: Math.max(...displays.map((d) => Math.round(d.size.height * d.scaleFactor))),
        },
      });
      const usable = sources.filter((source) => !source.thumbnail.isEmpty());
      if (usable.length === 0) throw new CaptureError('nothing-shared', NOTHING_SHARED);
      return usable.flatMap((source, index) => {
        // Wayland (the portal) and some X11 setups give no display_id: fall back to the order,
        // which is the displays' order when every display was shared.
        const display =
          displays.find((d) => String(d.id) === source.display_id) ??
          (source.display_id === '' && usable.length === displays.length
            ? displays[index]
            : undefined) ??
          (displays.length === 1 || usable.length === 1 ? primaryLike(displays) : undefined);
        return display ? [displayFrame(display, source.thumbnail)] : [];
      });
    },
  };
}

function primaryLike(displays: Display[]): Display | undefined {
  return displays.find((d) => d.bounds.x === 0 && d.bounds.y === 0) ?? displays[0];
}

function displayFrame(display: Display, image: NativeImage): DisplayFrame {
  const { width, height } = image.getSize();
  // toBitmap() is BGRA on every platform Electron ships (Skia's N32 on little-endian CPUs).
  const data = image.toBitmap();
  return {
    displayId: String(display.id),
    bounds: { ...display.bounds },
    scaleFactor: width / display.bounds.width,
    frame: { data, width, height, stride: data.length / height, format: 'bgra' },
  };
}

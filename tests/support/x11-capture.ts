// A real, non-Electron ScreenCapture adapter for Linux X11, for tests under Xvfb: the root window
// read with XGetImage (libX11 through koffi, which the X11 typing adapters already use, so no
// extra package such as x11-apps' xwd is needed). One X screen is one display at scale 1.
import koffi from 'koffi';
import type { DisplayFrame, ScreenCapture } from '../../main/app/ports/capture';
import { CaptureError } from '../../main/app/ports/capture';
import type { PixelFormat } from '../../main/qr';

const Z_PIXMAP = 2;
const ALL_PLANES = 0xffffffffffffffffn;

interface XImage {
  width: number;
  height: number;
  data: unknown;
  byte_order: number;
  bytes_per_line: number;
  bits_per_pixel: number;
  red_mask: number | bigint;
  blue_mask: number | bigint;
}

let bound: ReturnType<typeof bind> | undefined;

function bind() {
  const x11 = koffi.load('libX11.so.6');
  // The leading fields of Xlib's XImage (Xlib.h); only these are read.
  const XImageStruct = koffi.struct('TrayOtpTestXImage', {
    width: 'int',
    height: 'int',
    xoffset: 'int',
    format: 'int',
    data: 'void *',
    byte_order: 'int',
    bitmap_unit: 'int',
    bitmap_bit_order: 'int',
    bitmap_pad: 'int',
    depth: 'int',
    bytes_per_line: 'int',
    bits_per_pixel: 'int',
    red_mask: 'unsigned long',
    green_mask: 'unsigned long',
    blue_mask: 'unsigned long',
  });
  return {
    XImageStruct,
    XOpenDisplay: x11.func('void *XOpenDisplay(const char *name)'),
    XCloseDisplay: x11.func('int XCloseDisplay(void *display)'),
    XDefaultScreen: x11.func('int XDefaultScreen(void *display)'),
    XDisplayWidth: x11.func('int XDisplayWidth(void *display, int screen)'),
    XDisplayHeight: x11.func('int XDisplayHeight(void *display, int screen)'),
    XRootWindow: x11.func('unsigned long XRootWindow(void *display, int screen)'),
    XGetImage: x11.func(
      'void *XGetImage(void *display, unsigned long drawable, int x, int y, unsigned int width, unsigned int height, unsigned long plane_mask, int format)',
    ),
    XFree: x11.func('int XFree(void *data)'),
  };
}

/** Throws when libX11 cannot be loaded (callers turn that into a skip reason). */
export function loadX11Capture(): void {
  bound ??= bind();
}

/** Why the X11 capture tests cannot run here, or undefined when they can. */
export function x11CaptureSkipReason(): string | undefined {
  if (process.platform !== 'linux') return 'X11 tests run on Linux only';
  try {
    loadX11Capture();
  } catch (error) {
    return `libX11 cannot be loaded through koffi: ${(error as Error).message}`;
  }
  return undefined;
}

/** Captures the X screen of `display` (e.g. ":99"). */
export function createX11ScreenCapture(display: string): ScreenCapture {
  return {
    async captureDisplays(): Promise<DisplayFrame[]> {
      loadX11Capture();
      const x = bound!;
      const handle = x.XOpenDisplay(display);
      if (!handle) throw new CaptureError('unavailable', `Cannot open the X display ${display}.`);
      try {
        const screen = x.XDefaultScreen(handle) as number;
        const width = x.XDisplayWidth(handle, screen) as number;
        const height = x.XDisplayHeight(handle, screen) as number;
        const root = x.XRootWindow(handle, screen);
        const pointer = x.XGetImage(handle, root, 0, 0, width, height, ALL_PLANES, Z_PIXMAP);
        if (!pointer) throw new CaptureError('unavailable', `XGetImage failed on ${display}.`);
        try {
          const image = koffi.decode(pointer, x.XImageStruct) as XImage;
          if (image.bits_per_pixel !== 32 || image.byte_order !== 0) {
            throw new CaptureError(
              'unavailable',
              `The X screen uses ${image.bits_per_pixel} bits a pixel (byte order ${image.byte_order}); this test adapter reads 32-bit little-endian screens only.`,
            );
          }
          // Little-endian 32-bit pixels with red in bits 16–23 are B,G,R,X in memory.
          const format: PixelFormat = Number(image.red_mask) === 0xff0000 ? 'bgra' : 'rgba';
          const size = image.bytes_per_line * image.height;
          const data = new Uint8Array(koffi.view(image.data, size).slice(0));
          return [
            {
              displayId: display,
              bounds: { x: 0, y: 0, width: image.width, height: image.height },
              scaleFactor: 1,
              frame: {
                data,
                width: image.width,
                height: image.height,
                stride: image.bytes_per_line,
                format,
              },
            },
          ];
        } finally {
          // XDestroyImage is a macro over the image's own destroy hook; for a ZPixmap from
          // XGetImage it frees the pixels and the struct, as these two calls do.
          x.XFree((koffi.decode(pointer, x.XImageStruct) as XImage).data);
          x.XFree(pointer);
        }
      } finally {
        x.XCloseDisplay(handle);
      }
    },
  };
}

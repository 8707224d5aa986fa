// Screen capture, as the use cases see it: every display as one frame at its physical
// resolution, with the display's bounds (DIP, the coordinates Electron's screen module and the
// region selector use) and how many frame pixels a DIP spans there.
import type { Frame, Rect } from '../../qr';

export interface DisplayFrame {
  /** The display's id (Electron `Display.id`), as a string. */
  displayId: string;
  /** Where the display is on the desktop, in DIP. */
  bounds: Rect;
  /** Frame pixels per DIP on this display (its scale factor, as captured). */
  scaleFactor: number;
  frame: Frame;
}

export interface ScreenCapture {
  /**
   * Every display. Throws CaptureError when nothing can be captured (permission missing, the
   * Wayland screen-share dialog cancelled); a display that could not be captured is left out.
   */
  captureDisplays(): Promise<DisplayFrame[]>;
}

export type CaptureErrorCode = 'permission-denied' | 'nothing-shared' | 'unavailable';

/** Why nothing was captured, as a sentence that says what to do. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A rectangle in desktop DIP (the region selector's box) as a rectangle of the display's frame
 * pixels, for `scanFrame(frame, { region })`: the box is decoded at full resolution.
 */
export function toFramePixels(display: DisplayFrame, box: Rect): Rect {
  const s = display.scaleFactor;
  return {
    x: Math.floor((box.x - display.bounds.x) * s),
    y: Math.floor((box.y - display.bounds.y) * s),
    width: Math.ceil(box.width * s),
    height: Math.ceil(box.height * s),
  };
}

/** A point of a frame (a found code's corner) in desktop DIP, to draw it on the overlay. */
export function toDesktopPoint(display: DisplayFrame, [x, y]: [number, number]): [number, number] {
  return [display.bounds.x + x / display.scaleFactor, display.bounds.y + y / display.scaleFactor];
}

// The region selector: one overlay per display showing its frozen screenshot; the person drags
// a box around the QR code or presses Esc.
import type { Rect } from '../../qr';
import type { DisplayFrame } from './capture';

export interface RegionChoice {
  displayId: string;
  /** The box in DIP, relative to the display's top-left corner. */
  box: Rect;
}

export interface RegionSelector {
  /** Shows the overlays; resolves with the box, or undefined when the person cancels. */
  select(displays: DisplayFrame[]): Promise<RegionChoice | undefined>;
}

// QR codes on the screen, in a region the person drags, in an image or on the clipboard, as
// the texts they hold. The adapter captures (desktopCapturer) and decodes in the QR worker.
export interface Scanner {
  /** Every QR text on every display. */
  scanScreen(): Promise<string[]>;
  /** The region selector: undefined when the person cancels it. */
  scanRegion(): Promise<string[] | undefined>;
  scanImage(bytes: Uint8Array): Promise<string[]>;
  /** The image on the clipboard, if there is one. */
  scanClipboardImage(): Promise<string[] | undefined>;
}

// QR codes on the screen, in a region the person drags, in an image or on the clipboard, as
// the texts they hold. The adapter captures (desktopCapturer) and decodes in the QR worker.
export interface Scanner {
  /**
   * Every QR text on every display. `onProgress` hears the share of the displays decoded;
   * `onFound` the first display's keys, before the others end.
   */
  scanScreen(options?: {
    onProgress?: (fraction: number) => void;
    onFound?: (keys: string[]) => void;
  }): Promise<string[]>;
  /** The region selector: undefined when the person cancels it. */
  scanRegion(): Promise<string[] | undefined>;
  scanImage(bytes: Uint8Array): Promise<string[]>;
  /** The image on the clipboard, if there is one. */
  scanClipboardImage(): Promise<string[] | undefined>;
}

// The system clipboard, as the use cases see it. Asynchronous because Electron's clipboard is
// (readText/writeText return promises since Electron 44), and so are the OS clipboards behind it.
export interface Clipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  /** Empties the clipboard (not the Linux PRIMARY selection, which TrayOTP never writes). */
  clear(): Promise<void>;
}

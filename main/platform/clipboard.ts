// Clipboard port on Electron's clipboard (asynchronous since Electron 44: readText/writeText
// return promises; clear() is still synchronous). The Electron module is passed in, so this file
// only needs Electron's types and its wiring is tested with a fake.
//
// What Electron cannot do (see docs/security.md): mark the copied code as concealed/transient
// so clipboard managers and clipboard history skip it.
// - Windows: the formats ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory=0
//   and CanUploadToCloudClipboard=0 keep text out of Win+V history and cloud sync.
// - macOS: org.nspasteboard.ConcealedType / TransientType (nspasteboard.org) tell managers to
//   ignore or not store the entry.
// - KDE Klipper: x-kde-passwordManagerHint=secret.
// Electron's clipboard writes text/plain, and custom MIME types it writes go into Chromium's own
// "web custom data" wrapper, not as raw OS formats. Electron 45's typings mention the raw form
// `electron application/osclipboard;format="…"` only for `has()`; whether `write()` accepts it
// is undocumented and cannot be tried here (no Electron binary), so we do not rely on it. The
// short clear timer of ClipboardGuard is the mitigation we have, except on Windows, where
// win32/clipboard.ts writes the code through Win32 with the markers and falls back to this adapter.
import type { Clipboard as ElectronClipboard } from 'electron';
import type { Clipboard } from '../app/ports/clipboard';

export type ElectronClipboardModule = Pick<ElectronClipboard, 'writeText' | 'readText' | 'clear'>;

export function createElectronClipboard(clipboard: ElectronClipboardModule): Clipboard {
  return {
    writeText: (text) => clipboard.writeText(text),
    readText: () => clipboard.readText(),
    clear: async () => clipboard.clear(),
  };
}

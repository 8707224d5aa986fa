// Which IPC senders are ours: a frame of one of our windows, showing our own page. Anything
// else (a navigated-away frame, a subframe from elsewhere, another webContents) is refused.
export interface SenderInfo {
  /** webContents id of the sender. */
  webContentsId: number;
  /** URL of the frame that sent the message (senderFrame.url), or undefined if it is gone. */
  frameUrl: string | undefined;
  /** Whether that frame is the main frame of its webContents. */
  isMainFrame: boolean;
}

export interface SenderPolicy {
  /** webContents ids of our windows (tray window, region overlays). */
  windowIds: () => Iterable<number>;
  /** URL prefixes our pages are served from: the dev server, or the packaged files. */
  origins: readonly string[];
}

export function isTrustedSender(sender: SenderInfo, policy: SenderPolicy): boolean {
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  if (![...policy.windowIds()].includes(sender.webContentsId)) return false;
  return policy.origins.some((origin) => sender.frameUrl!.startsWith(origin));
}

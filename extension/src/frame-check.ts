/// <reference types="chrome" />
// The content script's part in checking the pages around a frame (frame-chain.ts explains the
// whole): a frame posts the background's nonce to its parent window; a parent finds the frame
// element whose window sent it and reports whether that element is fully visible and uncovered
// in its own document, with the sender's origin as the browser stamped it on the event.
import { whyNotFillable } from './fill';
import type { FrameChecked, ToBackground } from './messages';
import { deepQueryAll } from './shadow';

const MESSAGE_KEY = 'trayotpFrameCheck';
const seen = new Set<string>();

function frameElementOf(source: MessageEventSource | null): HTMLElement | undefined {
  if (!source) return undefined;
  return deepQueryAll<HTMLIFrameElement | HTMLFrameElement>(document, 'iframe, frame').find(
    (frame) => frame.contentWindow === source,
  );
}

/** Listens for child frames' nonces; `own` are the extension's elements in this page. */
export function answerChildFrames(
  send: (message: ToBackground) => void,
  own: () => Element[],
): void {
  window.addEventListener(
    'message',
    (event) => {
      const data = event.data as Record<string, unknown> | null;
      if (typeof data !== 'object' || data === null) return;
      const nonce = data[MESSAGE_KEY];
      if (typeof nonce !== 'string' || !/^[0-9a-f]{32}$/.test(nonce) || seen.has(nonce)) return;
      // Only the first message with a nonce counts; a replay is ignored.
      seen.add(nonce);
      if (seen.size > 256) seen.delete(seen.values().next().value!);
      const frame = frameElementOf(event.source);
      const report: FrameChecked = {
        type: 'frame-checked',
        nonce,
        childOrigin: event.origin,
        uncovered: frame !== undefined && whyNotFillable(frame, own()) === null,
        top: window === window.top,
      };
      send(report);
    },
    true,
  );
}

/** This frame's part: hands the background's nonce to the parent window. */
export function postToParent(nonce: string): void {
  if (window === window.top) return;
  window.parent.postMessage({ [MESSAGE_KEY]: nonce }, '*');
}

/// <reference types="chrome" />
// Whether the pages around a frame lay anything over it (issue 23, R7). A frame cannot see its
// parent page, and a layer there (even a clear one that lets clicks through) can make a person
// type into, or fill, a field they do not see. So before a frame gets a code, each page around
// it checks, in its own document, that the frame's element is fully visible and uncovered
// (frame-check.ts), up to the tab's top page.
//
// Which element is the frame: the frame's content script posts a one-time nonce to its parent
// window; the parent's content script finds the <iframe> whose window sent it and reports, with
// the sender's origin as the browser gives it (event.origin), back here. A report counts only
// for a nonce this background issued, from the same tab, naming the frame's own origin: a page
// that swallows the message gets a refusal (nothing comes), and it cannot replay the nonce from
// a frame of its own (wrong origin).
import type { FrameChecked, ToContent } from './messages';

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

interface Report {
  tabId: number;
  frameId: number;
  origin: string;
  childOrigin: string;
  uncovered: boolean;
  top: boolean;
}

const pending = new Map<string, (report: Report) => void>();
/** Frames nest a few levels at most on real sites; deeper chains are refused. */
const MAX_DEPTH = 8;
const REPORT_TIMEOUT_MS = 1500;

/** A parent page's content script answered (runtime.onMessage). */
export function frameChecked(message: FrameChecked, sender: chrome.runtime.MessageSender): void {
  const resolve = pending.get(message.nonce);
  if (!resolve || sender.tab?.id === undefined || sender.frameId === undefined) return;
  pending.delete(message.nonce);
  resolve({
    tabId: sender.tab.id,
    frameId: sender.frameId,
    origin:
      (sender as { origin?: string }).origin ?? (sender.url ? new URL(sender.url).origin : ''),
    childOrigin: message.childOrigin,
    uncovered: message.uncovered === true,
    top: message.top === true,
  });
}

function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when every page around frame `frameId` (origin `origin`) shows it uncovered. */
export async function framesUncovered(
  tabId: number,
  frameId: number,
  origin: string,
): Promise<boolean> {
  let child = { frameId, origin };
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const id = nonce();
    const report = new Promise<Report | undefined>((resolve) => {
      pending.set(id, resolve);
      setTimeout(() => resolve(undefined), REPORT_TIMEOUT_MS);
    });
    const ask: ToContent = { type: 'post-to-parent', nonce: id };
    void api.tabs.sendMessage(tabId, ask, { frameId: child.frameId }).catch(() => undefined);
    const got = await report;
    pending.delete(id);
    if (!got || got.tabId !== tabId || got.childOrigin !== child.origin || !got.uncovered) {
      return false;
    }
    if (got.top) return got.frameId === 0;
    child = { frameId: got.frameId, origin: got.origin };
  }
  return false;
}

/// <reference types="chrome" />
// The background (a service worker in Chromium, an event page in Firefox). It alone talks to
// TrayOTP (app-link.ts, which connects as soon as the browser starts), and it alone decides
// which page a request is for: the tab's and frame's URLs and the frame's origin as the browser
// reports them in `sender`, never a claim in the message. Codes and enrolments go only to
// https: (or loopback) pages and frames (secure-page.ts), and a frame gets a code only when the
// pages around it do not cover it (frame-chain.ts).
import type { AppResponse } from '../../main/browser/protocol';
import { AppLink, connectOnStart } from './app-link';
import { frameChecked, framesUncovered } from './frame-chain';
import type { FillReply, FocusedReply, ToBackground, ToContent } from './messages';
import { SessionFailure } from './native-session';
import { isSecurePage, NOT_SECURE_MESSAGE } from './secure-page';

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

function status(tabId: number | undefined, text: string, badge = '') {
  // Without a tab (a connection the browser's start made), the extension's default title.
  const tab = tabId === undefined ? {} : { tabId };
  void api.action.setTitle({ ...tab, title: `TrayOTP: ${text}` }).catch(() => undefined);
  void api.action.setBadgeText({ ...tab, text: badge }).catch(() => undefined);
}

const link = new AppLink({
  pairing: (code, tabId, frameId) => {
    const text = (shown: string) =>
      `connect this browser: approve it in TrayOTP's window, which shows the code ${shown}.`;
    status(tabId, text(code), '…');
    if (tabId !== undefined) {
      // In the page, a no-break space keeps the code on one line.
      const message: ToContent = { type: 'status', text: text(code.replace(' ', '\u00a0')) };
      void api.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
    }
  },
  waiting: (text, tabId, frameId) => {
    status(tabId, text, '…');
    if (tabId !== undefined) {
      const message: ToContent = { type: 'status', text };
      void api.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
    }
  },
  fillFocused: () => fillFocusedTab(),
});

function toReply(response: AppResponse): FillReply {
  if (!response.ok) {
    return response.domain === undefined
      ? { ok: false, code: response.code, message: response.message }
      : { ok: false, code: response.code, message: response.message, domain: response.domain };
  }
  if ('opened' in response) return { ok: true, domain: '', codes: [] };
  return {
    ok: true,
    domain: response.domain,
    codes: response.codes.map(({ label, code }) => ({ label, code })),
    ...(response.added ? { added: response.added } : {}),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

async function handle(
  message: ToBackground,
  sender: chrome.runtime.MessageSender,
): Promise<FillReply> {
  if (sender.id !== api.runtime.id || !sender.tab?.id || !sender.url) {
    return { ok: false, code: 'refused', message: 'That request did not come from a page.' };
  }
  const tabId = sender.tab.id;
  const frameId = sender.frameId ?? 0;
  // The tab's URL as the browser knows it; for the top frame that is the frame's own URL.
  const top = frameId === 0 ? sender.url : sender.tab.url;
  if (!top) return { ok: false, code: 'refused', message: 'The page’s address is not known.' };
  const frameOrigin =
    message.type === 'fill' && message.sandboxed
      ? 'null'
      : ((sender as { origin?: string }).origin ?? new URL(sender.url).origin);
  // A frame's request names the tab's page it sits in, so the person can be told.
  const inside = frameId === 0 ? undefined : hostOf(top);
  if (!(isSecurePage(sender.url) && isSecurePage(top))) {
    const reply: FillReply = { ok: false, code: 'not-secure', message: NOT_SECURE_MESSAGE };
    status(tabId, reply.message, '!');
    return reply;
  }
  try {
    let reply: FillReply;
    switch (message.type) {
      case 'fill':
        if (frameId !== 0 && !(await framesUncovered(tabId, frameId, frameOrigin))) {
          reply = {
            ok: false,
            code: 'covered',
            message: 'did not fill: something on the page covers this frame.',
          };
          break;
        }
        reply = toReply(
          await link.ask({ op: 'code', top, frame: sender.url, frameOrigin }, tabId, frameId),
        );
        if (!reply.ok && inside) reply.inside = inside;
        break;
      case 'open':
        // Bind the site the person is looking at in this frame: its own address, never the
        // page around it (which could be anyone's that frames a widget).
        reply = toReply(
          await link.ask(
            { op: 'open', top: sender.url, ...(frameId === 0 ? {} : { inside: top }) },
            tabId,
            frameId,
          ),
        );
        break;
      case 'enrol':
        // The account is bound to the site showing the picture: the frame's own address.
        if (frameOrigin === 'null') {
          return {
            ok: false,
            code: 'sandboxed',
            message: 'TrayOTP does not add codes from sandboxed frames.',
          };
        }
        reply = toReply(
          await link.ask({ op: 'enrol', top: sender.url, image: message.image }, tabId, frameId),
        );
        break;
      default:
        return { ok: false, code: 'refused', message: 'Unknown request.' };
    }
    if (reply.ok) {
      status(
        tabId,
        reply.added
          ? `added ${reply.added}.`
          : reply.codes.length
            ? `filled for ${reply.domain}.`
            : 'opened TrayOTP.',
        '',
      );
    } else {
      status(
        tabId,
        reply.code === 'not-bound'
          ? `this site is not bound to any account (${reply.domain ?? hostOf(sender.url)}); nothing was filled.`
          : reply.message,
        '!',
      );
    }
    return reply;
  } catch (error) {
    const failure =
      error instanceof SessionFailure
        ? error
        : new SessionFailure('failed', error instanceof Error ? error.message : 'It failed.');
    status(tabId, failure.message, '!');
    return { ok: false, code: failure.code, message: failure.message };
  }
}

/** The extension's shortcut, or TrayOTP's hotkey: fill the focused field of the focused tab. */
async function fillFocusedTab(): Promise<FocusedReply> {
  const window = await api.windows.getLastFocused();
  if (!window.focused) return { outcome: 'not-focused' };
  const [tab] = await api.tabs.query({ active: true, windowId: window.id });
  if (tab?.id === undefined) return { outcome: 'no-field' };
  try {
    // Every frame hears it; only the one whose document holds the focus answers.
    const reply = (await api.tabs.sendMessage(tab.id, {
      type: 'fill-focused',
    } satisfies ToContent)) as FocusedReply | undefined;
    return reply ?? { outcome: 'no-field' };
  } catch {
    return { outcome: 'no-field' };
  }
}

api.runtime.onMessage.addListener((message: ToBackground, sender, respond) => {
  if (message.type === 'frame-checked') {
    if (sender.id === api.runtime.id) frameChecked(message, sender);
    return false;
  }
  void handle(message, sender).then(respond);
  return true;
});

api.commands.onCommand.addListener((command) => {
  if (command === 'fill-code') void fillFocusedTab();
});

connectOnStart(link);

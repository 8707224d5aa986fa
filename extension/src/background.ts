/// <reference types="chrome" />
// The background (a service worker in Chromium, an event page in Firefox). It alone talks to
// TrayOTP, and it alone decides which page a request is for: the tab's and frame's URLs and the
// frame's origin as the browser reports them in `sender`, never a claim in the message.
import type { AppResponse } from '../../main/browser/protocol';
import type { FillReply, FocusedReply, ToBackground, ToContent } from './messages';
import { NativeSession, SessionFailure } from './native-session';

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

let session: NativeSession | undefined;
/** The tab and frame that made the current connection: they are told the pairing code. */
let connectingTab: number | undefined;
let connectingFrame = 0;

function status(tabId: number | undefined, text: string, badge = '') {
  if (tabId === undefined) return;
  void api.action.setTitle({ tabId, title: `TrayOTP: ${text}` }).catch(() => undefined);
  void api.action.setBadgeText({ tabId, text: badge }).catch(() => undefined);
}

async function current(): Promise<NativeSession> {
  if (session && !session.closed) return session;
  session = await NativeSession.open({
    pairing: (code) => {
      const text = (shown: string) =>
        `connect this browser: approve it in TrayOTP's window, which shows the code ${shown}.`;
      status(connectingTab, text(code), '…');
      if (connectingTab !== undefined) {
        // In the page, a no-break space keeps the code on one line.
        const message: ToContent = { type: 'status', text: text(code.replace(' ', '\u00a0')) };
        void api.tabs
          .sendMessage(connectingTab, message, { frameId: connectingFrame })
          .catch(() => undefined);
      }
    },
    appRequest: fillFocusedTab,
  });
  return session;
}

type Request = Parameters<NativeSession['request']>[0];

/** A request to the app; a connection lost mid-request (the host killed) is retried once. */
async function ask(body: Request, tabId: number | undefined, frameId = 0): Promise<AppResponse> {
  for (let attempt = 0; ; attempt++) {
    connectingTab = tabId;
    connectingFrame = frameId;
    const s = await current();
    try {
      return await s.request(body);
    } catch (error) {
      if (error instanceof SessionFailure && error.code === 'disconnected' && attempt === 0)
        continue;
      throw error;
    }
  }
}

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

async function handle(
  message: ToBackground,
  sender: chrome.runtime.MessageSender,
): Promise<FillReply> {
  if (sender.id !== api.runtime.id || !sender.tab?.id || !sender.url) {
    return { ok: false, code: 'refused', message: 'That request did not come from a page.' };
  }
  const tabId = sender.tab.id;
  // The tab's URL as the browser knows it; for the top frame that is the frame's own URL.
  const top = sender.frameId === 0 ? sender.url : sender.tab.url;
  if (!top) return { ok: false, code: 'refused', message: 'The page’s address is not known.' };
  const frameOrigin =
    message.type === 'fill' && message.sandboxed
      ? 'null'
      : ((sender as { origin?: string }).origin ?? new URL(sender.url).origin);
  try {
    let reply: FillReply;
    switch (message.type) {
      case 'fill':
        reply = toReply(
          await ask({ op: 'code', top, frame: sender.url, frameOrigin }, tabId, sender.frameId),
        );
        break;
      case 'open':
        reply = toReply(await ask({ op: 'open', top }, tabId, sender.frameId));
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
          await ask({ op: 'enrol', top: sender.url, image: message.image }, tabId, sender.frameId),
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
          ? `not bound — no account is bound to ${reply.domain}. Open TrayOTP to choose.`
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
    const reply = (await api.tabs.sendMessage(tab.id, {
      type: 'fill-focused',
    } satisfies ToContent)) as FocusedReply | undefined;
    return reply ?? { outcome: 'no-field' };
  } catch {
    return { outcome: 'no-field' };
  }
}

api.runtime.onMessage.addListener((message: ToBackground, sender, respond) => {
  void handle(message, sender).then(respond);
  return true;
});

api.commands.onCommand.addListener((command) => {
  if (command === 'fill-code') void fillFocusedTab();
});

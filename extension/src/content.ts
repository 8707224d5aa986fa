/// <reference types="chrome" />
// The content script, in every frame of http(s) pages: finds code fields and setup QR codes,
// puts a small TrayOTP button in each, and fills a field only after a real click on that button
// (or the extension's shortcut, or TrayOTP's hotkey, which the background passes on). Its UI sits
// in closed shadow roots: the page sees that a button is there, never what it says or which
// accounts TrayOTP offers. Codes come from the background, which asked the app for the origin
// the browser reports for this frame.
import { fieldInputs, findCodeFields } from './field-detect';
import type { CodeField } from './field-detect';
import { browserSaysVisible, fillField, whyFieldNotFillable } from './fill';
import type { FillReply, FocusedReply, ToBackground, ToContent } from './messages';
import { qrCandidates, qrImageBytes } from './qr-capture';
import type { QrElement } from './qr-capture';

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

/** A sandboxed frame has an opaque origin: no buttons, no fills. */
const sandboxed = (() => {
  try {
    return window.origin === 'null' || document.domain === '';
  } catch {
    return true;
  }
})();

const hosts = new Set<Element>();
const fieldButtons = new Map<HTMLInputElement, { host: HTMLElement; field: CodeField }>();
const qrButtons = new Map<QrElement, HTMLElement>();

function send(message: ToBackground): Promise<FillReply> {
  return api.runtime.sendMessage(message) as Promise<FillReply>;
}

const STYLE = `
  :host { all: initial; }
  button { all: initial; box-sizing: border-box; cursor: pointer; font: 12px/1 system-ui, sans-serif;
    background: #1f6feb; color: #fff; border-radius: 4px; padding: 3px 6px; display: inline-block; }
  .box { font: 13px/1.4 system-ui, sans-serif; background: #fff; color: #111; border: 1px solid #888;
    border-radius: 6px; padding: 8px 10px; box-shadow: 0 2px 8px #0004; max-width: 320px; }
  .box button { margin: 6px 6px 0 0; }
`;

function makeHost(tag: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  host.style.cssText =
    'position:fixed;z-index:2147483647;margin:0;padding:0;border:0;display:block;';
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  root.append(style);
  document.documentElement.append(host);
  hosts.add(host);
  return { host, root };
}

let toast: { host: HTMLElement; root: ShadowRoot; timer?: number } | undefined;

/** Shows a short message near `anchor` (or the top right), with optional actions. */
function say(text: string, anchor?: Element, actions: { label: string; run: () => void }[] = []) {
  if (!toast) toast = makeHost('trayotp-message');
  const { host, root } = toast;
  root.querySelector('.box')?.remove();
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'status');
  const line = document.createElement('div');
  line.textContent = `TrayOTP: ${text}`;
  box.append(line);
  for (const action of actions) {
    const button = document.createElement('button');
    button.textContent = action.label;
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      box.remove();
      action.run();
    });
    box.append(button);
  }
  root.append(box);
  const rect = anchor?.getBoundingClientRect();
  host.style.top = `${Math.max(4, rect ? rect.bottom + 6 : 8)}px`;
  host.style.left = `${Math.max(4, rect ? rect.left : window.innerWidth - 340)}px`;
  window.clearTimeout(toast.timer);
  toast.timer = window.setTimeout(() => box.remove(), actions.length ? 30_000 : 10_000);
}

/** Takes a message away (a fill went through: the pairing code is no longer news). */
function quiet() {
  toast?.root.querySelector('.box')?.remove();
}

async function fillFrom(
  field: CodeField,
  anchor: Element,
  clicked?: HTMLElement,
): Promise<FocusedReply> {
  lastAnchor = anchor;
  const own = [...hosts];
  const before = whyFieldNotFillable(field, own);
  if (before) {
    say(`did not fill: the field is ${before}.`, anchor);
    return { outcome: 'refused' };
  }
  // In a frame, the parent page may lay something over us that we cannot see: where the browser
  // can tell, the button that was clicked must be fully visible.
  if (clicked && window !== window.top && (await browserSaysVisible(clicked)) === false) {
    say('did not fill: something on the page covers this frame.', anchor);
    return { outcome: 'refused' };
  }
  let reply: FillReply;
  try {
    reply = await send({ type: 'fill', sandboxed });
  } catch {
    say('the extension could not reach TrayOTP.', anchor);
    return { outcome: 'refused' };
  }
  if (!reply.ok) {
    if (reply.code === 'not-bound') {
      say(
        `not bound — no account is bound to ${reply.domain ?? 'this site'}. Open TrayOTP to choose.`,
        anchor,
        [{ label: 'Open TrayOTP', run: () => void send({ type: 'open' }) }],
      );
      return { outcome: 'not-bound', ...(reply.domain ? { domain: reply.domain } : {}) };
    }
    say(reply.message, anchor);
    return { outcome: reply.code === 'locked' ? 'locked' : 'refused' };
  }
  const put = (code: string) => {
    // The page may have moved something over the field while we waited.
    const why = whyFieldNotFillable(field, [...hosts]);
    if (why) {
      say(`did not fill: the field is ${why}.`, anchor);
      return false;
    }
    fillField(field, code);
    quiet();
    return true;
  };
  if (reply.codes.length === 1) {
    return put(reply.codes[0]!.code)
      ? { outcome: 'filled', domain: reply.domain }
      : { outcome: 'refused' };
  }
  say(
    'which account?',
    anchor,
    reply.codes.map(({ label, code }) => ({ label, run: () => void put(code) })),
  );
  return { outcome: 'filled', domain: reply.domain };
}

function placeButton(host: HTMLElement, target: Element, where: 'inside-right' | 'below') {
  const rect = target.getBoundingClientRect();
  const visible = rect.width > 0 && rect.height > 0;
  host.style.display = visible ? 'block' : 'none';
  if (where === 'inside-right') {
    host.style.top = `${rect.top + Math.max(0, (rect.height - 20) / 2)}px`;
    host.style.left = `${rect.right - 26}px`;
  } else {
    host.style.top = `${rect.bottom + 4}px`;
    host.style.left = `${rect.left}px`;
  }
}

function keyIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '12');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M5 3a4 4 0 1 0 3.9 5H10v2h2V8h1v3h2V6H8.9A4 4 0 0 0 5 3zm0 2.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z',
  );
  svg.append(path);
  return svg;
}

/** Where the last gesture was: messages that come later (the pairing code) appear there. */
let lastAnchor: Element | undefined;

function addFieldButton(field: CodeField) {
  const inputs = fieldInputs(field);
  const last = inputs[inputs.length - 1]!;
  const { host, root } = makeHost('trayotp-fill');
  host.title = 'Fill the code from TrayOTP';
  const button = document.createElement('button');
  // A drawn key, not an emoji: it looks the same whatever fonts the system has.
  button.append(keyIcon());
  button.setAttribute('aria-label', 'Fill the code from TrayOTP');
  root.append(button);
  button.addEventListener('click', (event) => {
    // Only a real click: a page can dispatch events at our host, never trusted ones.
    if (!event.isTrusted) return;
    // Our own button must be what was clicked, not something laid over it.
    const rect = host.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    if (hit !== host) return;
    void fillFrom(field, last, host);
  });
  fieldButtons.set(inputs[0]!, { host, field });
  if (field.kind === 'split') placeButton(host, last, 'inside-right');
  else placeButton(host, field.input, 'inside-right');
}

function addQrButton(picture: QrElement) {
  const { host, root } = makeHost('trayotp-add');
  const button = document.createElement('button');
  button.textContent = 'Add to TrayOTP';
  root.append(button);
  button.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    lastAnchor = picture;
    void (async () => {
      let image: string;
      try {
        const bytes = await qrImageBytes(picture);
        image = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
      } catch (error) {
        say(error instanceof Error ? error.message : 'the picture could not be read.', picture);
        return;
      }
      const reply = await send({ type: 'enrol', image }).catch(() => undefined);
      if (!reply) return say('the extension could not reach TrayOTP.', picture);
      if (!reply.ok) return say(reply.message, picture);
      const field = findCodeFields(document)[0];
      if (field && reply.codes[0] && !whyFieldNotFillable(field, [...hosts])) {
        fillField(field, reply.codes[0].code);
        say(`added ${reply.added ?? 'the account'} and filled its code.`, picture);
      } else {
        say(`added ${reply.added ?? 'the account'}.`, picture);
      }
    })();
  });
  qrButtons.set(picture, host);
  placeButton(host, picture, 'below');
}

const ENROL_WORDS = /authenticator|qr|two-?factor|two-?step|2fa|mfa|otp|scan/i;

function scan() {
  if (sandboxed) return;
  for (const field of findCodeFields(document)) {
    const key = fieldInputs(field)[0]!;
    if (!fieldButtons.has(key)) addFieldButton(field);
  }
  const text = (document.body?.innerText ?? '').slice(0, 20_000);
  if (ENROL_WORDS.test(text)) {
    for (const picture of qrCandidates(document)) {
      if (!qrButtons.has(picture) && !hosts.has(picture)) addQrButton(picture);
    }
  }
  for (const [input, { host, field }] of fieldButtons) {
    if (!input.isConnected) {
      host.remove();
      hosts.delete(host);
      fieldButtons.delete(input);
      continue;
    }
    const inputs = fieldInputs(field);
    placeButton(host, inputs[inputs.length - 1]!, 'inside-right');
  }
  for (const [picture, host] of qrButtons) {
    if (!picture.isConnected) {
      host.remove();
      hosts.delete(host);
      qrButtons.delete(picture);
    } else placeButton(host, picture, 'below');
  }
}

let queued = false;
function rescan() {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    scan();
  });
}

api.runtime.onMessage.addListener((message: ToContent, _sender, respond) => {
  if (message.type === 'status') {
    if (window === window.top || lastAnchor) say(message.text, lastAnchor);
    return false;
  }
  if (message.type === 'fill-focused') {
    // Only the frame holding the focus answers; the others stay silent.
    if (!document.hasFocus() || sandboxed) return false;
    const fields = findCodeFields(document);
    const active = document.activeElement;
    const field =
      fields.find((f) => fieldInputs(f).some((input) => input === active)) ??
      (fields.length === 1 ? fields[0] : undefined);
    if (!field) {
      respond({ outcome: 'no-field' } satisfies FocusedReply);
      return false;
    }
    const inputs = fieldInputs(field);
    void fillFrom(field, inputs[inputs.length - 1]!).then(respond);
    return true;
  }
  return false;
});

scan();
new MutationObserver((records) => {
  // Our own buttons moving are not a change of the page.
  if (records.some((record) => !hosts.has(record.target as Element))) rescan();
}).observe(document.documentElement, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['style', 'class', 'hidden', 'autocomplete'],
});
addEventListener('scroll', rescan, true);
addEventListener('resize', rescan);

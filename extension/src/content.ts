/// <reference types="chrome" />
// The content script, in every frame of http(s) pages: finds code fields (also inside open
// shadow roots) and setup QR codes, puts a small TrayOTP button in each, and fills a field only
// after a real click on that button (or the extension's shortcut, or TrayOTP's hotkey, which the
// background passes on). Its UI sits in closed shadow roots (ui.ts): the page sees that a button
// is there, never what it says or which accounts TrayOTP offers. Codes come from the background,
// which asked the app for the origin the browser reports for this frame, and only for https:
// (or loopback) pages whose field, and frame, nothing covers.
import { fieldInputs, findCodeFields } from './field-detect';
import type { CodeField } from './field-detect';
import { fillField, whyFieldNotFillable } from './fill';
import { fillFrom as fillFlow } from './fill-flow';
import { answerChildFrames, postToParent } from './frame-check';
import { deepElementFromPoint, withEverythingHittable } from './hit-test';
import type { FillReply, FocusedReply, ToBackground, ToContent } from './messages';
import { qrCandidates, qrImageBytes } from './qr-capture';
import type { QrElement } from './qr-capture';
import { deepActiveElement } from './shadow';
import { hosts, makeHost, say } from './ui';

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

/** A sandboxed frame has an opaque origin: no buttons, no fills. */
const sandboxed = (() => {
  try {
    return window.origin === 'null' || document.domain === '';
  } catch {
    return true;
  }
})();

const fieldButtons = new Map<HTMLInputElement, { host: HTMLElement; field: CodeField }>();
const qrButtons = new Map<QrElement, HTMLElement>();

function send(message: ToBackground): Promise<FillReply> {
  return api.runtime.sendMessage(message) as Promise<FillReply>;
}

function fillFrom(field: CodeField, anchor: Element): Promise<FocusedReply> {
  lastAnchor = anchor;
  return fillFlow(send, field, anchor, sandboxed);
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
    // Our own button must be what was clicked and what is seen: nothing laid over it, not even
    // a layer that lets clicks through.
    const rect = host.getBoundingClientRect();
    const hit = withEverythingHittable(document, () =>
      deepElementFromPoint(document, rect.left + rect.width / 2, rect.top + rect.height / 2),
    );
    if (hit !== host) return;
    void fillFrom(field, last);
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
  if (message.type === 'post-to-parent') {
    postToParent(message.nonce);
    return false;
  }
  if (message.type === 'fill-focused') {
    // Only the frame holding the focus answers; the others stay silent. A page whose focus is
    // in one of its frames has hasFocus() too: that frame answers, not this one.
    if (!document.hasFocus() || sandboxed) return false;
    const active = deepActiveElement(document);
    if (active instanceof HTMLIFrameElement || active instanceof HTMLFrameElement) return false;
    const fields = findCodeFields(document);
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

answerChildFrames(
  (message) => void send(message).catch(() => undefined),
  () => [...hosts],
);
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

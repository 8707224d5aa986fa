// From a gesture to a filled field, in the frame that holds the field: the field must be
// visible and uncovered here (fill.ts), then the background checks the pages around this frame
// and the page's address, and asks TrayOTP for the code bound to this frame's own site. A site no
// account is bound to is told so first (issue 23, R10); binding it is a secondary action, behind
// the same address warning as TrayOTP's own *Bind a site* view.
import type { CodeField } from './field-detect';
import { fillField, whyFieldNotFillable } from './fill';
import type { FillReply, FocusedReply, ToBackground } from './messages';
import { hosts, quiet, say } from './ui';

type Send = (message: ToBackground) => Promise<FillReply>;

/** What the person is told before TrayOTP opens to bind a site (as in *Bind a site*). */
export const ADDRESS_WARNING =
  'Check the browser’s address first: a page that only looks like the site is not it.';

/** For a frame: which site it is, and that it sits inside another. */
function framedLine(inside: string | undefined): string[] {
  return inside ? [`This frame is ${location.hostname}, inside another site: ${inside}.`] : [];
}

function warnBeforeBinding(send: Send, site: string, anchor: Element, inside?: string): void {
  say(
    `bind ${site}?`,
    anchor,
    [
      { label: 'Cancel', run: () => undefined },
      {
        label: 'Open TrayOTP to bind it',
        secondary: true,
        run: () => void send({ type: 'open' }),
      },
    ],
    [
      ADDRESS_WARNING,
      ...(inside ? framedLine(inside) : [`This page’s address: ${location.hostname}.`]),
    ],
  );
}

function notBound(send: Send, reply: FillReply & { ok: false }, anchor: Element): void {
  const site = reply.domain ?? location.hostname;
  say(
    `this site is not bound to any account. Nothing was filled.`,
    anchor,
    [
      {
        label: 'Bind this site…',
        secondary: true,
        run: () => warnBeforeBinding(send, site, anchor, reply.inside),
      },
    ],
    reply.inside ? framedLine(reply.inside) : [`No account in TrayOTP is bound to ${site}.`],
  );
}

/** Fills `field` after a gesture; the reply says what happened, for TrayOTP's hotkey. */
export async function fillFrom(
  send: Send,
  field: CodeField,
  anchor: Element,
  sandboxed: boolean,
): Promise<FocusedReply> {
  const before = whyFieldNotFillable(field, [...hosts]);
  if (before) {
    say(`did not fill: the field is ${before}.`, anchor);
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
      notBound(send, reply, anchor);
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

// The type-code hotkey with a browser connected (issue 16): the browser is asked first and its
// answer is final, except "no browser" and "not focused", which leave the title path as it was.
// Through assembleApp with a real bridge and a stand-in extension answering each outcome.
import { afterEach, describe, expect, it } from 'vitest';
import type { FillOutcome } from '../../../../main/browser/protocol';
import { browserApp } from '../browser/paired-app';

const HOSTCO = 'otpauth://totp/HostCo:alice?secret=JBSWY3DPEHPK3PXP&issuer=HostCo';
/** The look-alike's title names the real site: the title path would pick HostCo. */
const LOOKALIKE_TITLE = 'Log in | HostCo — hostco.com — Chromium';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function world() {
  const w = await browserApp({ title: LOOKALIKE_TITLE });
  close = w.close;
  await w.app.session.create();
  const { account } = await w.app.adding.addUri(HOSTCO);
  await w.app.session.current!.update(account.id, { domains: ['hostco.com'] });
  return { ...w, account };
}

function answers(
  client: { onAppRequest: (id: number) => unknown },
  outcome: FillOutcome,
  domain?: string,
) {
  const asked: number[] = [];
  client.onAppRequest = (id) => {
    asked.push(id);
    return { kind: 'res', id, outcome, ...(domain && { domain }) };
  };
  return asked;
}

describe('the hotkey asks a connected browser first', () => {
  it('without a browser connected, the title path is unchanged (the title names HostCo: typed)', async () => {
    const { app, typer } = await world();
    expect(app.browser!.connected).toBe(0);
    expect(await app.typing.typeCurrentCode()).toBe('typed');
    expect(typer.typed).toHaveLength(1);
  });

  it('filled: the browser filled its field; no keys, no clipboard, no notice', async () => {
    const { app, typer, clipboard, notifier, pairedClient } = await world();
    const asked = answers(await pairedClient(), 'filled', 'hostco.com');
    expect(await app.typing.typeCurrentCode()).toBe('filled');
    expect(asked).toHaveLength(1);
    expect(typer.typed).toEqual([]);
    expect(clipboard.text).toBe('');
    expect(notifier.notices).toEqual([]);
  });

  it('a look-alike whose title names a bound site still gets nothing when the extension says not-bound', async () => {
    const { app, typer, clipboard, notifier, pushed, pairedClient } = await world();
    answers(await pairedClient(), 'not-bound', 'hostco-secure.com');
    expect(await app.typing.typeCurrentCode()).toBe('browser-refused');
    expect(typer.typed).toEqual([]);
    expect(clipboard.text).toBe('');
    expect(notifier.notices).toEqual([
      expect.objectContaining({ title: 'No account for hostco-secure.com' }),
    ]);
    // The offer to bind: TrayOTP's window, where the person chooses (never the page).
    expect(pushed('browserBindSite')).toEqual([
      { domain: 'hostco-secure.com', wholeSite: '*.hostco-secure.com' },
    ]);
    expect(JSON.stringify(notifier.notices)).not.toMatch(/\d{6}/);
  });

  it.each([
    ['locked', /locked/],
    ['no-field', /no field/i],
    ['refused', /did not fill/],
  ] as const)('%s: nothing typed or copied, the person is told why', async (outcome, says) => {
    const { app, typer, clipboard, notifier, pushed, pairedClient } = await world();
    answers(await pairedClient(), outcome);
    expect(await app.typing.typeCurrentCode()).toBe('browser-refused');
    expect(typer.typed).toEqual([]);
    expect(clipboard.text).toBe('');
    expect(notifier.notices).toHaveLength(1);
    expect(`${notifier.notices[0]!.title} ${notifier.notices[0]!.body}`).toMatch(says);
    expect(pushed('browserBindSite')).toEqual([]);
  });

  it('not-focused: another app has the focus, so the title path types as before', async () => {
    const { app, typer, notifier, pairedClient } = await world();
    const asked = answers(await pairedClient(), 'not-focused');
    expect(await app.typing.typeCurrentCode()).toBe('typed');
    expect(asked).toHaveLength(1);
    expect(typer.typed).toHaveLength(1);
    expect(notifier.notices).toEqual([]);
  });

  it('a browser that went away: the title path', async () => {
    const { app, typer, pairedClient } = await world();
    const client = await pairedClient();
    client.close();
    const deadline = Date.now() + 10_000;
    while (app.browser!.connected > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await app.typing.typeCurrentCode()).toBe('typed');
    expect(typer.typed).toHaveLength(1);
  });
});

// The browser bridge as the app runs it (main/app/browser/browser-service.ts), through
// assembleApp and the IPC table, with a real bridge on a temp socket and a stand-in extension.
import { connect } from 'node:net';
import { TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { entryDomains } from '../../../../main/vault';
import { FakeClock } from '../../../fakes/clock';
import { T0 } from '../../../fakes/app';
import { TestClient } from '../../browser/support/client';
import { browserApp, waitFor } from './paired-app';

const SECRET = 'JBSWY3DPEHPK3PXP';
const HOSTCO = `otpauth://totp/HostCo:alice?secret=${SECRET}&issuer=HostCo`;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function world(options: Parameters<typeof browserApp>[0] = {}) {
  const w = await browserApp(options);
  close = w.close;
  return w;
}

const ok = <T>(result: unknown): T => {
  const r = result as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
};

const canConnect = (path: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('pairing in TrayOTP’s window', () => {
  it('shows "Connect <browser>?" with the code the extension shows; Approve pairs it and Settings lists it', async () => {
    const { table, events, pushed, place } = await world();
    expect(ok(await table.invoke('browserStatus', []))).toEqual({
      enabled: true,
      listening: true,
      problem: null,
      connected: 0,
    });
    const client = await TestClient.connect(place.path);
    const hello = client.hello('Chromium 140');
    const prompt = (await waitFor(
      () => events.find((e) => e.event === 'browserPairingPrompt')?.payload,
    )) as { id: string; browser: string; code: string };
    expect(prompt.browser).toBe('Chromium 140');
    expect(prompt.code).toMatch(/^\d{3} \d{3}$/);
    ok(await table.invoke('browserPairingAnswer', [prompt.id, true]));
    expect((await hello).pairingCode).toBe(prompt.code);
    const browsers = ok<{ id: string; browser: string; connected: boolean }[]>(
      await table.invoke('browserList', []),
    );
    expect(browsers).toEqual([
      expect.objectContaining({ id: prompt.id, browser: 'Chromium 140', connected: true }),
    ]);
    expect(ok<{ connected: number }>(await table.invoke('browserStatus', [])).connected).toBe(1);
    expect(pushed('browsersChanged').length).toBeGreaterThan(0);
    client.close();
  });

  it('Refuse: the browser is told no and nothing is paired', async () => {
    const { table, events, place } = await world();
    const client = await TestClient.connect(place.path);
    const hello = client.hello();
    const prompt = (await waitFor(
      () => events.find((e) => e.event === 'browserPairingPrompt')?.payload,
    )) as { id: string };
    ok(await table.invoke('browserPairingAnswer', [prompt.id, false]));
    await expect(hello).rejects.toThrow();
    expect(ok<unknown[]>(await table.invoke('browserList', []))).toEqual([]);
    client.close();
  });

  it('a browser that goes away withdraws its prompt; a late answer is refused with a sentence', async () => {
    const { table, events, pushed, place } = await world();
    const client = await TestClient.connect(place.path);
    void client.hello().catch(() => undefined);
    const prompt = (await waitFor(
      () => events.find((e) => e.event === 'browserPairingPrompt')?.payload,
    )) as { id: string };
    client.close();
    await waitFor(() => pushed('browserPairingWithdrawn')[0]);
    expect(pushed('browserPairingWithdrawn')).toEqual([{ id: prompt.id }]);
    const late = (await table.invoke('browserPairingAnswer', [prompt.id, true])) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(late.ok).toBe(false);
    expect(late.error.code).toBe('pairing-gone');
    expect(ok<unknown[]>(await table.invoke('browserList', []))).toEqual([]);
  });

  it('Revoke disconnects the browser, removes it from the list, and refuses it afterwards', async () => {
    const { table, pairedClient, place, app } = await world();
    const client = await pairedClient();
    const [paired] = ok<{ id: string }[]>(await table.invoke('browserList', []));
    ok(await table.invoke('browserRevoke', [paired!.id]));
    expect(ok<unknown[]>(await table.invoke('browserList', []))).toEqual([]);
    await waitFor(() => (client.closed ? true : undefined));
    expect(app.browser!.connected).toBe(0);
    const again = await TestClient.connect(place.path, client.key);
    await expect(again.hello()).rejects.toThrow();
    again.close();
    const unknown = (await table.invoke('browserRevoke', [paired!.id])) as { ok: boolean };
    expect(unknown.ok).toBe(false);
  });
});

describe('what a paired browser gets', () => {
  it('a bound account’s code; near the period’s end, the next one (the hotkey’s fresh-code rule)', async () => {
    const clock = new FakeClock(T0 - (T0 % 30_000) + 28_500); // 1.5 s left, under 3
    const { app, pairedClient } = await world({ clock });
    await app.session.create();
    const { account } = await app.adding.addUri(HOSTCO);
    // hostco.com and its subdomains, chosen explicitly (a bare host binds that host only).
    await app.session.current!.update(account.id, { domains: ['*.hostco.com'] });
    const client = await pairedClient();
    const asked = client.request({
      op: 'code',
      top: 'https://login.hostco.com/2fa',
      frame: 'https://login.hostco.com/2fa',
      frameOrigin: 'https://login.hostco.com',
    });
    await waitFor(() => (clock.pending().length > 0 ? true : undefined));
    await clock.advance(1_500);
    const response = (await asked) as { ok: boolean; codes: { id: string; code: string }[] };
    const next = new TOTP({ secret: SECRET }).generate({ timestamp: clock.now() });
    expect(response.ok).toBe(true);
    expect(response.codes).toEqual([expect.objectContaining({ id: account.id, code: next })]);
  });

  it('locked: "locked", and accounts never leave while locked', async () => {
    const { app, pairedClient } = await world();
    await app.session.create();
    await app.adding.addUri(HOSTCO);
    await app.session.lock();
    const client = await pairedClient();
    const response = await client.request({
      op: 'code',
      top: 'https://hostco.com/',
      frame: 'https://hostco.com/',
      frameOrigin: 'https://hostco.com',
    });
    expect(response).toMatchObject({ ok: false, code: 'locked' });
  });

  it('"Add to TrayOTP": the page’s QR account is added through Adding, bound to the page’s host', async () => {
    const { app, pairedClient } = await world();
    await app.session.create();
    const client = await pairedClient();
    // The stand-in's image is decoded by the app's own pipeline: a real PNG of the QR code.
    const QRCode = (await import('qrcode')).default;
    const png = await QRCode.toBuffer(HOSTCO, { width: 300 });
    const response = await client.request({
      op: 'enrol',
      top: 'https://panel.hostco.com/security',
      image: png.toString('base64'),
    });
    expect(response).toMatchObject({
      ok: true,
      domain: 'panel.hostco.com',
      added: 'HostCo (alice)',
    });
    const [entry] = app.session.current!.entries;
    expect(entry).toMatchObject({ issuer: 'HostCo', name: 'alice' });
    expect(entryDomains(entry!)).toEqual(['panel.hostco.com']);
    // The same link again: the app's duplicate rule, said as a sentence.
    const again = await client.request({
      op: 'enrol',
      top: 'https://panel.hostco.com/security',
      image: png.toString('base64'),
    });
    expect(again).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already in TrayOTP/),
    });
    expect(app.session.current!.entries).toHaveLength(1);
  });

  it('"Open TrayOTP to choose": the window is shown with the site to bind', async () => {
    const { pairedClient, pushed } = await world();
    const client = await pairedClient();
    const response = await client.request({ op: 'open', top: 'https://www.example.org/login' });
    expect(response).toMatchObject({ ok: true, opened: true });
    // The page's own host, and the whole site as the explicit wider choice (issue 23, R5).
    expect(pushed('browserBindSite')).toEqual([
      { domain: 'www.example.org', wholeSite: '*.example.org' },
    ]);
  });
});

describe('the switch and the socket', () => {
  it('an unsafe socket folder is a problem Settings shows and the log records, never a crash', async () => {
    const { table, app, logged } = await world({ unsafeFolder: true });
    const status = ok<{ listening: boolean; problem: string }>(
      await table.invoke('browserStatus', []),
    );
    expect(status).toMatchObject({ enabled: true, listening: false, connected: 0 });
    expect(status.problem).toMatch(/not a plain folder/);
    expect(logged.some(([message]) => /not a plain folder/.test(message))).toBe(true);
    // The rest of the app runs as before.
    await app.session.create();
    expect(app.session.current).toBeDefined();
  });

  it('the same switch through setSettings (browserIntegration) closes the socket too', async () => {
    const { table, place } = await world();
    ok(await table.invoke('setSettings', [{ browserIntegration: false }]));
    expect(ok(await table.invoke('browserStatus', []))).toMatchObject({
      enabled: false,
      listening: false,
    });
    expect(await canConnect(place.path)).toBe(false);
  });

  it('with the switch off the app starts without listening or writing host files', async () => {
    const files: string[] = [];
    const { table, place } = await world({
      off: true,
      hostFiles: {
        install: async () => (files.push('install'), []),
        remove: async () => void files.push('remove'),
      },
    });
    expect(ok(await table.invoke('browserStatus', []))).toMatchObject({
      enabled: false,
      listening: false,
    });
    expect(await canConnect(place.path)).toBe(false);
    expect(files).toEqual([]);
  });

  it('off: stops listening and removes the host files; on: listens and writes them', async () => {
    const files: string[] = [];
    const { table, place, pairedClient } = await world({
      hostFiles: {
        install: async () => (files.push('install'), ['chromium']),
        remove: async () => void files.push('remove'),
      },
    });
    const client = await pairedClient();
    const off = ok<{ enabled: boolean; listening: boolean }>(
      await table.invoke('browserSetEnabled', [false]),
    );
    expect(off).toMatchObject({ enabled: false, listening: false });
    await waitFor(() => (client.closed ? true : undefined));
    expect(await canConnect(place.path)).toBe(false);
    const on = ok<{ enabled: boolean; listening: boolean }>(
      await table.invoke('browserSetEnabled', [true]),
    );
    expect(on).toMatchObject({ enabled: true, listening: true });
    expect(await canConnect(place.path)).toBe(true);
    expect(files).toEqual(['install', 'remove', 'install']);
  });
});

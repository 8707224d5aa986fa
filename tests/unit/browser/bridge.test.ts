// The app's side of the browser extension over its real Unix socket: pairing (approved, refused,
// revoked), codes only for the page's registrable domain, "locked" without queueing, and bad
// frames (malformed, oversized, replayed, forged, out of session, a flood) answered with errors
// while the bridge keeps serving.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserBridge } from '../../../main/browser/bridge';
import type {
  BrowserAccount,
  BrowserBridgeDeps,
  PairingRequest,
} from '../../../main/browser/bridge';
import { memoryPairingStore } from '../../../main/browser/pairings';
import { TestClient } from './support/client';

let dir: string;
let bridge: BrowserBridge;
let unlocked: boolean;
let approve: (request: PairingRequest) => Promise<boolean>;
let prompts: PairingRequest[];
let opened: string[];
const codeCalls: string[] = [];
let accounts: BrowserAccount[];
const clients: TestClient[] = [];

async function startBridge(extra: Partial<BrowserBridgeDeps> = {}) {
  bridge = new BrowserBridge({
    store: memoryPairingStore(),
    place: { dir: join(dir, 'run'), path: join(dir, 'run', 'browser.sock') },
    accounts: () => (unlocked ? accounts : null),
    code: async (id) => {
      codeCalls.push(id);
      return id === 'gh' ? '123456' : '654321';
    },
    confirmPairing: (request) => {
      prompts.push(request);
      return approve(request);
    },
    openToBind: (domain) => {
      opened.push(domain);
    },
    addFromQr: async () => ({ id: 'new', label: 'New' }),
    ...extra,
  });
  await bridge.start();
}

async function client() {
  const c = await TestClient.connect(bridge.place.path);
  clients.push(c);
  return c;
}

async function pairedClient() {
  const c = await client();
  await c.hello();
  return c;
}

const codeRequest = (url: string, frameOrigin = new URL(url).origin) => ({
  op: 'code',
  top: url,
  frame: url,
  frameOrigin,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-bridge-'));
  unlocked = true;
  approve = async () => true;
  prompts = [];
  opened = [];
  codeCalls.length = 0;
  accounts = [
    { id: 'gh', issuer: 'GitHub', name: 'alice', domains: ['github.com'] },
    { id: 'twenty', issuer: '20i', name: 'alice', domains: ['my.20i.com'] },
    { id: 'twenty2', issuer: '20i', name: 'bob', domains: ['20i.com'] },
    { id: 'free', issuer: 'Loose', name: 'x', domains: [] },
  ];
  await startBridge();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await bridge.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the socket', () => {
  it('is a 0600 socket in a 0700 folder', async () => {
    expect((await stat(bridge.place.path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'run'))).mode & 0o777).toBe(0o700);
  });
});

describe('pairing', () => {
  it('asks the person with the code the extension shows, then serves the browser', async () => {
    const c = await client();
    const { pairingCode } = await c.hello('Chromium 156');
    expect(pairingCode).toMatch(/^\d{3} \d{3}$/);
    expect(prompts).toEqual([
      expect.objectContaining({ browser: 'Chromium 156', code: pairingCode }),
    ]);
    expect(await bridge.browsers()).toEqual([
      expect.objectContaining({ browser: 'Chromium 156', connected: true }),
    ]);
    // A second connection of the same browser is not asked again.
    const again = await TestClient.connect(bridge.place.path, c.key);
    clients.push(again);
    expect(await again.hello()).not.toHaveProperty('pairingCode');
    expect(prompts).toHaveLength(1);
  });

  it('refuses a browser the person did not approve, and serves it nothing', async () => {
    approve = async () => false;
    const c = await client();
    await expect(c.hello()).rejects.toMatchObject({ code: 'pairing-refused' });
    expect(await bridge.browsers()).toEqual([]);
  });

  it('answers an unpaired connection that skips the hello with not-paired', async () => {
    const c = await client();
    c.send({ t: 'msg', n: 0, c: 'AAAA' });
    expect(await c.nextError()).toMatchObject({ code: 'not-paired' });
  });

  it('disconnects a revoked browser at once and refuses it afterwards without asking', async () => {
    const c = await pairedClient();
    const [paired] = await bridge.browsers();
    await bridge.revoke(paired!.id);
    await expect(c.request(codeRequest('https://github.com/login'))).rejects.toThrow();
    expect(c.closed).toBe(true);
    const again = await TestClient.connect(bridge.place.path, c.key);
    clients.push(again);
    await expect(again.hello()).rejects.toMatchObject({ code: 'revoked' });
    expect(prompts).toHaveLength(1);
    expect(await bridge.browsers()).toEqual([]);
  });

  it('withdraws the prompt when the browser goes away, and then asks about the next one', async () => {
    approve = (request) => new Promise(() => void request); // the person never answers
    const first = await client();
    void first.hello().catch(() => undefined);
    await expect.poll(() => prompts.length).toBe(1);
    expect(prompts[0]!.signal.aborted).toBe(false);
    first.close();
    await expect.poll(() => prompts[0]!.signal.aborted).toBe(true);
    approve = async () => true;
    const second = await client();
    expect(await second.hello()).toHaveProperty('pairingCode');
  });

  it('counts an unanswered prompt as no after the timeout', async () => {
    await bridge.stop();
    await startBridge({ pairingTimeoutMs: 200 });
    approve = () => new Promise(() => undefined);
    const c = await client();
    await expect(c.hello()).rejects.toMatchObject({ code: 'pairing-refused' });
    expect(prompts[0]!.signal.aborted).toBe(true);
    expect(await bridge.browsers()).toEqual([]);
  });

  it('asks about one browser at a time: a second browser waits its turn, is told so, and is shown its code only when asked', async () => {
    const releases: ((answer: boolean) => void)[] = [];
    approve = () => new Promise((resolve) => releases.push(resolve));
    const first = await client();
    const firstHello = first.hello();
    await expect.poll(() => prompts.length).toBe(1);
    const second = await client();
    const secondHello = second.hello();
    expect(await second.next((f) => f.t === 'wait')).toMatchObject({
      message: expect.stringContaining('in line'),
    });
    expect(second.raw.some((f) => (f as { t: string }).t === 'pairing')).toBe(false);
    expect(prompts).toHaveLength(1);
    releases[0]!(false);
    await expect(firstHello).rejects.toMatchObject({ code: 'pairing-refused' });
    await expect.poll(() => prompts.length).toBe(2);
    expect(prompts[1]!.browser).toBe('Test Browser');
    releases[1]!(true);
    const { pairingCode } = await secondHello;
    expect(pairingCode).toBe(prompts[1]!.code);
    expect(second.raw.filter((f) => (f as { t: string }).t === 'error')).toEqual([]);
  });
});

describe('codes for the page', () => {
  it('gives the codes of accounts bound to the frame’s host only', async () => {
    const c = await pairedClient();
    expect(await c.request(codeRequest('https://github.com/sessions/two-factor'))).toMatchObject({
      ok: true,
      domain: 'github.com',
      codes: [{ id: 'gh', label: 'GitHub (alice)', code: '123456' }],
    });
    // A binding is its exact host (issue 23): my.20i.com and 20i.com are two sites.
    const twenty = await c.request(codeRequest('https://my.20i.com/'));
    expect(twenty).toMatchObject({ ok: true, domain: 'my.20i.com' });
    expect((twenty.codes as { id: string }[]).map((x) => x.id)).toEqual(['twenty']);
  });

  it('spends a counter-based code only when it is the one account bound there', async () => {
    const c = await pairedClient();
    accounts.push(
      { id: 'bank', issuer: 'Bank', name: 'card', domains: ['bank.example'], counterBased: true },
      { id: 'bank2', issuer: 'Bank', name: 'web', domains: ['bank.example'] },
      { id: 'token', issuer: 'VPN', name: 'me', domains: ['vpn.example'], counterBased: true },
      { id: 'token2', issuer: 'VPN', name: 'you', domains: ['vpn.example'], counterBased: true },
    );
    // With a choice to make, asking must not advance an HOTP counter the person may not pick.
    const bank = await c.request(codeRequest('https://bank.example/otp'));
    expect((bank.codes as { id: string }[]).map((x) => x.id)).toEqual(['bank2']);
    expect(codeCalls).toEqual(['bank2']);
    expect(await c.request(codeRequest('https://vpn.example/'))).toMatchObject({
      ok: false,
      code: 'failed',
      message: expect.stringMatching(/counter-based/),
    });
    expect(codeCalls).toEqual(['bank2']);
    accounts.splice(
      accounts.findIndex((a) => a.id === 'bank2'),
      1,
    );
    const only = await c.request(codeRequest('https://bank.example/otp'));
    expect((only.codes as { id: string }[]).map((x) => x.id)).toEqual(['bank']);
  });

  it('remembers when a browser was last seen across a restart', async () => {
    const store = memoryPairingStore();
    await bridge.stop();
    await startBridge({ store });
    const c = await pairedClient();
    await c.request(codeRequest('https://github.com/login'));
    c.close();
    await expect.poll(async () => (await store.load())?.browsers[0]?.lastSeenAt).not.toBeNull();
    await bridge.stop();
    await startBridge({ store });
    expect((await bridge.browsers())[0]?.lastSeenAt).toEqual(expect.any(Number));
  });

  it('never lets an older save land after a revocation', async () => {
    const memory = memoryPairingStore();
    let slow = false;
    const store = {
      load: () => memory.load(),
      save: async (state: Parameters<typeof memory.save>[0]) => {
        // The save that closing a connection starts is slow to reach the disk.
        if (slow) await new Promise((resolve) => setTimeout(resolve, 100));
        await memory.save(state);
      },
    };
    await bridge.stop();
    await startBridge({ store });
    const c = await pairedClient();
    await c.request(codeRequest('https://github.com/login'));
    const [paired] = await bridge.browsers();
    slow = true;
    c.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    slow = false;
    await bridge.revoke(paired!.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await memory.load())?.browsers).toEqual([]);
    expect((await memory.load())?.revoked).toContain(paired!.id);
  });

  it('gives a look-alike domain nothing, not even a list of accounts', async () => {
    const c = await pairedClient();
    const reply = await c.request(codeRequest('https://github.com.login-check.net/'));
    expect(reply).toMatchObject({
      ok: false,
      code: 'not-bound',
      domain: 'github.com.login-check.net',
    });
    expect(JSON.stringify(reply)).not.toMatch(/GitHub|123456|alice/);
    expect(codeCalls).toEqual([]);
  });

  it('refuses a sandboxed frame and non-web pages', async () => {
    const c = await pairedClient();
    expect(await c.request(codeRequest('https://github.com/x', 'null'))).toMatchObject({
      ok: false,
      code: 'sandboxed',
    });
    // Loopback pages are this computer (issue 23): they may be bound; plain http: elsewhere not.
    for (const url of ['file:///home/a.html', 'http://github.com/', 'https://192.168.1.2/']) {
      expect(await c.request(codeRequest(url))).toMatchObject({ ok: false, code: 'not-web' });
    }
    expect(codeCalls).toEqual([]);
  });

  it('answers locked while locked, and does not fill later when unlocked', async () => {
    unlocked = false;
    const c = await pairedClient();
    expect(await c.request(codeRequest('https://github.com/'))).toMatchObject({
      ok: false,
      code: 'locked',
    });
    unlocked = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(c.inner).toHaveLength(1);
    expect(codeCalls).toEqual([]);
  });

  it('opens TrayOTP to bind the page’s domain when asked', async () => {
    const c = await pairedClient();
    expect(await c.request({ op: 'open', top: 'https://www.example.co.uk/login' })).toMatchObject({
      ok: true,
      opened: true,
    });
    expect(opened).toEqual(['www.example.co.uk']);
  });

  it('asks the focused browser to fill on the app’s hotkey', async () => {
    expect(await bridge.fillFocused()).toEqual({ outcome: 'no-browser' });
    const c = await pairedClient();
    c.onAppRequest = (id) => ({ kind: 'res', id, outcome: 'filled', domain: 'github.com' });
    expect(await bridge.fillFocused()).toEqual({ outcome: 'filled', domain: 'github.com' });
  });
});

describe('enrolment from a page’s QR code', () => {
  it('adds the one otpauth link in the image, bound to the page, and returns its code', async () => {
    const added: [string, string][] = [];
    await bridge.stop();
    await startBridge({
      scanQr: async () => ['otpauth://totp/Host:alice?secret=JBSWY3DPEHPK3PXP'],
      addFromQr: async (uri, domain) => {
        added.push([uri, domain]);
        return { id: 'gh', label: 'Host (alice)' };
      },
    });
    const c = await pairedClient();
    const reply = await c.request({
      op: 'enrol',
      top: 'https://panel.host.example.com/security',
      image: Buffer.from('png bytes').toString('base64'),
    });
    expect(reply).toMatchObject({ ok: true, added: 'Host (alice)', codes: [{ code: '123456' }] });
    expect(added).toEqual([
      ['otpauth://totp/Host:alice?secret=JBSWY3DPEHPK3PXP', 'panel.host.example.com'],
    ]);
  });

  it('refuses an image with no code, or several', async () => {
    await bridge.stop();
    let links: string[] = [];
    await startBridge({ scanQr: async () => links });
    const c = await pairedClient();
    const enrol = () => c.request({ op: 'enrol', top: 'https://a.example.com/', image: 'AAAA' });
    expect(await enrol()).toMatchObject({ ok: false, code: 'no-qr' });
    links = ['otpauth://totp/a?secret=AA', 'otpauth://totp/b?secret=BB'];
    expect(await enrol()).toMatchObject({ ok: false, code: 'several-qr' });
  });
});

describe('bad frames get errors, and the bridge keeps serving', () => {
  it('malformed JSON, unknown messages, a second hello', async () => {
    const c = await pairedClient();
    const body = Buffer.from('{not json');
    const header = Buffer.alloc(4);
    header.writeUInt32LE(body.length);
    c.writeRaw(Buffer.concat([header, body]));
    expect(await c.nextError()).toMatchObject({ code: 'malformed' });
    c.send({ t: 'launch-missiles' });
    expect(await c.nextError()).toMatchObject({ code: 'malformed' });
    c.send({ t: 'hello', v: 1, key: 'x', eph: 'y', browser: 'z' });
    expect(await c.nextError()).toMatchObject({ code: 'malformed' });
    expect(await c.request(codeRequest('https://github.com/'))).toMatchObject({ ok: true });
  });

  it('an oversized frame is skipped without being buffered', async () => {
    const c = await pairedClient();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(5 * 1024 * 1024);
    c.writeRaw(header);
    c.writeRaw(Buffer.alloc(5 * 1024 * 1024, 0x41));
    expect(await c.nextError()).toMatchObject({ code: 'oversized' });
    expect(await c.request(codeRequest('https://github.com/'))).toMatchObject({ ok: true });
  });

  it('a replayed or forged message is refused and the session continues', async () => {
    const c = await pairedClient();
    const sealed = c.channel!.seal({ kind: 'req', id: 77, ...codeRequest('https://github.com/') });
    c.send(sealed);
    await new Promise((resolve) => setTimeout(resolve, 100));
    c.send(sealed);
    expect(await c.nextError()).toMatchObject({ code: 'replayed' });
    const forged = c.channel!.seal({ kind: 'req', id: 78, ...codeRequest('https://github.com/') });
    c.send({ ...forged, c: Buffer.from('x'.repeat(60)).toString('base64') });
    expect(await c.nextError()).toMatchObject({ code: 'bad-message' });
    // The forged copy consumed our number 1 locally; the app still expects 1.
    expect(codeCalls).toEqual(['gh']);
  });

  it('a sealed request that is not a request gets a malformed answer', async () => {
    const c = await pairedClient();
    c.send(c.channel!.seal({ kind: 'req', id: 5, op: 'format-disk' }));
    await expect
      .poll(() => c.inner)
      .toEqual([expect.objectContaining({ id: 5, ok: false, code: 'malformed' })]);
  });

  it('a flood is rate-limited: told once, then the connection closes (nothing more is queued)', async () => {
    await bridge.stop();
    await startBridge({ rate: { burst: 5, perSecond: 0.001 } });
    const c = await client();
    for (let i = 0; i < 8; i++) c.send({ t: 'nonsense' });
    await expect.poll(() => c.closed).toBe(true);
    expect(c.raw.filter((f) => (f as { code?: string }).code === 'rate-limited')).toHaveLength(1);
  });

  it('a message dropped for the rate limit never leaves a session out of step: the session closes, and the browser reconnects and is served', async () => {
    await bridge.stop();
    await startBridge({ rate: { burst: 6, perSecond: 0.001 } });
    const c = await pairedClient(); // the host frame is not sent here: hello takes 1 token
    for (let i = 0; i < 8; i++) {
      c.send(c.channel!.seal({ kind: 'req', id: 100 + i, ...codeRequest('https://github.com/') }));
    }
    await expect.poll(() => c.closed).toBe(true);
    // Every answer that came is in order; none says a message arrived out of turn.
    expect(c.raw.filter((f) => (f as { code?: string }).code === 'replayed')).toEqual([]);
    expect(c.raw.filter((f) => (f as { code?: string }).code === 'rate-limited')).toHaveLength(1);
    const again = await TestClient.connect(bridge.place.path, c.key);
    clients.push(again);
    await again.hello();
    expect(await again.request(codeRequest('https://github.com/'))).toMatchObject({ ok: true });
  });

  it('a connection dropped mid-frame costs nothing; the next one is served', async () => {
    const c = await pairedClient();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(1000);
    c.writeRaw(Buffer.concat([header, Buffer.from('{"t":"ms')]));
    c.close();
    const next = await TestClient.connect(bridge.place.path, c.key);
    clients.push(next);
    await next.hello();
    expect(await next.request(codeRequest('https://github.com/'))).toMatchObject({ ok: true });
  });
});

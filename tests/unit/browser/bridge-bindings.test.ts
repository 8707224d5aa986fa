// Issue 23 over the bridge's real socket: R5, a binding means what it shows (an exact host unless
// the person chose "*."), and R6, codes and enrolments only for https: pages (loopback the one
// other place), an http: page told why in a sentence.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserBridge } from '../../../main/browser/bridge';
import type { BrowserAccount } from '../../../main/browser/bridge';
import { memoryPairingStore } from '../../../main/browser/pairings';
import { TestClient } from './support/client';

let dir: string;
let bridge: BrowserBridge;
let accounts: BrowserAccount[];
let codeCalls: string[];
let opened: string[];
let added: string[];
const clients: TestClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-bindings-'));
  codeCalls = [];
  opened = [];
  added = [];
  accounts = [
    { id: 'exact', issuer: 'Panel', name: 'alice', domains: ['my.panel.test'] },
    { id: 'wide', issuer: 'HostCo', name: 'alice', domains: ['*.hostco.com'] },
    { id: 'local', issuer: 'Dev', name: 'me', domains: ['localhost'] },
  ];
  bridge = new BrowserBridge({
    store: memoryPairingStore(),
    place: { dir: join(dir, 'run'), path: join(dir, 'run', 'browser.sock') },
    accounts: () => accounts,
    code: async (id) => {
      codeCalls.push(id);
      return '123456';
    },
    confirmPairing: async () => true,
    openToBind: (domain) => void opened.push(domain),
    addFromQr: async (_uri, domain) => {
      added.push(domain);
      return { id: 'new', label: 'New' };
    },
    scanQr: async () => ['otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&issuer=X'],
  });
  await bridge.start();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await bridge.stop();
  await rm(dir, { recursive: true, force: true });
});

async function paired() {
  const c = await TestClient.connect(bridge.place.path);
  clients.push(c);
  await c.hello();
  return c;
}

const code = (url: string) => ({
  op: 'code',
  top: url,
  frame: url,
  frameOrigin: new URL(url).origin,
});
const ids = (reply: Record<string, unknown>) =>
  ((reply.codes as { id: string }[] | undefined) ?? []).map((x) => x.id);

describe('R5: a binding means what it shows', () => {
  it('a hostname binding fills on that host only, never on a sibling subdomain', async () => {
    const c = await paired();
    const own = await c.request(code('https://my.panel.test/login'));
    expect(own).toMatchObject({ ok: true, domain: 'my.panel.test' });
    expect(ids(own)).toEqual(['exact']);
    const sibling = await c.request(code('https://evil.panel.test/login'));
    expect(sibling).toMatchObject({ ok: false, code: 'not-bound', domain: 'evil.panel.test' });
    expect(await c.request(code('https://panel.test/'))).toMatchObject({ code: 'not-bound' });
    expect(codeCalls).toEqual(['exact']);
  });

  it('"*." binds the site and its subdomains, chosen explicitly', async () => {
    const c = await paired();
    for (const url of ['https://hostco.com/', 'https://panel.hostco.com/login']) {
      expect(ids(await c.request(code(url)))).toEqual(['wide']);
    }
    expect(await c.request(code('https://panel.hostco-secure.com/login'))).toMatchObject({
      code: 'not-bound',
    });
  });

  it('binding from the page offers and enrols the exact host', async () => {
    const c = await paired();
    expect(await c.request({ op: 'open', top: 'https://login.other.example/x' })).toMatchObject({
      ok: true,
    });
    expect(opened).toEqual(['login.other.example']);
    const image = Buffer.from('not really an image').toString('base64');
    await c.request({ op: 'enrol', top: 'https://login.other.example/2fa', image });
    expect(added).toEqual(['login.other.example']);
  });
});

describe('R6: https: only, loopback the one other place', () => {
  it('a plain http: page gets no code and is told why', async () => {
    const c = await paired();
    const reply = await c.request(code('http://my.panel.test/login'));
    expect(reply).toMatchObject({ ok: false, code: 'not-web' });
    expect(reply.message).toMatch(/plain http:\/\/.*https:\/\//);
    expect(codeCalls).toEqual([]);
  });

  it('a plain http: page can neither enrol nor open TrayOTP to bind', async () => {
    const c = await paired();
    const image = Buffer.from('x').toString('base64');
    const enrol = await c.request({ op: 'enrol', top: 'http://my.panel.test/2fa', image });
    expect(enrol).toMatchObject({ ok: false, message: expect.stringMatching(/plain http/) });
    const open = await c.request({ op: 'open', top: 'http://my.panel.test/' });
    expect(open).toMatchObject({ ok: false, message: expect.stringMatching(/plain http/) });
    expect(added).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('an http: frame inside an https: page gets nothing either', async () => {
    const c = await paired();
    const reply = await c.request({
      op: 'code',
      top: 'https://my.panel.test/',
      frame: 'http://my.panel.test/frame',
      frameOrigin: 'http://my.panel.test',
    });
    expect(reply).toMatchObject({ ok: false, message: expect.stringMatching(/plain http/) });
  });

  it('loopback over http: is this computer, and gets the codes bound to it', async () => {
    const c = await paired();
    expect(ids(await c.request(code('http://localhost:5173/login')))).toEqual(['local']);
    expect(await c.request(code('http://127.0.0.1:5173/login'))).toMatchObject({
      code: 'not-bound',
    });
  });
});

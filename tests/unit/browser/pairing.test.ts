// Pairing prompts (issue 23, R8) over the real socket: back-off after a refusal (no new prompt,
// no window brought forward), one prompt per browser, the browser's name cleaned before the
// prompt, and a key that cannot make a session refused before anyone is asked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserBridge } from '../../../main/browser/bridge';
import type { PairingRequest } from '../../../main/browser/bridge';
import { cleanBrowserName } from '../../../main/browser/browser-name';
import { memoryPairingStore } from '../../../main/browser/pairings';
import { newKeyPair, toBase64 } from '../../../main/browser/session-crypto';
import { TestClient } from './support/client';

let dir: string;
let bridge: BrowserBridge;
let now: number;
let prompts: PairingRequest[];
let approve: (request: PairingRequest) => Promise<boolean>;
const clients: TestClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-pairing-'));
  now = 1_000_000;
  prompts = [];
  approve = async () => false;
  bridge = new BrowserBridge({
    store: memoryPairingStore(),
    place: { dir: join(dir, 'run'), path: join(dir, 'run', 'browser.sock') },
    accounts: () => [],
    code: async () => '123456',
    confirmPairing: (request) => {
      prompts.push(request);
      return approve(request);
    },
    openToBind: () => undefined,
    addFromQr: async () => ({ id: 'x', label: 'x' }),
    now: () => now,
  });
  await bridge.start();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await bridge.stop();
  await rm(dir, { recursive: true, force: true });
});

async function client(key?: TestClient['key']) {
  const c = await TestClient.connect(bridge.place.path, key);
  clients.push(c);
  return c;
}

describe('after a refusal', () => {
  it('the same browser is refused without a prompt for a while that grows with each refusal', async () => {
    const first = await client();
    await expect(first.hello()).rejects.toMatchObject({ code: 'pairing-refused' });
    expect(prompts).toHaveLength(1);
    // Clicking again at once: no new prompt (so no window brought forward), and the wait is said.
    const again = await client(first.key);
    await expect(again.hello()).rejects.toMatchObject({
      code: 'pairing-refused',
      message: expect.stringMatching(/ask again in 10 s/),
    });
    expect(prompts).toHaveLength(1);
    now += 10_001;
    const third = await client(first.key);
    await expect(third.hello()).rejects.toMatchObject({ code: 'pairing-refused' });
    expect(prompts).toHaveLength(2);
    // The second refusal doubles the wait.
    now += 10_001;
    const fourth = await client(first.key);
    await expect(fourth.hello()).rejects.toMatchObject({
      message: expect.stringMatching(/ask again in 10 s/),
    });
    expect(prompts).toHaveLength(2);
    now += 10_000;
    approve = async () => true;
    const fifth = await client(first.key);
    expect(await fifth.hello()).toHaveProperty('pairingCode');
    expect(prompts).toHaveLength(3);
  });

  it('a browser cannot hold the prompt again and again: the one waiting behind it goes first', async () => {
    const releases: ((answer: boolean) => void)[] = [];
    approve = () => new Promise((resolve) => releases.push(resolve));
    const hog = await client();
    const hogHello = hog.hello().catch((error: unknown) => error);
    await expect.poll(() => prompts.length).toBe(1);
    const other = await client();
    const otherHello = other.hello();
    await other.next((f) => f.t === 'wait');
    releases[0]!(false);
    await hogHello;
    // The hog asks again at once: refused without a prompt; the waiting browser is asked.
    const hogAgain = await client(hog.key);
    await expect(hogAgain.hello()).rejects.toMatchObject({ code: 'pairing-refused' });
    await expect.poll(() => prompts.length).toBe(2);
    releases[1]!(true);
    await otherHello;
  });
});

describe('one prompt per browser', () => {
  it('a second connection of a browser being asked about is told so, not prompted again', async () => {
    approve = () => new Promise(() => undefined);
    const first = await client();
    void first.hello().catch(() => undefined);
    await expect.poll(() => prompts.length).toBe(1);
    const second = await client(first.key);
    await expect(second.hello()).rejects.toMatchObject({
      code: 'pairing-busy',
      message: expect.stringContaining('already asking about this browser'),
    });
    expect(prompts).toHaveLength(1);
    expect(second.raw.some((f) => (f as { t: string }).t === 'pairing')).toBe(false);
  });
});

describe('what reaches the prompt', () => {
  it('the browser’s name without control or bidi characters, bounded', async () => {
    approve = async () => true;
    const c = await client();
    await c.hello('Chrome\u202Eevil\u2066 \u0000\u0007 on\nLinux\u200B' + 'x'.repeat(45));
    expect(prompts[0]!.browser).toBe(cleanBrowserName(prompts[0]!.browser));
    expect(prompts[0]!.browser).toMatch(/^Chrome evil on Linux x+$/);
    expect(Array.from(prompts[0]!.browser).length).toBeLessThanOrEqual(60);
    expect((await bridge.browsers())[0]!.browser).toBe(prompts[0]!.browser);
  });

  it('cleanBrowserName: combining stacks, lone surrogates, nothing left', () => {
    expect(cleanBrowserName('Firx\u0301\u0302\u0303\u0304fox')).toBe('Firx\u0301\u0302fox');
    expect(cleanBrowserName('a\uD800b')).toBe('a b');
    expect(cleanBrowserName('\u202E\u200F\u061C  ')).toBe('A browser');
  });

  it('a key that cannot make a session is refused before any prompt', async () => {
    approve = async () => true;
    const c = await client();
    // The all-zero point: X25519 with it gives no shared secret (libsodium refuses it).
    c.send({
      t: 'hello',
      v: 1,
      key: toBase64(new Uint8Array(32)),
      eph: toBase64(newKeyPair().publicKey),
      browser: 'Zero',
    });
    expect(await c.nextError()).toMatchObject({ code: 'malformed' });
    expect(prompts).toEqual([]);
    expect(c.raw.some((f) => (f as { t: string }).t === 'pairing')).toBe(false);
  });
});

// The socket's bounds (issue 23, R3) against the real bridge: a connection that never says hello
// and a frame that never finishes are closed in time; unpaired connections are capped while
// paired browsers are still served; a peer that never reads its answers is closed; another
// user's connection is refused before a byte is read (fake peer check here; the real one is in
// peer-credentials.test.ts and squat.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserBridge } from '../../../main/browser/bridge';
import type { BrowserBridgeDeps } from '../../../main/browser/bridge';
import { memoryPairingStore } from '../../../main/browser/pairings';
import { TestClient } from './support/client';

let dir: string;
let bridge: BrowserBridge;
const sockets: Socket[] = [];
const clients: TestClient[] = [];

async function start(extra: Partial<BrowserBridgeDeps> = {}) {
  bridge = new BrowserBridge({
    store: memoryPairingStore(),
    place: { dir: join(dir, 'run'), path: join(dir, 'run', 'browser.sock') },
    accounts: () => [{ id: 'gh', issuer: 'GitHub', name: 'a', domains: ['github.com'] }],
    code: async () => '123456',
    confirmPairing: async () => true,
    openToBind: () => undefined,
    addFromQr: async () => ({ id: 'x', label: 'x' }),
    ...extra,
  });
  await bridge.start();
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-limits-'));
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const c of clients.splice(0)) c.close();
  await bridge.stop();
  await rm(dir, { recursive: true, force: true });
});

function raw(): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(bridge.place.path);
    sockets.push(socket);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

const within = (ms: number, p: Promise<void>) =>
  Promise.race([
    p.then(() => 'closed'),
    new Promise((resolve) => setTimeout(() => resolve('still open'), ms)),
  ]);

const github = {
  op: 'code',
  top: 'https://github.com/',
  frame: 'https://github.com/',
  frameOrigin: 'https://github.com',
};

describe('time bounds', () => {
  it('closes a connection that never says hello', async () => {
    await start({ limits: { helloMs: 200 } });
    const { closed } = await raw();
    expect(await within(3000, closed)).toBe('closed');
  });

  it('closes a connection that leaves a frame unfinished, and keeps a paired session that is merely quiet', async () => {
    await start({ limits: { helloMs: 60_000, partialFrameMs: 200 } });
    const quiet = await TestClient.connect(bridge.place.path);
    clients.push(quiet);
    await quiet.hello();
    const { socket, closed } = await raw();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(1024 * 1024);
    socket.write(Buffer.concat([header, Buffer.alloc(1000, 0x20)]));
    expect(await within(3000, closed)).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await quiet.request(github)).toMatchObject({ ok: true });
  });
});

describe('connection caps', () => {
  it('keeps at most the cap of silent connections (the oldest make room), and a browser still gets in and is served', async () => {
    await start({ limits: { maxUnpaired: 4, helloMs: 60_000 } });
    const paired = await TestClient.connect(bridge.place.path);
    clients.push(paired);
    await paired.hello();
    const held = [];
    for (let i = 0; i < 10; i++) held.push(await raw());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const open = [];
    for (const { closed } of held) open.push(await within(10, closed));
    expect(open.filter((o) => o === 'still open')).toHaveLength(4);
    expect(open.slice(6)).toEqual(['still open', 'still open', 'still open', 'still open']);
    expect(await paired.request(github)).toMatchObject({ ok: true });
    // The paired browser reconnecting gets in past the crowd.
    const again = await TestClient.connect(bridge.place.path, paired.key);
    clients.push(again);
    await again.hello();
    expect(await again.request(github)).toMatchObject({ ok: true });
  });
});

describe('answers honour backpressure', () => {
  it('a peer that asks and never reads its answers stops being read: its own writes back up', async () => {
    await start({ limits: { helloMs: 60_000 }, rate: { burst: 1e9, perSecond: 1e9 } });
    const { socket } = await raw();
    socket.pause(); // never reads
    // Each malformed frame is answered with an error; the answers pile up unread, so the app
    // stops reading, and what this peer writes stays on its side.
    const frame = Buffer.concat([Buffer.from([2, 0, 0, 0]), Buffer.from('{}')]);
    const burst = Buffer.concat(Array.from({ length: 50_000 }, () => frame));
    for (let i = 0; i < 20; i++) socket.write(burst);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(socket.writableLength).toBeGreaterThan(2 * 1024 * 1024);
  });
});

describe('peer check', () => {
  it('refuses a connection from another user before reading it, and says why', async () => {
    const refused: string[] = [];
    await start({
      peers: { self: () => ({ uid: 1000 }), peerOf: () => ({ uid: 1001, pid: 7 }) },
      onRefused: (why) => refused.push(why),
    });
    const c = await TestClient.connect(bridge.place.path);
    clients.push(c);
    await expect(c.hello()).rejects.toThrow(/closed/);
    expect(refused).toEqual([expect.stringContaining('runs as user 1001, not as you (1000)')]);
  });

  it('serves a connection from the same user', async () => {
    await start({ peers: { self: () => ({ uid: 1000 }), peerOf: () => ({ uid: 1000 }) } });
    const c = await TestClient.connect(bridge.place.path);
    clients.push(c);
    await c.hello();
    expect(await c.request(github)).toMatchObject({ ok: true });
  });
});

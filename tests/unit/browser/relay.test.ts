// The host's relay, in process: it introduces itself, copies frames both ways, refuses a frame
// over 1 MB from the browser, tells the browser when TrayOTP is not running, and ends with
// either side.
import { chmod, chown, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader } from '../../../main/browser/framing';
import { runRelay } from '../../../main/browser/host/relay';

let dir: string;
let server: Server | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-relay-'));
});
afterEach(async () => {
  server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

function collect(stream: PassThrough): unknown[] {
  const out: unknown[] = [];
  const reader = new FrameReader();
  stream.on('data', (chunk: Buffer) => {
    for (const e of reader.push(chunk))
      if (e.kind === 'frame') out.push(JSON.parse(e.body.toString()));
  });
  return out;
}

async function app(): Promise<{ path: string; received: unknown[]; sockets: Socket[] }> {
  const path = join(dir, 'app.sock');
  const received: unknown[] = [];
  const sockets: Socket[] = [];
  server = createServer((socket) => {
    sockets.push(socket);
    const reader = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const e of reader.push(chunk)) {
        if (e.kind !== 'frame') continue;
        const message = JSON.parse(e.body.toString()) as { echo?: unknown };
        received.push(message);
        if (message.echo) socket.write(encodeFrame({ echoed: message.echo }));
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(path, resolve));
  return { path, received, sockets };
}

describe('the relay', () => {
  it('introduces itself, relays both ways and ends when the browser closes stdin', async () => {
    const { path, received } = await app();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const toBrowser = collect(stdout);
    const done = runRelay({
      stdin,
      stdout,
      socketPath: path,
      caller: 'chrome-extension://x/',
      pid: 42,
    });
    stdin.write(encodeFrame({ echo: 'hi' }));
    await expect.poll(() => toBrowser).toEqual([{ echoed: 'hi' }]);
    expect(received[0]).toEqual({ t: 'host', v: 1, caller: 'chrome-extension://x/', pid: 42 });
    stdin.end();
    expect(await done).toBe(0);
  });

  it('refuses a browser frame over 1 MB and keeps relaying', async () => {
    const { path, received } = await app();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const toBrowser = collect(stdout);
    const done = runRelay({ stdin, stdout, socketPath: path, caller: '', pid: 1 });
    const header = Buffer.alloc(4);
    header.writeUInt32LE(3 * 1024 * 1024);
    stdin.write(header);
    stdin.write(Buffer.alloc(3 * 1024 * 1024, 0x20));
    stdin.write(encodeFrame({ echo: 'after' }));
    await expect
      .poll(() => toBrowser)
      .toEqual([expect.objectContaining({ t: 'error', code: 'oversized' }), { echoed: 'after' }]);
    expect(received).toHaveLength(2); // the host hello and the small frame, never the big one
    stdin.end();
    await done;
  });

  it('tells the browser TrayOTP is not running, and exits 1', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const toBrowser = collect(stdout);
    expect(
      await runRelay({ stdin, stdout, socketPath: join(dir, 'none.sock'), caller: '', pid: 1 }),
    ).toBe(1);
    expect(toBrowser).toEqual([expect.objectContaining({ t: 'error', code: 'app-not-running' })]);
  });

  it('ends when the app closes the connection', async () => {
    const { path, sockets } = await app();
    const stdin = new PassThrough();
    const done = runRelay({
      stdin,
      stdout: new PassThrough(),
      socketPath: path,
      caller: '',
      pid: 1,
    });
    await expect.poll(() => sockets.length).toBe(1);
    sockets[0]!.destroy();
    expect(await done).toBe(0);
  });

  it('holds a bounded buffer towards an app that does not read, and stops reading the browser', async () => {
    const path = join(dir, 'slow.sock');
    server = createServer((socket) => socket.pause()); // accepts, never reads
    await new Promise<void>((resolve) => server!.listen(path, resolve));
    const stdin = new PassThrough({ highWaterMark: 64 * 1024 });
    let relaySocket: Socket | undefined;
    const done = runRelay({
      stdin,
      stdout: new PassThrough(),
      socketPath: path,
      caller: '',
      pid: 1,
      connectTo: (p) => (relaySocket = connect(p)),
    });
    const frame = encodeFrame({ pad: 'x'.repeat(512 * 1024) });
    for (let i = 0; i < 64; i++) stdin.write(frame); // 32 MiB from the browser
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(relaySocket!.writableLength).toBeLessThan(2 * 1024 * 1024);
    expect(stdin.readableLength + stdin.writableLength).toBeGreaterThan(16 * 1024 * 1024); // unread
    stdin.destroy();
    relaySocket!.destroy();
    await done;
  });
});

describe('the relay connects only to this user’s TrayOTP', () => {
  const isRoot = process.getuid?.() === 0;

  async function attempt(socketPath: string, peers?: Parameters<typeof runRelay>[0]['peers']) {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const toBrowser = collect(stdout);
    stdin.write(encodeFrame({ t: 'hello', secret: 'page address' })); // waiting before connect
    const status = await runRelay({
      stdin,
      stdout,
      socketPath,
      caller: '',
      pid: 1,
      ...(peers && { peers }),
    });
    return { status, toBrowser };
  }

  it('refuses a listener running as another user, and sends it nothing (not even its hello)', async () => {
    const { path, received } = await app();
    const { status, toBrowser } = await attempt(path, {
      self: () => ({ uid: 1000 }),
      peerOf: () => ({ uid: 1001 }),
    });
    expect(status).toBe(1);
    expect(toBrowser).toEqual([
      expect.objectContaining({
        t: 'error',
        code: 'app-not-trusted',
        message: expect.stringContaining('runs as user 1001'),
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);
  });

  it('refuses a folder that is a link, without connecting', async () => {
    const { path, received } = await app();
    await symlink(dir, join(dir, 'link'));
    const { status, toBrowser } = await attempt(join(dir, 'link', 'app.sock'));
    expect(status).toBe(1);
    expect(toBrowser).toEqual([
      expect.objectContaining({
        code: 'app-not-trusted',
        message: expect.stringContaining('link'),
      }),
    ]);
    expect(path).toBe(join(dir, 'app.sock'));
    expect(received).toEqual([]);
  });

  it('refuses a folder open to other users', async () => {
    const { path, received } = await app();
    await chmod(dir, 0o755);
    const { status, toBrowser } = await attempt(path);
    expect(status).toBe(1);
    expect(toBrowser).toEqual([
      expect.objectContaining({ message: expect.stringContaining('open to other users') }),
    ]);
    expect(received).toEqual([]);
  });

  it.skipIf(!isRoot)(
    'refuses a folder or a socket another user owns (run as root: chown)',
    async () => {
      const { path, received } = await app();
      await chown(path, 65534, 65534);
      const socketOwned = await attempt(path);
      expect(socketOwned.toBrowser).toEqual([
        expect.objectContaining({ message: expect.stringContaining('belongs to another user') }),
      ]);
      const other = join(dir, 'other');
      await mkdir(other, { mode: 0o700 });
      await chown(other, 65534, 65534);
      const folderOwned = await attempt(join(other, 'browser.sock'));
      expect(folderOwned.status).toBe(1);
      expect(folderOwned.toBrowser).toEqual([
        expect.objectContaining({ message: expect.stringContaining('belongs to another user') }),
      ]);
      expect(received).toEqual([]);
    },
  );
});

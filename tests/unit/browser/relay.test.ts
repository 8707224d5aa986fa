// The host's relay, in process: it introduces itself, copies frames both ways, refuses a frame
// over 1 MB from the browser, tells the browser when TrayOTP is not running, and ends with
// either side.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
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
});

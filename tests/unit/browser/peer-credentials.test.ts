// The peer check's adapter: on Linux for real (SO_PEERCRED through koffi, both ends of a real
// socket); on Windows with fake Win32 calls (what the host decides from who serves the pipe; the
// koffi declarations themselves are only type-checked here, with no Windows machine).
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader } from '../../../main/browser/framing';
import { runRelay } from '../../../main/browser/host/relay';
import { peerCredentials } from '../../../main/platform/peer-credentials';
import { win32PeerCredentials } from '../../../main/platform/peer-credentials-win32';
import type { Win32PipeCalls } from '../../../main/platform/peer-credentials-win32';

let dir: string;
let server: Server;
let accepted: Socket[];
let received: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-peer-'));
  accepted = [];
  received = [];
  server = createServer((socket) => {
    accepted.push(socket);
    socket.on('data', (d: Buffer) => received.push(d.toString()));
  });
  await new Promise<void>((resolve) => server.listen(join(dir, 'app.sock'), resolve));
});
afterEach(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('on Linux (real)', () => {
  it('both ends see this process’s uid and pid', async () => {
    const peers = peerCredentials()!;
    const client = connect(join(dir, 'app.sock'));
    await new Promise((resolve) => client.once('connect', resolve));
    await expect.poll(() => accepted.length).toBe(1);
    expect(peers.self()).toEqual({ uid: process.getuid!() });
    expect(peers.peerOf!(accepted[0]!)).toEqual({ uid: process.getuid!(), pid: process.pid });
    expect(peers.peerOf!(client)).toEqual({ uid: process.getuid!(), pid: process.pid });
    client.destroy();
    expect(() => peers.peerOf!(client)).toThrow(/no descriptor/);
  });
});

describe('on Windows (fake Win32 calls): the host asks who serves the pipe before connecting', () => {
  const calls = (serverPid: number | undefined, serverSid: string): Win32PipeCalls => ({
    ownSid: () => 'S-1-5-21-1-2-3-1001',
    serverPid: () => serverPid,
    processSid: () => serverSid,
  });

  async function relay(fake: Win32PipeCalls) {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const toBrowser: { code?: string; message?: string }[] = [];
    const reader = new FrameReader();
    stdout.on('data', (chunk: Buffer) => {
      for (const e of reader.push(chunk))
        if (e.kind === 'frame') toBrowser.push(JSON.parse(e.body.toString()));
    });
    stdin.write(encodeFrame({ t: 'hello', page: 'https://bank.example/' }));
    const done = runRelay({
      stdin,
      stdout,
      socketPath: join(dir, 'app.sock'), // stands for \\.\pipe\… (platform says win32)
      caller: '',
      pid: 1,
      peers: win32PeerCredentials(fake),
      platform: 'win32',
    });
    return { done, stdin, toBrowser };
  }

  it('another user’s server: refused, nothing connects', async () => {
    const { done, toBrowser } = await relay(calls(4242, 'S-1-5-21-1-2-3-1002'));
    expect(await done).toBe(1);
    expect(toBrowser).toEqual([
      expect.objectContaining({
        code: 'app-not-trusted',
        message: expect.stringContaining('(pid 4242) runs as S-1-5-21-1-2-3-1002, not as you'),
      }),
    ]);
    expect(accepted).toEqual([]);
  });

  it('nothing serves the pipe: "not running", and no connection is tried', async () => {
    const { done, toBrowser } = await relay(calls(undefined, ''));
    expect(await done).toBe(1);
    expect(toBrowser).toEqual([expect.objectContaining({ code: 'app-not-running' })]);
    expect(accepted).toEqual([]);
  });

  it('this user’s server: relayed', async () => {
    const { done, stdin } = await relay(calls(4242, 'S-1-5-21-1-2-3-1001'));
    await expect.poll(() => received.join('')).toContain('bank.example');
    stdin.end();
    expect(await done).toBe(0);
  });
});

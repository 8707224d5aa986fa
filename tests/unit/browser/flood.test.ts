// The floods of issue 23 (R3) against the real server code in a child process
// (support/flood-server.ts), its memory read from /proc before and after: 96 MiB of empty frames;
// 3,000 × 1 MiB frames during one unanswered pairing prompt; 1,500 connections each holding a
// partial 1 MiB frame. After each, and during it, a paired browser is still served. The bound
// asserted is the issue's: under 300 MiB above the server's resident size before the flood (the
// peak, VmHWM). Figures are printed; FLOOD_ROOT=<another checkout> measures older code (which
// the guard kills at 2.5 GiB rather than let it take the machine).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../main/browser/framing';
import { cryptoReady, newKeyPair, toBase64 } from '../../../main/browser/session-crypto';
import type { KeyPair } from '../../../main/browser/session-crypto';
import { TestClient } from './support/client';

const MiB = 1024 * 1024;
const LIMIT = 300 * MiB;
const GUARD = 2.5 * 1024 * MiB;

let dir: string;
let server: ChildProcess;
let path: string;
let paired: KeyPair;
let guardHit: number | undefined;
let guard: NodeJS.Timeout;
const sockets: Socket[] = [];

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

beforeEach(async () => {
  await cryptoReady();
  dir = await mkdtemp(join(tmpdir(), 'trayotp-flood-'));
  path = join(dir, 'run', 'browser.sock');
  paired = newKeyPair();
  guardHit = undefined;
  server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'support', 'flood-server.ts'),
      path,
      toBase64(paired.publicKey),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  guard = setInterval(() => {
    try {
      const { rss } = memory(server.pid!);
      if (rss > GUARD) {
        guardHit = rss;
        server.kill('SIGKILL');
      }
    } catch {
      // gone
    }
  }, 50);
  await served(); // warm: crypto and the session path are in the baseline
});

afterEach(async () => {
  clearInterval(guard);
  for (const s of sockets.splice(0)) s.destroy();
  server.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/**
 * The paired browser asks for a code and gets it. Like the extension, it connects again when
 * the server's accept queue is full (EAGAIN) during a connection flood.
 */
async function served(): Promise<void> {
  const deadline = Date.now() + 20_000;
  let client: TestClient;
  for (;;) {
    try {
      client = await TestClient.connect(path, paired);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    await client.hello();
    expect(
      await client.request({
        op: 'code',
        top: 'https://github.com/',
        frame: 'https://github.com/',
        frameOrigin: 'https://github.com',
      }),
    ).toMatchObject({ ok: true, codes: [{ code: '123456' }] });
  } finally {
    client.close();
  }
}

/** A raw connection; tried again while the server's accept queue is full (EAGAIN). */
async function open(tries = 20): Promise<Socket> {
  for (let i = 0; ; i++) {
    try {
      return await new Promise((resolve, reject) => {
        const socket = connect(path);
        socket.once('connect', () => {
          sockets.push(socket);
          resolve(socket);
        });
        socket.once('error', reject);
      });
    } catch (error) {
      if (i >= tries || (error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Writes `chunk` `times` times, honouring drain; stops when the server closes the socket, or
 * stops reading it for `stallMs` (its backpressure holding the rest on this side).
 */
async function pump(
  socket: Socket,
  chunk: Buffer,
  times: number,
  stallMs = 30_000,
): Promise<string> {
  let sent = 0;
  let gone = false;
  socket.on('error', () => (gone = true));
  socket.on('close', () => (gone = true));
  for (let i = 0; i < times && !gone; i++) {
    if (!socket.write(chunk)) {
      const drained = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), stallMs);
        const done = () => (clearTimeout(timer), resolve(true));
        socket.once('drain', done);
        socket.once('close', done);
      });
      if (!drained)
        return `${Math.round(sent / MiB)} MiB written, then the server stopped reading for ${stallMs / 1000} s`;
    }
    sent += chunk.length;
  }
  return `${Math.round(sent / MiB)} MiB written${gone ? ', then the server closed the connection' : ''}`;
}

async function measured(
  name: string,
  flood: (during: () => Promise<void>) => Promise<string>,
): Promise<void> {
  const before = memory(server.pid!);
  let during: Promise<void> = Promise.resolve();
  const what = await flood(() => (during = served()));
  const failures: string[] = [];
  await during.catch((error: unknown) =>
    failures.push(`not served during the flood: ${String(error)}`),
  );
  if (!guardHit)
    await served().catch((error: unknown) => failures.push(`not served after: ${String(error)}`));
  const after = guardHit ? { rss: guardHit, peak: guardHit } : memory(server.pid!);
  const extra = after.peak - before.rss;
  console.log(
    `${name}: ${what}; server RSS before ${Math.round(before.rss / MiB)} MiB, peak ${Math.round(after.peak / MiB)} MiB (+${Math.round(extra / MiB)} MiB)${guardHit ? ', stopped by the guard' : `, after ${Math.round(after.rss / MiB)} MiB`}${failures.length ? `; ${failures.join('; ')}` : ''}`,
  );
  expect(failures).toEqual([]);
  expect(guardHit).toBeUndefined();
  expect(extra).toBeLessThan(LIMIT);
}

describe('floods against the app’s socket (child process, memory from /proc)', () => {
  it('96 MiB of empty frames', async () => {
    await measured('96 MiB of empty frames', async (serve) => {
      const socket = await open();
      void serve();
      return pump(socket, Buffer.alloc(MiB), 96);
    });
  }, 180_000);

  it('3,000 × 1 MiB frames during one unanswered pairing prompt', async () => {
    await measured('3,000 × 1 MiB frames during a prompt', async (serve) => {
      const stranger = await TestClient.connect(path);
      sockets.push(stranger.pipe.readable as Socket);
      const hello = stranger.hello().catch(() => undefined);
      await expect
        .poll(() => stranger.raw.some((f) => (f as { t: string }).t === 'pairing'))
        .toBe(true);
      void serve();
      const frame = encodeFrame({ t: 'msg', n: 0, c: 'A'.repeat(MiB - 64) });
      const outcome = await pump(stranger.pipe.writable as Socket, frame, 3000, 3000);
      void hello;
      return outcome;
    });
  }, 180_000);

  it('1,500 connections each holding a partial 1 MiB frame', async () => {
    await measured('1,500 connections × partial 1 MiB', async (serve) => {
      const partial = Buffer.alloc(MiB + 3, 0x20);
      partial.writeUInt32LE(MiB, 0);
      let accepted = 0;
      for (let batch = 0; batch < 15; batch++) {
        const socks = await Promise.all(
          Array.from({ length: 100 }, () => open().catch(() => undefined)),
        );
        await Promise.all(
          socks.map(async (s) => {
            if (!s) return;
            accepted += 1;
            s.on('error', () => undefined);
            s.write(partial);
          }),
        );
      }
      await serve().catch(() => undefined); // while they are held (failures: measured())
      await new Promise((resolve) => setTimeout(resolve, 3000)); // held open
      const still = sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
      return `${accepted} connected, ${still} still open after 3 s`;
    });
  }, 180_000);
});

// Another local user standing in for TrayOTP (issue 23, R2), for real: the squatter runs as
// `nobody` (setpriv, so this suite needs root; it is skipped with a reason otherwise), creates
// the predictable /tmp-style folder first — as a folder, or as a symlink to its own folder — and
// listens there, answering every connection with a pairing frame, as a fake TrayOTP would.
// Shown: the app refuses to listen there and tells the person (Settings → Browsers' problem line
// and a notification); the host connects to nothing it has not checked, so the squatter gets no
// connection at all — no page address, no QR image, no pairing — and the browser is told why.
// With the folder's checks passed by a trick only root can play (a socket of nobody's moved into
// our folder and chowned), the kernel's peer uid still gives the squatter away, both ways.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader } from '../../../main/browser/framing';
import { runRelay } from '../../../main/browser/host/relay';
import { memoryPairingStore } from '../../../main/browser/pairings';
import { socketPlace } from '../../../main/browser/socket-path';
import type { SocketPlace } from '../../../main/browser/socket-path';
import { peerCredentials } from '../../../main/platform/peer-credentials';
import { fakeApp } from '../../fakes/app';
import { waitFor } from '../app/browser/paired-app';

const canSwitch = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
if (!canSwitch) console.log('squat.test: skipped (needs root and setpriv to run as nobody)');

const NOBODY = 65534;
const peers = peerCredentials()!;

// The squatter: plain Node run as nobody. It logs every connection and every byte it gets.
const SQUATTER = `
const net = require('node:net'), fs = require('node:fs'), path = require('node:path');
const [mode, target, log] = process.argv.slice(2);
fs.writeFileSync(log, '');
let dir = target;
if (mode === 'symlink') { dir = target + '-real'; fs.mkdirSync(dir); fs.symlinkSync(dir, target); }
else fs.mkdirSync(target);
fs.chmodSync(dir, 0o777);
const frame = (m) => { const b = Buffer.from(JSON.stringify(m)); const h = Buffer.alloc(4); h.writeUInt32LE(b.length); return Buffer.concat([h, b]); };
const server = net.createServer((c) => {
  fs.appendFileSync(log, 'connection\\n');
  c.on('data', (d) => fs.appendFileSync(log, d));
  c.on('error', () => {});
  c.write(frame({ t: 'pairing', key: Buffer.alloc(32, 7).toString('base64'), code: '123 456' }));
});
const sock = path.join(dir, 'browser.sock');
server.listen(sock, () => { fs.chmodSync(sock, 0o777); process.stdout.write('ready\\n'); });
`;

let base: string;
let place: SocketPlace;
let squatter: ChildProcess | undefined;
const log = () => join(base, 'squatter.log');

beforeEach(async () => {
  // A sticky, world-writable folder standing for /tmp, where the app's fallback folder goes.
  base = await mkdtemp(join(tmpdir(), 'trayotp-squat-'));
  await chmod(base, 0o1777);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = base;
  place = socketPlace({}, 'linux'); // no XDG_RUNTIME_DIR: the predictable place
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
  await writeFile(join(base, 'squatter.cjs'), SQUATTER, { mode: 0o644 });
});

afterEach(async () => {
  squatter?.kill('SIGKILL');
  squatter = undefined;
  await rm(base, { recursive: true, force: true });
});

async function squat(mode: 'folder' | 'symlink'): Promise<void> {
  const child = spawn(
    'setpriv',
    [
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      process.execPath,
      join(base, 'squatter.cjs'),
      mode,
      place.dir!,
      log(),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  squatter = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`squatter exited ${code}`)));
  });
}

/** The host as the browser starts it, with a page's request already waiting on its stdin. */
async function hostAttempt(socketPath = place.path) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const toBrowser: { t: string; code?: string; message?: string }[] = [];
  const reader = new FrameReader();
  stdout.on('data', (chunk: Buffer) => {
    for (const e of reader.push(chunk))
      if (e.kind === 'frame') toBrowser.push(JSON.parse(e.body.toString()));
  });
  stdin.write(
    encodeFrame({
      t: 'hello',
      v: 1,
      key: 'A'.repeat(43) + '=',
      eph: 'A'.repeat(43) + '=',
      browser: 'Chromium',
    }),
  );
  stdin.write(encodeFrame({ page: 'https://bank.example/login', image: 'otpauth-QR-bytes' }));
  const status = await runRelay({
    stdin,
    stdout,
    socketPath,
    caller: 'chrome-extension://x/',
    pid: 1,
    peers,
  });
  return { status, toBrowser };
}

describe.skipIf(!canSwitch)('another local user squats the socket’s place', () => {
  it.each(['folder', 'symlink'] as const)(
    'as a %s: the app refuses it and says so; the host sends nothing',
    async (mode) => {
      await squat(mode);
      expect(place.dir).toBe(join(base, `trayotp-${process.getuid!()}`));

      // The app: refuses to listen, says so in Settings → Browsers and in a notification.
      const world = await fakeApp({
        dir: base,
        browser: { store: memoryPairingStore(), place, peers },
      });
      await world.app.start();
      const status = await waitFor(() => {
        const s = world.app.browser!.status();
        return s.problem ? s : undefined;
      });
      expect(status).toMatchObject({ listening: false });
      expect(status.problem).toMatch(
        mode === 'folder' ? /belongs to another user/ : /not a plain folder/,
      );
      expect(world.notifier.notices).toEqual([
        expect.objectContaining({
          title: 'TrayOTP did not connect browsers',
          body: status.problem,
        }),
      ]);
      await world.app.shutdown();

      // The host: refuses before connecting; the browser is told; the squatter saw nothing.
      const { status: exit, toBrowser } = await hostAttempt();
      expect(exit).toBe(1);
      expect(toBrowser).toEqual([expect.objectContaining({ t: 'error', code: 'app-not-trusted' })]);
      expect(toBrowser.some((f) => f.t === 'pairing')).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await readFile(log(), 'utf8')).toBe('');
    },
  );

  it('with the folder checks fooled (root moved nobody’s socket in), the peer uid still refuses it', async () => {
    await squat('folder');
    const ours = join(base, 'ours');
    await mkdir(ours, { mode: 0o700 });
    const moved = join(ours, 'browser.sock');
    await rename(join(place.dir!, 'browser.sock'), moved);
    await chown(moved, 0, 0);
    await chmod(moved, 0o600);
    const { status: exit, toBrowser } = await hostAttempt(moved);
    expect(exit).toBe(1);
    expect(toBrowser).toEqual([
      expect.objectContaining({
        code: 'app-not-trusted',
        message: expect.stringContaining(`runs as user ${NOBODY}`),
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // It accepted the connection (the kernel does that before anyone speaks), but got no byte.
    expect(await readFile(log(), 'utf8')).toBe('connection\n');
  });

  it('the app refuses a client running as another user, before any prompt, and says so', async () => {
    const run = join(base, 'run');
    const own = { dir: run, path: join(run, 'browser.sock') };
    const world = await fakeApp({
      dir: base,
      browser: { store: memoryPairingStore(), place: own, peers },
    });
    await world.app.start();
    await waitFor(() => (world.app.browser!.status().listening ? true : undefined));
    // Open the folder and the socket up, as a careless chmod would; only the uid check is left.
    await chmod(run, 0o755);
    await chmod(own.path, 0o777);
    const client = `
      const c = require('node:net').connect(${JSON.stringify(own.path)});
      const h = (m) => { const b = Buffer.from(JSON.stringify(m)); const x = Buffer.alloc(4); x.writeUInt32LE(b.length); return Buffer.concat([x, b]); };
      c.on('connect', () => c.write(h({ t: 'hello', v: 1, key: ${JSON.stringify(Buffer.alloc(32, 5).toString('base64'))}, eph: ${JSON.stringify(Buffer.alloc(32, 9).toString('base64'))}, browser: 'Intruder' })));
      let got = 0; c.on('data', (d) => (got += d.length));
      c.on('close', () => { process.stdout.write('got ' + got + '\\n'); });
      c.on('error', () => {});
    `;
    await writeFile(join(base, 'client.cjs'), client, { mode: 0o644 });
    const out = await new Promise<string>((resolve) => {
      const child = spawn('setpriv', [
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        process.execPath,
        join(base, 'client.cjs'),
      ]);
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.once('exit', () => resolve(text));
    });
    expect(out.trim()).toBe('got 0');
    expect(world.events.some((e) => e.event === 'browserPairingPrompt')).toBe(false);
    expect(world.notifier.notices).toEqual([
      expect.objectContaining({
        body: expect.stringContaining(`runs as user ${NOBODY}, not as you (0)`),
      }),
    ]);
    await world.app.shutdown();
  });
});

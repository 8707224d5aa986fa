// The built host program (extension/dist/host/host.cjs) as a browser runs it: a child process
// speaking native-messaging frames on stdio, relaying to the real bridge. Replayed and malformed
// frames through it get errors; a host killed in the middle of a frame leaves the bridge serving;
// with TrayOTP not running the host says so and exits.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserBridge } from '../../main/browser/bridge';
import { memoryPairingStore } from '../../main/browser/pairings';
import { TestClient } from '../unit/browser/support/client';
import { buildExtension, HOST_SCRIPT } from './support/harness';

let dir: string;
let bridge: BrowserBridge;
const hosts: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  buildExtension();
  dir = await mkdtemp(join(tmpdir(), 'trayotp-host-'));
  bridge = new BrowserBridge({
    place: { dir: join(dir, 'run'), path: join(dir, 'run', 'browser.sock') },
    store: memoryPairingStore(),
    accounts: () => [{ id: 'a', issuer: 'HostCo', name: 'alice', domains: ['panel.hostco.com'] }],
    code: async () => '246810',
    confirmPairing: async () => true,
    openToBind: () => undefined,
    addFromQr: async () => ({ id: 'a', label: 'HostCo' }),
  });
  await bridge.start();
}, 120_000);

afterAll(async () => {
  for (const host of hosts) host.kill('SIGKILL');
  await bridge?.stop();
  await rm(dir, { recursive: true, force: true });
});

function startHost(socket = bridge.place.path): ChildProcessWithoutNullStreams {
  const host = spawn(
    process.execPath,
    [HOST_SCRIPT, 'chrome-extension://begalpdalbkfinpdecoapohhnepbgphl/'],
    {
      env: { ...process.env, TRAYOTP_BROWSER_SOCKET: socket },
    },
  );
  hosts.push(host);
  return host;
}

async function clientThrough(host: ChildProcessWithoutNullStreams, key?: TestClient['key']) {
  return TestClient.overPipe(
    { readable: host.stdout, writable: host.stdin, destroy: () => host.kill() },
    key,
  );
}

const codeRequest = {
  op: 'code',
  top: 'https://panel.hostco.com/login',
  frame: 'https://panel.hostco.com/login',
  frameOrigin: 'https://panel.hostco.com',
};

describe('the host process', () => {
  it('relays a paired session; replayed and malformed frames get errors and the session goes on', async () => {
    const host = startHost();
    const client = await clientThrough(host);
    await client.hello('Chromium 156 on Linux');
    expect(bridge.connections()[0]).toMatchObject({
      caller: 'chrome-extension://begalpdalbkfinpdecoapohhnepbgphl/',
      hostPid: host.pid,
    });
    expect(await client.request(codeRequest)).toMatchObject({
      ok: true,
      codes: [{ code: '246810' }],
    });
    const sealed = client.channel!.seal({ kind: 'req', id: 99, ...codeRequest });
    client.send(sealed);
    await expect.poll(() => client.inner.length).toBe(2);
    client.send(sealed);
    expect(await client.nextError()).toMatchObject({ code: 'replayed' });
    client.send({ t: 'hello', v: 2 });
    expect(await client.nextError()).toMatchObject({ code: 'malformed' });
    expect(await client.request(codeRequest)).toMatchObject({ ok: true });
    host.stdin.end();
    await new Promise((resolve) => host.once('exit', resolve));
  });

  it('a host killed in the middle of a frame leaves the bridge serving the next one', async () => {
    const first = startHost();
    const client = await clientThrough(first);
    await client.hello();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(500);
    client.writeRaw(Buffer.concat([header, Buffer.from('{"t":"msg","n":1,"c":"AAA')]));
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    await expect.poll(() => bridge.connections().length).toBe(0);
    const second = await clientThrough(startHost(), client.key);
    await second.hello();
    expect(await second.request(codeRequest)).toMatchObject({ ok: true });
    second.close();
  });

  it('with TrayOTP not running, tells the browser so and exits 1', async () => {
    const host = startHost(join(dir, 'nobody-listens.sock'));
    const client = await clientThrough(host);
    expect(await client.nextError()).toMatchObject({ code: 'app-not-running' });
    const status = await new Promise((resolve) => host.once('exit', resolve));
    expect(status).toBe(1);
  });

  it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv'))(
    'refuses a listener running as another user (nobody, via setpriv), and sends it nothing',
    async () => {
      // nobody listens in its own folder; root moves the socket into a folder of ours and chowns
      // it, so only the kernel's peer uid (koffi, loaded by the built host) can tell.
      const theirs = join(dir, 'theirs');
      await mkdir(theirs, { mode: 0o777 });
      await chmod(theirs, 0o777);
      await chmod(dir, 0o755);
      const script = join(theirs, 'listen.cjs');
      await writeFile(
        script,
        `const s = require('node:net').createServer((c) => { c.on('data', (d) => process.stdout.write('got ' + d.length + '\\n')); });
         s.listen(${JSON.stringify(join(theirs, 'browser.sock'))}, () => process.stdout.write('ready\\n'));`,
      );
      await chmod(script, 0o644);
      const squatter = spawn('setpriv', [
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        process.execPath,
        script,
      ]);
      let heard = '';
      squatter.stdout.on('data', (d: Buffer) => (heard += d.toString()));
      await expect.poll(() => heard).toContain('ready');
      const ours = join(dir, 'ours');
      await mkdir(ours, { mode: 0o700 });
      await rename(join(theirs, 'browser.sock'), join(ours, 'browser.sock'));
      await chown(join(ours, 'browser.sock'), 0, 0);
      await chmod(join(ours, 'browser.sock'), 0o600);
      const host = startHost(join(ours, 'browser.sock'));
      const client = await clientThrough(host);
      client.send({
        t: 'hello',
        v: 1,
        key: 'A'.repeat(43) + '=',
        eph: 'A'.repeat(43) + '=',
        browser: 'x',
      });
      expect(await client.nextError()).toMatchObject({
        code: 'app-not-trusted',
        message: expect.stringContaining('runs as user 65534'),
      });
      expect(await new Promise((resolve) => host.once('exit', resolve))).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      squatter.kill('SIGKILL');
      await chmod(dir, 0o700);
      expect(heard).toBe('ready\n');
    },
  );
});

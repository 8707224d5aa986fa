// Issue 23, R1: a pairing records what identifies its browser: the native host's parent process
// (the browser starts the host) and its executable, so the hotkey knows that browser's windows
// by process even when its name is not a well-known browser's (a Chromium fork).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrowserBridge } from '../../../main/browser/bridge';
import { hostParentExecutable } from '../../../main/browser/host-parent';
import { memoryPairingStore } from '../../../main/browser/pairings';
import { PROTOCOL_VERSION } from '../../../main/browser/version';
import { browserApp } from '../app/browser/paired-app';
import { TestClient } from './support/client';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'trayotp-identity-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('hostParentExecutable', () => {
  it("reads the host's parent from /proc/<pid>/status and its executable", async () => {
    const proc = await temp();
    await mkdir(join(proc, '100'));
    await writeFile(
      join(proc, '100', 'status'),
      'Name:\thost\nPid:\t100\nPPid:\t200\nUid:\t1000\n',
    );
    await mkdir(join(proc, '200'));
    await symlink('/opt/thorium/thorium', join(proc, '200', 'exe'));
    expect(hostParentExecutable(100, 'linux', proc)).toBe('/opt/thorium/thorium');
    expect(hostParentExecutable(100, 'darwin', proc)).toBeUndefined();
    expect(hostParentExecutable(300, 'linux', proc)).toBeUndefined();
    expect(hostParentExecutable(1, 'linux', proc)).toBeUndefined();
  });

  it('finds this very process’s parent on this machine', () => {
    if (process.platform !== 'linux') return;
    expect(hostParentExecutable(process.pid)).toMatch(/^\//);
  });
});

describe('a pairing records its browser', () => {
  it("keeps the executable of the host's parent with the pairing", async () => {
    const dir = await temp();
    const store = memoryPairingStore();
    const bridge = new BrowserBridge({
      store,
      place: { dir: join(dir, 'run'), path: join(dir, 'run', 'browser.sock') },
      accounts: () => [],
      code: async () => '123456',
      confirmPairing: async () => true,
      openToBind: () => undefined,
      addFromQr: async () => ({ id: 'x', label: 'x' }),
      browserOfHost: (pid) => (pid === 4242 ? '/opt/thorium/thorium' : undefined),
    });
    await bridge.start();
    cleanup.push(() => bridge.stop());
    const client = await TestClient.connect(bridge.place.path);
    cleanup.push(async () => client.close());
    client.send({ t: 'host', v: PROTOCOL_VERSION, caller: 'chrome-extension://abc/', pid: 4242 });
    await client.hello();
    expect(await bridge.pairedPrograms()).toEqual([{ executable: '/opt/thorium/thorium' }]);
    expect((await store.load())?.browsers[0]?.executable).toBe('/opt/thorium/thorium');
  });

  it('the hotkey then leaves that browser’s windows to its extension, though no list knows it', async () => {
    const world = await browserApp({ title: 'Log in | HostCo — Thorium' });
    cleanup.push(() => world.close());
    await world.app.session.create();
    await world.app.adding.addUri(
      'otpauth://totp/HostCo:alice?secret=JBSWY3DPEHPK3PXP&issuer=HostCo',
    );
    const client = await TestClient.connect(world.place.path);
    // The host is this process here: its parent stands for the browser that started it.
    client.send({
      t: 'host',
      v: PROTOCOL_VERSION,
      caller: 'chrome-extension://abc/',
      pid: process.pid,
    });
    const hello = client.hello();
    const prompt = await new Promise<{ id: string }>((resolve) => {
      const check = () => {
        const found = world.events.find((e) => e.event === 'browserPairingPrompt');
        if (found) resolve(found.payload as { id: string });
        else setTimeout(check, 10);
      };
      check();
    });
    world.app.browser!.answerPairing(prompt.id, true);
    await hello;
    client.close();
    const browserExecutable = hostParentExecutable(process.pid);
    if (!browserExecutable) return; // not Linux: nothing is recorded
    world.activeWindow.focusedProgram = { pid: process.ppid, executable: browserExecutable };
    await expect.poll(() => world.app.browser!.connected).toBe(0);
    expect(await world.app.typing.typeCurrentCode()).toBe('browser-refused');
    expect(world.typer.typed).toEqual([]);
    expect(world.clipboard.text).toBe('');
  });
});

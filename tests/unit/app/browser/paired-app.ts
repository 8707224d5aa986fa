// The app as assembleApp builds it (tests/fakes/app.ts) with a real BrowserBridge on a socket in
// its temp folder, and a stand-in extension (the protocol from Node, tests/unit/browser) that
// pairs with it: the person's "Approve" is the window's browserPairingAnswer through the IPC table.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserHostFiles } from '../../../../main/app/ports/browser-host-files';
import { memoryPairingStore } from '../../../../main/browser/pairings';
import { fakeApp } from '../../../fakes/app';
import type { FakeAppOptions } from '../../../fakes/app';
import { TestClient } from '../../browser/support/client';

export interface BrowserAppOptions extends FakeAppOptions {
  hostFiles?: BrowserHostFiles;
  /** The socket's folder is a symlink (another user's trick): the bridge must refuse it. */
  unsafeFolder?: boolean;
  /** Settings' switch is off when the app starts. */
  off?: boolean;
}

export async function browserApp(options: BrowserAppOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'trayotp-app-browser-'));
  const place = { dir: join(dir, 'run'), path: join(dir, 'run', 'browser.sock') };
  if (options.unsafeFolder) {
    await mkdir(join(dir, 'elsewhere'));
    await symlink(join(dir, 'elsewhere'), place.dir);
  }
  const store = memoryPairingStore();
  const { hostFiles } = options;
  const world = await fakeApp({
    ...options,
    dir,
    browser: { store, place, ...(hostFiles && { hostFiles }) },
  });
  if (options.off) world.adapters.settingsStore.set({ browserIntegration: false });
  const clients: TestClient[] = [];
  await world.app.start();
  // start() does not wait for the socket (the app comes up either way): wait here.
  await waitFor(() => {
    const status = world.app.browser!.status();
    return !status.enabled || status.listening || status.problem ? true : undefined;
  });
  return {
    ...world,
    place,
    store,
    /** A stand-in extension connected and paired (the prompt approved in the window). */
    async pairedClient(browser = 'Chromium 140'): Promise<TestClient> {
      const client = await TestClient.connect(place.path);
      clients.push(client);
      const prompted = world.events.length;
      const hello = client.hello(browser);
      const prompt = await waitFor(() =>
        world.events.slice(prompted).find((e) => e.event === 'browserPairingPrompt'),
      );
      const { id } = prompt.payload as { id: string };
      const answered = await world.table.invoke('browserPairingAnswer', [id, true]);
      if (!(answered as { ok: boolean }).ok) throw new Error(JSON.stringify(answered));
      await hello;
      await waitFor(() => (world.app.browser!.connected > 0 ? true : undefined));
      return client;
    },
    async close(): Promise<void> {
      for (const client of clients) client.close();
      await world.app.shutdown();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(find: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The extension's session handles what the app sent in the order it came: a refusal that arrived
// before the host went away is what the person is told, and a pairing code still being handled
// never overwrites it. (Under load, Chromium's CI run showed the pairing code left in the
// toolbar after a refusal: the disconnect overtook the frames still in the inbox.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, newKeyPair, toBase64 } from '../../../main/browser/session-crypto';
import type * as Session from '../../../extension/src/native-session';

type Listener = (message?: unknown) => void;

interface FakePort {
  message: Set<Listener>;
  disconnect: Set<Listener>;
  sent: unknown[];
}

const ports: FakePort[] = [];
/** Storage reads wait on this while a test holds it. */
let storageGate: Promise<void> = Promise.resolve();
const storage: Record<string, unknown> = {};

const fakeChrome = {
  runtime: {
    lastError: undefined,
    connectNative: () => {
      const port: FakePort = { message: new Set(), disconnect: new Set(), sent: [] };
      ports.push(port);
      return {
        onMessage: { addListener: (l: Listener) => port.message.add(l) },
        onDisconnect: { addListener: (l: Listener) => port.disconnect.add(l) },
        postMessage: (m: unknown) => port.sent.push(m),
        disconnect: () => undefined,
      };
    },
  },
  storage: {
    local: {
      get: async (keys: string[]) => {
        await storageGate;
        return Object.fromEntries(keys.filter((k) => k in storage).map((k) => [k, storage[k]]));
      },
      set: async (items: Record<string, unknown>) => void Object.assign(storage, items),
      remove: async (keys: string[]) => keys.forEach((k) => delete storage[k]),
    },
  },
};

let NativeSession: typeof Session.NativeSession;

beforeAll(async () => {
  (globalThis as { chrome?: unknown }).chrome = fakeChrome;
  ({ NativeSession } = await import('../../../extension/src/native-session'));
  await cryptoReady();
});

afterAll(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('the extension’s native session', () => {
  it('tells the refusal that came before the host went away, after the pairing code', async () => {
    const seen: string[] = [];
    const session = await NativeSession.open({
      pairing: (code) => seen.push(`pairing ${code}`),
      appRequest: async () => 'refused',
    });
    const port = ports.at(-1)!;
    const ready = session.ready.then(
      () => 'ready',
      (error: { code: string }) => seen.push(`failed ${error.code}`),
    );
    // The pairing frame's storage read is slow; the refusal and the disconnect come meanwhile.
    let release!: () => void;
    storageGate = new Promise((resolve) => (release = resolve));
    const appKey = toBase64(newKeyPair().publicKey);
    for (const l of port.message) l({ t: 'pairing', key: appKey, code: '123 456' });
    for (const l of port.message)
      l({ t: 'error', code: 'pairing-refused', message: 'TrayOTP did not connect this browser.' });
    for (const l of port.disconnect) l();
    release();
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual(['pairing 123 456', 'failed pairing-refused']);
    await expect(session.request({ op: 'open', top: 'https://x.example/' })).rejects.toMatchObject({
      code: 'pairing-refused',
    });
  });
});

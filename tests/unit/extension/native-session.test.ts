// The extension's session handles what the app sent in the order it came: a refusal that arrived
// before the host went away is what the person is told, and a pairing code still being handled
// never overwrites it. (Under load, Chromium's CI run showed the pairing code left in the
// toolbar after a refusal: the disconnect overtook the frames still in the inbox.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  fromBase64,
  newKeyPair,
  SecureChannel,
  sessionKeys,
  toBase64,
} from '../../../main/browser/session-crypto';
import type * as Session from '../../../extension/src/native-session';

type Listener = (message?: unknown) => void;

interface FakePort {
  message: Set<Listener>;
  disconnect: Set<Listener>;
  sent: unknown[];
  /** The extension closed the port. */
  closed: boolean;
}

const ports: FakePort[] = [];
/** Storage reads wait on this while a test holds it. */
let storageGate: Promise<void> = Promise.resolve();
const storage: Record<string, unknown> = {};

const fakeChrome = {
  runtime: {
    lastError: undefined,
    connectNative: () => {
      const port: FakePort = {
        message: new Set(),
        disconnect: new Set(),
        sent: [],
        closed: false,
      };
      ports.push(port);
      return {
        onMessage: { addListener: (l: Listener) => port.message.add(l) },
        onDisconnect: { addListener: (l: Listener) => port.disconnect.add(l) },
        postMessage: (m: unknown) => port.sent.push(m),
        disconnect: () => void (port.closed = true),
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

/** A session through the welcome, with the app's end of the channel (the app already paired). */
async function openSession(closed: string[]) {
  const appStatic = newKeyPair();
  const appEph = newKeyPair();
  storage.appKey = toBase64(appStatic.publicKey);
  const session = await NativeSession.open({
    pairing: () => undefined,
    appRequest: async () => 'refused',
    closed: (reason) => closed.push(reason.code),
  });
  const port = ports.at(-1)!;
  const hello = port.sent[0] as { key: string; eph: string };
  const app = new SecureChannel(
    sessionKeys({
      role: 'app',
      staticKey: appStatic,
      ephemeral: appEph,
      peerStatic: fromBase64(hello.key),
      peerEphemeral: fromBase64(hello.eph),
    }),
  );
  for (const l of port.message)
    l({ t: 'welcome', key: toBase64(appStatic.publicKey), eph: toBase64(appEph.publicKey) });
  await session.ready;
  return { session, port, app };
}

describe('a session whose numbering fell out of step (issue 23, R4)', () => {
  it('an error frame from the app in a session closes it, fails what waits, and says so', async () => {
    const closed: string[] = [];
    const { session, port } = await openSession(closed);
    const waiting = session.request({ op: 'open', top: 'https://x.example/' });
    // The app dropped that frame (over its rate limit) and says so outside the session.
    for (const l of port.message)
      l({ t: 'error', code: 'rate-limited', message: 'Too many messages.' });
    await expect(waiting).rejects.toMatchObject({ code: 'rate-limited' });
    expect(session.closed).toBe(true);
    expect(port.closed).toBe(true);
    expect(closed).toEqual(['rate-limited']);
  });

  it('a replayed-message error closes the session as out of step', async () => {
    const closed: string[] = [];
    const { session, port } = await openSession(closed);
    const waiting = session.request({ op: 'open', top: 'https://x.example/' });
    for (const l of port.message)
      l({ t: 'error', code: 'replayed', message: 'Message 25 arrived before message 19.' });
    await expect(waiting).rejects.toMatchObject({ code: 'out-of-step' });
    expect(session.closed).toBe(true);
    expect(closed).toEqual(['out-of-step']);
  });

  it('a frame from the app out of order closes the session instead of being ignored', async () => {
    const closed: string[] = [];
    const { session, port, app } = await openSession(closed);
    const waiting = session.request({ op: 'open', top: 'https://x.example/' });
    app.seal({ kind: 'res', id: 99, ok: true, opened: true }); // n=0, never delivered
    const second = app.seal({ kind: 'res', id: 1, ok: true, opened: true }); // n=1
    for (const l of port.message) l(second);
    await expect(waiting).rejects.toMatchObject({ code: 'out-of-step' });
    expect(session.closed).toBe(true);
    expect(port.closed).toBe(true);
  });

  it('in step, a request is answered and the session stays open', async () => {
    const closed: string[] = [];
    const { session, port, app } = await openSession(closed);
    const waiting = session.request({ op: 'open', top: 'https://x.example/' });
    for (const l of port.message) l(app.seal({ kind: 'res', id: 1, ok: true, opened: true }));
    await expect(waiting).resolves.toMatchObject({ ok: true, opened: true });
    expect(session.closed).toBe(false);
    expect(closed).toEqual([]);
  });
});

describe('waiting for TrayOTP to ask about this browser', () => {
  it('a wait frame is passed on to the person, and the pairing code that follows too', async () => {
    const seen: string[] = [];
    delete storage.appKey;
    const session = await NativeSession.open({
      pairing: (code) => seen.push(`pairing ${code}`),
      waiting: (message) => seen.push(`waiting ${message}`),
      appRequest: async () => 'refused',
    });
    const port = ports.at(-1)!;
    for (const l of port.message)
      l({ t: 'wait', message: 'TrayOTP is asking about another browser first.' });
    for (const l of port.message)
      l({ t: 'pairing', key: toBase64(newKeyPair().publicKey), code: '654 321' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([
      'waiting TrayOTP is asking about another browser first.',
      'pairing 654 321',
    ]);
    expect(session.closed).toBe(false);
  });
});

/// <reference types="chrome" />
// The extension's side of the connection to TrayOTP: one native-messaging port (the browser
// starts the host, which relays to the app), the hello/pairing/welcome handshake, and sealed
// requests. The extension's long-term key lives in storage.local (per browser profile); the app's
// key is pinned at pairing, and a later answer with another key is refused: whoever holds the
// socket or pipe, only the TrayOTP this browser paired with gets requests and gives codes.
//
// Messages are numbered on both sides (session-crypto.ts). A frame the other side refused or
// dropped (over the rate limit, replayed, unreadable) would leave the numbers out of step for
// good, so any such error, or a frame from the app that does not open, ends the session: the
// port is closed and `closed` is told, and the background connects again (issue 23, R4).
import { toExtensionInnerSchema, toExtensionSchema } from '../../main/browser/protocol';
import type {
  AppResponse,
  ExtensionRequest,
  ExtensionResponse,
  ToExtension,
} from '../../main/browser/protocol';
import {
  cryptoReady,
  fromBase64,
  newKeyPair,
  SecureChannel,
  sessionKeys,
  toBase64,
} from '../../main/browser/session-crypto';
import type { KeyPair } from '../../main/browser/session-crypto';

export const HOST_NAME = 'app.trayotp.host';

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

export class SessionFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SessionFailure';
  }
}

interface Stored {
  key?: { publicKey: string; privateKey: string };
  appKey?: string;
}

async function stored(): Promise<Stored> {
  return ((await api.storage.local.get(['key', 'appKey'])) ?? {}) as Stored;
}

async function myKey(): Promise<KeyPair> {
  const { key } = await stored();
  if (key) return { publicKey: fromBase64(key.publicKey), privateKey: fromBase64(key.privateKey) };
  const fresh = newKeyPair();
  await api.storage.local.set({
    key: { publicKey: toBase64(fresh.publicKey), privateKey: toBase64(fresh.privateKey) },
  });
  return fresh;
}

/** Forgets this profile's identity (after a revocation): the next contact pairs anew. */
export async function forgetIdentity(): Promise<void> {
  await api.storage.local.remove(['key', 'appKey']);
}

function browserName(): string {
  const data = (
    navigator as {
      userAgentData?: { brands?: { brand: string; version: string }[]; platform?: string };
    }
  ).userAgentData;
  const brand =
    data?.brands?.find((b) => !/not.a.brand/i.test(b.brand) && b.brand !== 'Chromium') ??
    data?.brands?.find((b) => b.brand === 'Chromium');
  const firefox = /Firefox\/(\d+)/.exec(navigator.userAgent);
  const name = brand
    ? `${brand.brand} ${brand.version}`
    : firefox
      ? `Firefox ${firefox[1]}`
      : 'Browser';
  const platform =
    data?.platform || (/(Windows|Mac OS X|Linux)/.exec(navigator.userAgent)?.[1] ?? '');
  return `${name}${platform ? ` on ${platform.replace('Mac OS X', 'macOS')}` : ''}`.slice(0, 80);
}

export interface SessionEvents {
  /** TrayOTP is asking the person; show them the code. */
  pairing(code: string): void;
  /** TrayOTP is asking about another browser first; this one waits its turn (`message` says so). */
  waiting?(message: string): void;
  /** The session ended (after it was ready, or before): the background may connect again. */
  closed?(reason: SessionFailure): void;
  /** TrayOTP's hotkey: fill the focused field. */
  appRequest(): Promise<
    ExtensionResponse['outcome'] | { outcome: ExtensionResponse['outcome']; domain?: string }
  >;
}

export class NativeSession {
  readonly #port: chrome.runtime.Port;
  #channel: SecureChannel | undefined;
  #nextId = 1;
  readonly #waiting = new Map<
    number,
    { resolve: (r: AppResponse) => void; reject: (e: Error) => void }
  >();
  readonly ready: Promise<void>;
  #readyDone!: () => void;
  #readyFail!: (error: Error) => void;
  closed = false;
  #closeReason: SessionFailure = new SessionFailure(
    'disconnected',
    'The connection to TrayOTP closed.',
  );

  private constructor(
    private readonly key: KeyPair,
    private readonly ephemeral: KeyPair,
    private readonly events: SessionEvents,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.#readyDone = resolve;
      this.#readyFail = reject;
    });
    this.ready.catch(() => undefined);
    this.#port = api.runtime.connectNative(HOST_NAME);
    // One frame at a time, in order: a pairing frame still being handled must not
    // overtake the refusal that follows it.
    this.#port.onMessage.addListener((message: unknown) => {
      this.#inbox = this.#inbox.then(() => this.#receive(message)).catch(() => undefined);
    });
    // The disconnect too waits its turn: frames that came before it (a refusal) are handled
    // first, so the person is told why, and a pairing code is never shown after the end.
    this.#port.onDisconnect.addListener(() => {
      const lastError = api.runtime.lastError?.message;
      this.#inbox = this.#inbox.then(() => this.#disconnected(lastError)).catch(() => undefined);
    });
    this.#port.postMessage({
      t: 'hello',
      v: 1,
      key: toBase64(key.publicKey),
      eph: toBase64(ephemeral.publicKey),
      browser: browserName(),
    });
  }

  static async open(events: SessionEvents): Promise<NativeSession> {
    await cryptoReady();
    return new NativeSession(await myKey(), newKeyPair(), events);
  }

  #disconnected(lastError: string | undefined): void {
    this.#close(
      this.#channel
        ? this.#closeReason
        : new SessionFailure(
            this.#closeReason.code === 'disconnected' ? 'app-not-running' : this.#closeReason.code,
            this.#closeReason.code === 'disconnected'
              ? `TrayOTP could not be reached${lastError ? ` (${lastError})` : ''}. Is it running, with browser connections turned on?`
              : this.#closeReason.message,
          ),
    );
  }

  #pairingKey: string | undefined;
  #inbox: Promise<void> = Promise.resolve();

  async #receive(message: unknown): Promise<void> {
    if (this.closed) return;
    const parsed = toExtensionSchema.safeParse(message);
    if (!parsed.success) return;
    const frame: ToExtension = parsed.data;
    switch (frame.t) {
      case 'pairing': {
        const { appKey } = await stored();
        if (appKey && appKey !== frame.key) {
          return this.#fail(
            'app-key-changed',
            'Something other than the TrayOTP this browser paired with answered. Nothing was sent.',
          );
        }
        this.#pairingKey = frame.key;
        this.events.pairing(frame.code);
        return;
      }
      case 'wait':
        this.events.waiting?.(frame.message);
        return;
      case 'welcome': {
        const { appKey } = await stored();
        const expected = appKey ?? this.#pairingKey;
        if (expected !== frame.key) {
          return this.#fail(
            'app-key-changed',
            'Something other than the TrayOTP this browser paired with answered. Nothing was sent.',
          );
        }
        if (!appKey) await api.storage.local.set({ appKey: frame.key });
        try {
          this.#channel = new SecureChannel(
            sessionKeys({
              role: 'extension',
              staticKey: this.key,
              ephemeral: this.ephemeral,
              peerStatic: fromBase64(frame.key),
              peerEphemeral: fromBase64(frame.eph),
            }),
          );
        } catch {
          return this.#fail('bad-message', 'TrayOTP answered with an unusable key.');
        }
        this.#readyDone();
        return;
      }
      case 'error': {
        if (frame.code === 'revoked') await forgetIdentity();
        const failure = new SessionFailure(frame.code, frame.message);
        if (!this.#channel) {
          // Before the session: the app ends the connection after it (refused, revoked…).
          this.#closeReason = failure;
          this.#readyFail(failure);
          return;
        }
        // In a session, an error frame means the app refused a frame this side numbered: from
        // here on every message would be "out of order". End the session; the next request (or
        // the background) makes a new one.
        return this.#outOfStep(frame.code, frame.message);
      }
      case 'msg': {
        if (!this.#channel) return;
        let inner: unknown;
        try {
          inner = this.#channel.open(frame);
        } catch {
          // Out of order or unreadable: the two sides no longer agree on the numbers.
          return this.#outOfStep('bad-message', 'A message from TrayOTP could not be read.');
        }
        const checked = toExtensionInnerSchema.safeParse(inner);
        if (!checked.success) return;
        const body = checked.data;
        if (body.kind === 'res') {
          this.#waiting.get(body.id)?.resolve(body);
          this.#waiting.delete(body.id);
          return;
        }
        // Not awaited in the inbox: filling asks the app for the code, whose answer is the
        // next frame in.
        const channel = this.#channel;
        void this.events
          .appRequest()
          .catch(() => 'refused' as const)
          .then((result) => {
            const answer = typeof result === 'string' ? { outcome: result } : result;
            this.#post(channel.seal({ kind: 'res', id: body.id, ...answer }));
          });
        return;
      }
    }
  }

  #outOfStep(code: string, message: string): void {
    this.#fail(
      code === 'rate-limited' ? 'rate-limited' : 'out-of-step',
      code === 'rate-limited'
        ? 'Too many requests to TrayOTP at once; wait a moment and try again.'
        : `The connection to TrayOTP fell out of step (${message.replace(/\.$/, '')}); it is made again.`,
    );
  }

  #fail(code: string, message: string): void {
    this.#closeReason = new SessionFailure(code, message);
    this.#readyFail(this.#closeReason);
    this.#port.disconnect();
    this.#close(this.#closeReason);
  }

  #close(reason: SessionFailure): void {
    if (this.closed) return;
    this.closed = true;
    this.#readyFail(reason);
    for (const { reject } of this.#waiting.values()) reject(reason);
    this.#waiting.clear();
    this.events.closed?.(reason);
  }

  #post(frame: unknown): void {
    try {
      this.#port.postMessage(frame);
    } catch {
      this.#close(this.#closeReason);
    }
  }

  async request(
    body: DistributiveOmit<ExtensionRequest, 'kind' | 'id'>,
    timeoutMs = 30_000,
  ): Promise<AppResponse> {
    await this.ready;
    if (this.closed || !this.#channel) throw this.#closeReason;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new SessionFailure('timeout', 'TrayOTP did not answer in time.'));
      }, timeoutMs);
      this.#waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.#post(this.#channel!.seal({ kind: 'req', id, ...body }));
    });
  }

  disconnect(): void {
    this.#port.disconnect();
    this.#close(this.#closeReason);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

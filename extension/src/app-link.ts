/// <reference types="chrome" />
// The background's one link to TrayOTP: it opens the native session, asks through it, and keeps
// it open (issue 23, R1). A paired browser connects as soon as it starts (runtime.onStartup,
// onInstalled, the service worker's own start, and a 30 s alarm that wakes a stopped worker),
// not only when a page asks, so TrayOTP knows a paired extension is there and answers its hotkey
// through it instead of typing by window title. After a connection ends, it tries again after
// 1 s, 2 s, 4 s… up to a minute (backoff.ts), and starts the count again once it gets through.
// It never connects by itself when this profile was never paired, or after TrayOTP refused,
// revoked, or answered with another key: those wait for a person's gesture on a page.
import type { AppResponse } from '../../main/browser/protocol';
import { Backoff } from './backoff';
import type { FocusedReply } from './messages';
import { NativeSession, SessionFailure } from './native-session';

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

export const RECONNECT_ALARM = 'trayotp-reconnect';
/** Ends that only a person can mend: no connecting again by itself. */
const FINAL = new Set(['revoked', 'pairing-refused', 'app-key-changed', 'unsupported-version']);

type Request = Parameters<NativeSession['request']>[0];

export interface AppLinkEvents {
  /** TrayOTP shows `code` in its pairing prompt; `tab`/`frame` made the connection, if any. */
  pairing(code: string, tab: number | undefined, frame: number): void;
  /** TrayOTP asks about another browser first; this one waits (the app's words). */
  waiting(message: string, tab: number | undefined, frame: number): void;
  /** TrayOTP's hotkey. */
  fillFocused(): Promise<FocusedReply>;
}

export class AppLink {
  #session: NativeSession | undefined;
  #opening: Promise<NativeSession> | undefined;
  readonly #backoff = new Backoff(1000, 60_000);
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** Set after a final refusal: only a page's request connects again. */
  #stopped = false;
  #tab: number | undefined;
  #frame = 0;

  constructor(private readonly events: AppLinkEvents) {}

  /** Connects if this profile is paired and no session is open; never prompts a new pairing. */
  async keepConnected(): Promise<void> {
    if (this.#stopped || (this.#session && !this.#session.closed) || this.#opening) return;
    const { appKey } = ((await api.storage.local.get(['appKey'])) ?? {}) as { appKey?: string };
    if (!appKey) return;
    this.#tab = undefined;
    try {
      await (
        await this.#current()
      ).ready;
    } catch {
      // #closed scheduled the next attempt.
    }
  }

  /** A request to the app; a session lost or out of step mid-request is made again once. */
  async ask(body: Request, tabId: number | undefined, frameId = 0): Promise<AppResponse> {
    this.#stopped = false;
    for (let attempt = 0; ; attempt++) {
      this.#tab = tabId;
      this.#frame = frameId;
      const s = await this.#current();
      try {
        return await s.request(body);
      } catch (error) {
        if (
          error instanceof SessionFailure &&
          (error.code === 'disconnected' || error.code === 'out-of-step') &&
          attempt === 0
        )
          continue;
        throw error;
      }
    }
  }

  #current(): Promise<NativeSession> {
    if (this.#session && !this.#session.closed) return Promise.resolve(this.#session);
    this.#opening ??= NativeSession.open({
      pairing: (code) => this.events.pairing(code, this.#tab, this.#frame),
      waiting: (message) => this.events.waiting(message, this.#tab, this.#frame),
      appRequest: () => this.events.fillFocused(),
      closed: (reason) => this.#closed(reason),
    })
      .then((session) => {
        this.#session = session;
        session.ready.then(
          () => {
            this.#backoff.reset();
            clearTimeout(this.#retry);
            this.#retry = undefined;
          },
          () => undefined,
        );
        return session;
      })
      .finally(() => {
        this.#opening = undefined;
      });
    return this.#opening;
  }

  #closed(reason: SessionFailure): void {
    if (FINAL.has(reason.code)) {
      this.#stopped = true;
      return;
    }
    if (this.#retry !== undefined) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.keepConnected();
    }, this.#backoff.next());
  }
}

/** Wires the browser's start events and the alarm to `link.keepConnected()`. */
export function connectOnStart(link: AppLink): void {
  const connect = () => void link.keepConnected();
  api.runtime.onStartup.addListener(connect);
  api.runtime.onInstalled.addListener(connect);
  // A stopped service worker loses its timers; the alarm wakes it to try again.
  api.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === RECONNECT_ALARM) connect();
  });
  void api.alarms?.create(RECONNECT_ALARM, { periodInMinutes: 0.5 });
  // The worker's own start (the browser started it, or woke it for an event).
  connect();
}

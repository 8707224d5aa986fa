// One browser connection (one host process), from the host's first frame to its close: the
// hello, pairing if this browser is new, then encrypted requests in order. Every frame is rate
// limited as it is cut from the stream — before it is queued — then parsed and checked before it
// is acted on; anything wrong gets a plain error frame and the connection carries on (or closes,
// where carrying on would mean trusting the peer or losing count of its messages).
//
// Bounds (connection-limits.ts has the numbers): over the rate limit the peer is told and the
// connection closes, so a message dropped for the limit can never leave the session's numbering
// out of step (the extension reconnects); at most 64 frames / 1 MiB wait to be handled, beyond
// that the socket is not read (the peer's writes block in the kernel); answers honour
// backpressure (reading stops until the peer takes them; a peer that never does is closed);
// an unfinished frame or a connection that never says hello is closed after 10 s.
import type { Socket } from 'node:net';
import { cleanBrowserName } from './browser-name';
import type { ConnectionLimits } from './connection-limits';
import { encodeFrame, FrameReader } from './framing';
import type { FrameEvent } from './framing';
import { toAppInnerSchema, toAppSchema } from './protocol';
import type {
  AppResponse,
  ExtensionRequest,
  ExtensionResponse,
  ToApp,
  ToExtension,
  WireErrorCode,
} from './protocol';
import { TokenBucket } from './rate-limit';
import {
  fingerprint,
  fromBase64,
  newKeyPair,
  pairingCode,
  sessionKeys,
  toBase64,
} from './session-crypto';
import { SecureChannel, SessionError } from './session-crypto';

/** What a connection needs from the bridge. */
export interface ConnectionHost {
  now(): number;
  rate: { burst: number; perSecond: number };
  limits: ConnectionLimits;
  appKey(): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }>;
  /** 'paired' | 'revoked' | 'unknown' for an extension key. */
  statusOf(id: string): Promise<'paired' | 'revoked' | 'unknown'>;
  /**
   * Waits for this browser's turn, calls `showCode` as its prompt goes up, and asks the person;
   * true when approved, else the error to send.
   */
  pair(request: {
    id: string;
    key: string;
    browser: string;
    code: string;
    caller: string;
    /** The host's process id, as it introduced itself (its parent is the browser). */
    hostPid?: number | undefined;
    /** Aborted when this browser goes away: the prompt is withdrawn, or its place in line. */
    signal: AbortSignal;
    waiting(message: string): void;
    showCode(): void;
  }): Promise<true | { code: WireErrorCode; message: string }>;
  seen(id: string): void;
  handle(request: ExtensionRequest): Promise<AppResponse>;
  opened(connection: BrowserConnection): void;
  closed(connection: BrowserConnection): void;
}

export class BrowserConnection {
  readonly #reader = new FrameReader();
  readonly #bucket: TokenBucket;
  readonly #gone = new AbortController();
  #queue: Promise<void> = Promise.resolve();
  #queuedFrames = 0;
  #queuedBytes = 0;
  #pausedForQueue = false;
  #pausedForWrites = false;
  #partialTimer: NodeJS.Timeout | undefined;
  #helloTimer: NodeJS.Timeout | undefined;
  #heard = false;
  #state: 'hello' | 'pairing' | 'session' | 'closed' = 'hello';
  #channel: SecureChannel | undefined;
  #nextRequest = 1;
  readonly #waiting = new Map<number, (response: ExtensionResponse) => void>();
  caller = '';
  hostPid: number | undefined;
  /** fingerprint of the extension's key, once it said hello. */
  extensionId: string | undefined;
  browser = '';

  constructor(
    private readonly socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.#bucket = new TokenBucket(host.rate.burst, host.rate.perSecond, host.now);
    this.#helloTimer = setTimeout(() => this.close(true), host.limits.helloMs);
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('drain', () => {
      this.#pausedForWrites = false;
      this.#flow();
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  get inSession(): boolean {
    return this.#state === 'session';
  }

  /** Has sent no whole frame yet: first to make room when unpaired connections are capped. */
  get silent(): boolean {
    return this.#state === 'hello' && !this.#heard;
  }

  /** Closes; `abruptly` for a connection that has said nothing (no last frame to deliver). */
  close(abruptly = false): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearTimeout(this.#helloTimer);
    clearTimeout(this.#partialTimer);
    this.#gone.abort();
    this.#reader.clear();
    // Nothing more is read. end(), not destroy(): a last error frame still queued reaches the
    // host, which passes it to the browser; the socket is destroyed shortly after in any case.
    this.socket.pause();
    if (abruptly) this.socket.destroy();
    else {
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 500).unref();
    }
    for (const resolve of this.#waiting.values())
      resolve({ kind: 'res', id: 0, outcome: 'refused' });
    this.#waiting.clear();
    this.host.closed(this);
  }

  /** Asks the extension to fill its focused field (the app's hotkey). */
  ask(timeoutMs: number): Promise<ExtensionResponse> {
    const id = this.#nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        resolve({ kind: 'res', id, outcome: 'refused' });
      }, timeoutMs);
      this.#waiting.set(id, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.#send(this.#channel!.seal({ kind: 'req', id, op: 'fill-focused' }));
    });
  }

  #data(chunk: Buffer): void {
    if (this.#state === 'closed') return;
    let events: FrameEvent[];
    try {
      events = this.#reader.push(chunk);
    } catch {
      this.close();
      return;
    }
    if (events.length > 0) this.#heard = true;
    for (const event of events) {
      // The rate limit comes first: a frame over it is never queued, and ends the connection.
      if (!this.#bucket.take()) {
        this.#error('rate-limited', 'Too many messages; TrayOTP closed the connection.');
        this.close();
        return;
      }
      const bytes = event.kind === 'frame' ? event.body.length : 0;
      this.#queuedFrames += 1;
      this.#queuedBytes += bytes;
      this.#queue = this.#queue
        .then(() => this.#frame(event))
        .catch(() => this.#error('malformed', 'That message could not be handled.'))
        .finally(() => {
          this.#queuedFrames -= 1;
          this.#queuedBytes -= bytes;
          this.#flow();
        });
    }
    this.#flow();
  }

  /** Reads the socket only while the queue and the peer's unread answers are within bounds. */
  #flow(): void {
    if (this.#state === 'closed') return;
    const { queuedFrames, queuedBytes, partialFrameMs } = this.host.limits;
    this.#pausedForQueue = this.#queuedFrames >= queuedFrames || this.#queuedBytes >= queuedBytes;
    const paused = this.#pausedForQueue || this.#pausedForWrites;
    if (paused) this.socket.pause();
    else this.socket.resume();
    // An unfinished frame must finish in time, counted only while we are reading.
    if (this.#reader.buffered > 0 && !paused) {
      this.#partialTimer ??= setTimeout(() => this.close(true), partialFrameMs);
    } else {
      clearTimeout(this.#partialTimer);
      this.#partialTimer = undefined;
    }
  }

  async #frame(event: FrameEvent): Promise<void> {
    if (this.#state === 'closed') return;
    if (event.kind === 'oversized') {
      this.#error('oversized', `A message of ${event.length} bytes is over the 1 MB limit.`);
      return;
    }
    let frame: ToApp;
    try {
      const parsed = toAppSchema.safeParse(JSON.parse(event.body.toString('utf8')));
      if (!parsed.success) throw new Error('schema');
      frame = parsed.data;
    } catch {
      this.#error('malformed', 'That message is not one TrayOTP understands.');
      return;
    }
    switch (frame.t) {
      case 'host':
        if (this.caller || this.#state !== 'hello') {
          this.#error('malformed', 'The host introduced itself twice.');
          return;
        }
        this.caller = frame.caller;
        this.hostPid = frame.pid;
        return;
      case 'hello':
        if (this.#state !== 'hello') {
          this.#error('malformed', 'This connection already said hello.');
          return;
        }
        clearTimeout(this.#helloTimer);
        await this.#hello(frame);
        return;
      case 'msg':
        await this.#message(frame);
        return;
    }
  }

  async #hello(hello: Extract<ToApp, { t: 'hello' }>): Promise<void> {
    this.#state = 'pairing';
    const extensionKey = fromBase64(hello.key);
    const id = fingerprint(extensionKey);
    this.extensionId = id;
    this.browser = cleanBrowserName(hello.browser);
    const status = await this.host.statusOf(id);
    if (status === 'revoked') {
      this.#error('revoked', 'This browser was disconnected in TrayOTP; connect it again there.');
      this.close();
      return;
    }
    const appKey = await this.host.appKey();
    // The keys are checked before anyone is asked: a key that cannot make a session is refused
    // here, never after the person approved it.
    let keys;
    const ephemeral = newKeyPair();
    try {
      keys = sessionKeys({
        role: 'app',
        staticKey: appKey,
        ephemeral,
        peerStatic: extensionKey,
        peerEphemeral: fromBase64(hello.eph),
      });
    } catch {
      this.#error('malformed', 'That key cannot be used.');
      this.close();
      return;
    }
    if (status === 'unknown') {
      const code = pairingCode(extensionKey, appKey.publicKey);
      const answer = await this.host.pair({
        id,
        key: hello.key,
        browser: this.browser,
        code,
        caller: this.caller,
        hostPid: this.hostPid,
        signal: this.#gone.signal,
        waiting: (message) => this.#send({ t: 'wait', message }),
        showCode: () => this.#send({ t: 'pairing', key: toBase64(appKey.publicKey), code }),
      });
      if (this.#state !== 'pairing') return; // the browser went away meanwhile
      if (answer !== true) {
        this.#error(answer.code, answer.message);
        this.close();
        return;
      }
    }
    this.#channel = new SecureChannel(keys);
    this.#state = 'session';
    this.#send({
      t: 'welcome',
      key: toBase64(appKey.publicKey),
      eph: toBase64(ephemeral.publicKey),
    });
    this.host.seen(id);
    this.host.opened(this);
  }

  async #message(frame: { n: number; c: string }): Promise<void> {
    if (this.#state !== 'session' || !this.#channel) {
      this.#error(
        'not-paired',
        'This browser is not connected to TrayOTP; approve it in TrayOTP first.',
      );
      return;
    }
    let inner: unknown;
    try {
      inner = this.#channel.open(frame);
    } catch (error) {
      if (error instanceof SessionError) this.#error(error.code, error.message);
      else this.#error('bad-message', 'A message could not be opened.');
      return;
    }
    const parsed = toAppInnerSchema.safeParse(inner);
    if (!parsed.success) {
      const id =
        typeof inner === 'object' &&
        inner !== null &&
        Number.isSafeInteger((inner as { id?: unknown }).id)
          ? Math.max(0, (inner as { id: number }).id)
          : 0;
      this.#send(
        this.#channel.seal({
          kind: 'res',
          id,
          ok: false,
          code: 'malformed',
          message: 'That request is not one TrayOTP understands.',
        } satisfies AppResponse),
      );
      return;
    }
    const message = parsed.data;
    if (message.kind === 'res') {
      this.#waiting.get(message.id)?.(message);
      this.#waiting.delete(message.id);
      return;
    }
    const response = await this.host.handle(message);
    if (this.#state === 'session') this.#send(this.#channel.seal(response));
  }

  #error(code: WireErrorCode, message: string): void {
    this.#send({ t: 'error', code, message });
  }

  #send(frame: ToExtension): void {
    if (this.socket.destroyed || this.socket.writableEnded) return;
    if (this.socket.writableLength > this.host.limits.unreadBytes) {
      this.close(); // the peer reads nothing of what it asked for
      return;
    }
    if (!this.socket.write(encodeFrame(frame))) {
      this.#pausedForWrites = true;
      this.#flow();
    }
  }
}

// A stand-in for the extension's background (the same protocol, from Node) to test the app's
// side over its real socket: hello, pairing, sealed requests, and raw frames for bad input.
import { connect } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { encodeFrame, FrameReader } from '../../../../main/browser/framing';
import { toExtensionInnerSchema, toExtensionSchema } from '../../../../main/browser/protocol';
import type { ToExtension } from '../../../../main/browser/protocol';
import {
  cryptoReady,
  fromBase64,
  newKeyPair,
  SecureChannel,
  sessionKeys,
  toBase64,
} from '../../../../main/browser/session-crypto';
import type { KeyPair } from '../../../../main/browser/session-crypto';

/** Where frames go and come from: the app's socket, or a host process's stdio. */
export interface Pipe {
  readable: Readable;
  writable: Writable;
  destroy(): void;
}

export class TestClient {
  readonly pipe: Pipe;
  readonly frames: ToExtension[] = [];
  readonly raw: unknown[] = [];
  #waiters: Array<() => void> = [];
  channel: SecureChannel | undefined;
  closed = false;
  #nextId = 1;
  /** Answers to the app's fill-focused requests. */
  onAppRequest: (id: number) => unknown = (id) => ({ kind: 'res', id, outcome: 'no-field' });

  private constructor(
    pipe: Pipe,
    readonly key: KeyPair,
  ) {
    this.pipe = pipe;
    const reader = new FrameReader();
    pipe.readable.on('data', (chunk: Buffer) => {
      for (const event of reader.push(chunk)) {
        if (event.kind !== 'frame') continue;
        const json: unknown = JSON.parse(event.body.toString('utf8'));
        this.raw.push(json);
        const frame = toExtensionSchema.parse(json);
        this.frames.push(frame);
        this.#inner(frame);
        for (const wake of this.#waiters.splice(0)) wake();
      }
    });
    pipe.readable.on('close', () => {
      this.closed = true;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    pipe.readable.on('error', () => undefined);
    pipe.writable.on('error', () => undefined);
  }

  static async connect(path: string, key?: KeyPair): Promise<TestClient> {
    await cryptoReady();
    const socket = connect(path);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient(
      { readable: socket, writable: socket, destroy: () => socket.destroy() },
      key ?? newKeyPair(),
    );
  }

  /** Speaks through a host process's stdio, as the browser does. */
  static async overPipe(pipe: Pipe, key?: KeyPair): Promise<TestClient> {
    await cryptoReady();
    return new TestClient(pipe, key ?? newKeyPair());
  }

  readonly inner: unknown[] = [];
  #inner(frame: ToExtension): void {
    if (frame.t !== 'msg' || !this.channel) return;
    const message = toExtensionInnerSchema.parse(this.channel.open(frame));
    if (message.kind === 'req') {
      this.send(this.channel.seal(this.onAppRequest(message.id)));
      return;
    }
    this.inner.push(message);
  }

  send(frame: unknown): void {
    this.pipe.writable.write(encodeFrame(frame));
  }

  writeRaw(bytes: Buffer): void {
    this.pipe.writable.write(bytes);
  }

  /** Waits until a frame matching `ok` arrived (or the socket closed). */
  async next<T extends ToExtension>(ok: (f: ToExtension) => f is T, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.frames.find(ok);
      if (found) {
        this.frames.splice(this.frames.indexOf(found), 1);
        return found;
      }
      if (this.closed) throw new Error(`closed; frames: ${JSON.stringify(this.raw)}`);
      if (Date.now() > deadline) throw new Error(`timeout; frames: ${JSON.stringify(this.raw)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  nextError(ms?: number) {
    return this.next((f): f is Extract<ToExtension, { t: 'error' }> => f.t === 'error', ms);
  }

  /** hello → (pairing →) welcome; returns the pairing frame if there was one. */
  async hello(browser = 'Test Browser'): Promise<{ pairingCode?: string; appKey: string }> {
    const ephemeral = newKeyPair();
    this.send({
      t: 'hello',
      v: 1,
      key: toBase64(this.key.publicKey),
      eph: toBase64(ephemeral.publicKey),
      browser,
    });
    const first = await this.next(
      (f): f is Exclude<ToExtension, { t: 'msg' }> =>
        f.t === 'pairing' || f.t === 'welcome' || f.t === 'error',
    );
    if (first.t === 'error') throw Object.assign(new Error(first.message), { code: first.code });
    let pairingCode: string | undefined;
    let welcome: Exclude<ToExtension, { t: 'msg' }> = first;
    if (first.t === 'pairing') {
      pairingCode = first.code;
      welcome = await this.next(
        (f): f is Exclude<ToExtension, { t: 'msg' }> => f.t === 'welcome' || f.t === 'error',
      );
      if (welcome.t === 'error') {
        throw Object.assign(new Error(welcome.message), { code: welcome.code, pairingCode });
      }
    }
    if (welcome.t !== 'welcome') throw new Error('no welcome');
    this.channel = new SecureChannel(
      sessionKeys({
        role: 'extension',
        staticKey: this.key,
        ephemeral,
        peerStatic: fromBase64(welcome.key),
        peerEphemeral: fromBase64(welcome.eph),
      }),
    );
    return pairingCode === undefined
      ? { appKey: welcome.key }
      : { pairingCode, appKey: welcome.key };
  }

  /** Sends a sealed request and waits for its response. */
  async request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    const sealed = this.channel!.seal({ kind: 'req', id, ...body });
    this.send(sealed);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.inner.find((m) => (m as { id: number }).id === id);
      if (found) return found as Record<string, unknown>;
      const error = this.frames.find((f) => f.t === 'error');
      if (error) throw Object.assign(new Error((error as { message: string }).message), error);
      if (this.closed || Date.now() > deadline)
        throw new Error(`no response; ${JSON.stringify(this.raw)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.pipe.destroy();
  }
}

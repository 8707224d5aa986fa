// Length-prefixed JSON frames, as Chrome and Firefox speak to a native-messaging host: a 32-bit
// length in native byte order (little-endian on every platform TrayOTP ships for: x64, arm64),
// then that many bytes of UTF-8 JSON. The host re-sends the same frames over the app's socket, so
// one reader serves both. A browser refuses a message over 1 MB from the host, so neither side
// sends, or accepts, a bigger one; the length is checked before a byte of the body is kept.

/** Chrome's limit on a message from the host to the browser (1024 * 1024 bytes). */
export const MAX_FRAME_BYTES = 1024 * 1024;

export type FrameEvent =
  | { kind: 'frame'; body: Buffer }
  /** A frame over the limit: its bytes were skipped, the stream stays in step. */
  | { kind: 'oversized'; length: number };

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

/** A frame for `message` (any JSON value); refuses one over `max` bytes. */
export function encodeFrame(message: unknown, max = MAX_FRAME_BYTES): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > max) {
    throw new FrameError(`A message of ${body.length} bytes is over the ${max}-byte limit.`);
  }
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

/**
 * Cuts a byte stream into frames. Chunks may split a header or a body anywhere; an oversized
 * frame is reported and its body skipped (never buffered), so a hostile length costs nothing.
 */
export class FrameReader {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Bytes of an oversized body still to skip. */
  #skip = 0;

  constructor(private readonly max = MAX_FRAME_BYTES) {}

  /** Bytes held for an unfinished frame (0 between frames). */
  get buffered(): number {
    return this.#pendingBytes + this.#skip;
  }

  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    let data = chunk;
    if (this.#skip > 0) {
      const skipped = Math.min(this.#skip, data.length);
      this.#skip -= skipped;
      data = data.subarray(skipped);
    }
    if (data.length === 0) return events;
    this.#pending.push(data);
    this.#pendingBytes += data.length;
    for (;;) {
      if (this.#skip > 0 || this.#pendingBytes < 4) break;
      const length = this.#peekLength();
      // Chunks are joined only once the whole frame is here: a frame arriving in many small
      // chunks is copied once, not once per chunk.
      if (length <= this.max && this.#pendingBytes < 4 + length) break;
      const all = this.#take();
      if (length > this.max) {
        events.push({ kind: 'oversized', length });
        const available = all.length - 4;
        const skipped = Math.min(length, available);
        this.#skip = length - skipped;
        this.#keep(all.subarray(4 + skipped));
        continue;
      }
      if (all.length < 4 + length) {
        this.#keep(all);
        break;
      }
      events.push({ kind: 'frame', body: Buffer.from(all.subarray(4, 4 + length)) });
      this.#keep(all.subarray(4 + length));
    }
    return events;
  }

  #peekLength(): number {
    const first = this.#pending[0]!;
    if (first.length >= 4) return first.readUInt32LE(0);
    return Buffer.concat(this.#pending).readUInt32LE(0);
  }

  /** Forgets any unfinished frame (a closed connection keeps nothing). */
  clear(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skip = 0;
  }

  #take(): Buffer {
    const all = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    return all;
  }

  #keep(rest: Buffer): void {
    if (rest.length === 0) return;
    this.#pending = [rest];
    this.#pendingBytes = rest.length;
  }
}

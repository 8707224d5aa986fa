// Frames as browsers and the socket carry them: split anywhere, bounded before buffering.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from '../../../main/browser/framing';

const header = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

describe('frames', () => {
  it('round-trips any messages however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        (values, cut) => {
          const stream = Buffer.concat(values.map((v) => encodeFrame(v)));
          const reader = new FrameReader();
          const out: unknown[] = [];
          for (let i = 0; i < stream.length; i += cut) {
            for (const event of reader.push(stream.subarray(i, i + cut))) {
              if (event.kind === 'frame') out.push(JSON.parse(event.body.toString()));
            }
          }
          expect(out).toEqual(values.map((v) => JSON.parse(JSON.stringify(v))));
          expect(reader.buffered).toBe(0);
        },
      ),
    );
  });

  it('reports an oversized frame from its header and skips its body without keeping it', () => {
    const reader = new FrameReader(100);
    expect(reader.push(header(5_000))).toEqual([{ kind: 'oversized', length: 5_000 }]);
    expect(reader.push(Buffer.alloc(4_000))).toEqual([]);
    const next = encodeFrame({ ok: true });
    const events = reader.push(Buffer.concat([Buffer.alloc(1_000), next]));
    expect(events).toEqual([{ kind: 'frame', body: Buffer.from('{"ok":true}') }]);
    expect(reader.buffered).toBe(0);
  });

  it('holds a 4 GiB length claim without allocating it', () => {
    const reader = new FrameReader();
    expect(reader.push(header(0xffffffff))).toEqual([{ kind: 'oversized', length: 0xffffffff }]);
    expect(reader.buffered).toBe(0xffffffff); // bytes to skip, never buffered
  });

  it('refuses to send a message over the browser’s 1 MB limit', () => {
    expect(() => encodeFrame('x'.repeat(MAX_FRAME_BYTES))).toThrow(/over the 1048576-byte limit/);
    expect(encodeFrame('x'.repeat(MAX_FRAME_BYTES - 2)).length).toBe(MAX_FRAME_BYTES + 4);
  });
});

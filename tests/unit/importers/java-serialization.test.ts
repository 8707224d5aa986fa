// The Java serialization subset FreeOTP 2 backups need: a HashMap<String, String>. The streams
// here are written byte by byte after the JDK's format (Object Serialization Spec, ch. 6).
import { describe, expect, it } from 'vitest';
import { freeOtpImporter } from '../../../main/importers/freeotp';
import {
  isJavaSerialization,
  JavaSerializationError,
  readJavaObject,
  readStringMap,
} from '../../../main/importers/java-serialization';

const u16 = (n: number) => [n >> 8, n & 0xff];
const i32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const utf = (text: string) => {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...u16(bytes.length), ...bytes];
};
const str = (text: string) => [0x74, ...utf(text)];
const ref = (handle: number) => [0x71, ...i32(0x7e0000 + handle)];

/** A HashMap as JDK 8+ writes it: fields loadFactor and threshold, then capacity/size/pairs. */
function hashMap(pairs: number[][], size = pairs.length / 2): Uint8Array {
  return Uint8Array.from([
    0xac,
    0xed,
    0x00,
    0x05,
    0x73,
    0x72,
    ...utf('java.util.HashMap'),
    0x05,
    0x07,
    0xda,
    0xc1,
    0xc3,
    0x16,
    0x60,
    0xd1,
    0x03,
    ...u16(2),
    0x46,
    ...utf('loadFactor'),
    0x49,
    ...utf('threshold'),
    0x78,
    0x70,
    0x3f,
    0x40,
    0x00,
    0x00,
    ...i32(12),
    0x77,
    0x08,
    ...i32(16),
    ...i32(size),
    ...pairs.flat(),
    0x78,
  ]);
}

describe('java serialization reader', () => {
  it('reads a HashMap<String, String>, back-references and long strings included', () => {
    // Handles: 0 class desc, 1 the map, 2 "k1", 3 "v", 4 "k2".
    const long = 'x'.repeat(70_000);
    const bytes = hashMap([
      str('k1'),
      str('v'),
      str('k2'),
      ref(3),
      str('k3'),
      [0x7c, ...i32(0), ...i32(long.length), ...Buffer.from(long)],
    ]);
    expect(isJavaSerialization(bytes)).toBe(true);
    expect([...readStringMap(bytes)]).toEqual([
      ['k1', 'v'],
      ['k2', 'v'],
      ['k3', long],
    ]);
  });

  it('decodes modified UTF-8: two-byte NUL, accents, and surrogate pairs as two 3-byte units', () => {
    const text = [
      0x74,
      ...u16(11),
      0xc0,
      0x80,
      0xc3,
      0xa9,
      0xed,
      0xa0,
      0xbd,
      0xed,
      0xb8,
      0x80,
      0x41,
    ];
    expect(readJavaObject(Uint8Array.from([0xac, 0xed, 0x00, 0x05, ...text]))).toBe('\u0000é😀A');
  });

  it.each([
    [
      'no header',
      [0x12, 0x34, 0x00, 0x05],
      'This is not Java serialization data (no ACED0005 header).',
    ],
    [
      'an array',
      [0xac, 0xed, 0x00, 0x05, 0x75],
      'The data holds a Java array, which this reader does not support.',
    ],
    [
      'an enum',
      [0xac, 0xed, 0x00, 0x05, 0x7e],
      'The data holds a Java enum constant, which this reader does not support.',
    ],
    [
      'a string cut short',
      [0xac, 0xed, 0x00, 0x05, 0x74, 0x00, 0x09, 0x41],
      'The serialized data ends in the middle of a value.',
    ],
    [
      'a dangling reference',
      [0xac, 0xed, 0x00, 0x05, ...ref(5)],
      'A back-reference points to no earlier object.',
    ],
    [
      'bad modified UTF-8',
      [0xac, 0xed, 0x00, 0x05, 0x74, 0x00, 0x01, 0xff],
      'A string is not valid modified UTF-8.',
    ],
  ])('refuses %s', (_what, bytes, message) => {
    expect(() => readJavaObject(Uint8Array.from(bytes))).toThrow(message);
  });

  it.each([
    [
      'a size that does not match the pairs',
      hashMap([str('a'), str('b')], 2),
      'The HashMap says it holds 2 entries but holds 1.',
    ],
    [
      'a null value',
      hashMap([str('a'), [0x70]]),
      'The HashMap holds a key or value that is not a String.',
    ],
    [
      'a string instead of a map',
      Uint8Array.from([0xac, 0xed, 0x00, 0x05, ...str('hi')]),
      'The data does not start with an object.',
    ],
  ])('refuses a map with %s', (_what, bytes, message) => {
    expect(() => readStringMap(bytes)).toThrow(message);
  });
});

describe('java serialization reader: hostile streams end with a typed error', () => {
  const header = [0xac, 0xed, 0x00, 0x05];
  const uid = [0, 0, 0, 0, 0, 0, 0, 1];

  it('a class whose superclass is itself (35 bytes) is refused, not looped over', () => {
    const bytes = Uint8Array.from([
      ...header,
      0x73, // object
      0x72, // new class description, handle 0
      ...utf('A'),
      ...uid,
      0x02, // SC_SERIALIZABLE
      ...u16(0), // no fields
      0x78, // end of class annotations
      ...ref(0), // superclass: handle 0, the class itself
    ]);
    expect(bytes.length).toBeLessThanOrEqual(35);
    expect(() => readJavaObject(bytes)).toThrow(/superclass.*(cycle|itself)/i);
  });

  it('a superclass chain longer than any real class hierarchy is refused', () => {
    const chain: number[] = [];
    for (let i = 0; i < 40; i++) chain.push(0x72, ...utf(`C${i}`), ...uid, 0x02, ...u16(0), 0x78);
    const bytes = Uint8Array.from([...header, 0x73, ...chain, 0x70]);
    expect(() => readJavaObject(bytes)).toThrow(/superclass/i);
  });

  it('objects nested 100,000 deep are refused with a depth error, not a stack overflow', () => {
    // A class whose writeObject data holds another object of the same class, and so on.
    const first = [0x73, 0x72, ...utf('N'), ...uid, 0x03, ...u16(0), 0x78, 0x70];
    const again = [0x73, ...ref(0)];
    const parts: number[] = [...header, ...first];
    for (let i = 0; i < 100_000; i++) parts.push(...again);
    const bytes = Uint8Array.from(parts);
    let thrown: unknown;
    try {
      readJavaObject(bytes);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JavaSerializationError);
    expect((thrown as Error).message).toMatch(/nested/i);
  });

  it('a FreeOTP backup built that way is a damaged file (ImportError), not an internal error', async () => {
    const parts: number[] = [...header, 0x73, 0x72, ...utf('N'), ...uid, 0x03, ...u16(0), 0x78];
    parts.push(0x70, ...str('masterKey'));
    for (let i = 0; i < 50_000; i++) parts.push(0x73, ...ref(0));
    const input = { fileName: 'externalBackup.xml', bytes: Uint8Array.from(parts) };
    await expect(freeOtpImporter.read(input, 'pw')).rejects.toMatchObject({
      name: 'ImportError',
      code: 'damaged',
    });
  });
});

// Byte-level writers for the crafted inputs: protobuf (Google's export payload), Java object
// serialization (FreeOTP 2 backups), and the otpauth-migration link around a payload. Written
// here because the inputs must be what no well-behaved library would write.

/** A protobuf varint; negative int32 values take ten bytes, as protobuf writes them. */
export function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Buffer.from(out);
}

export const pb = {
  int: (field: number, value: number | bigint) =>
    Buffer.concat([varint(field << 3), varint(value)]),
  bytes: (field: number, value: Uint8Array | string) => {
    const data = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
    return Buffer.concat([varint((field << 3) | 2), varint(data.length), data]);
  },
};

/** One OtpParameters message (secret bytes, name, issuer, TOTP). */
export function otpParameters(
  name: string,
  issuer = 'Hostile',
  secret = 'hostile-secret-1',
): Buffer {
  return Buffer.concat([
    pb.bytes(1, secret),
    pb.bytes(2, name),
    pb.bytes(3, issuer),
    pb.int(4, 1),
    pb.int(5, 1),
    pb.int(6, 2),
  ]);
}

export function migrationPayload(options: {
  entries?: Buffer[];
  batchSize?: number;
  batchIndex?: number;
  batchId?: number;
  extra?: Buffer;
}): Buffer {
  const entries = options.entries ?? [otpParameters('alice')];
  return Buffer.concat([
    ...entries.map((entry) => pb.bytes(1, entry)),
    pb.int(2, 1),
    pb.int(3, options.batchSize ?? 1),
    pb.int(4, options.batchIndex ?? 0),
    pb.int(5, options.batchId ?? 7),
    options.extra ?? Buffer.alloc(0),
  ]);
}

export function migrationLink(payload: Uint8Array): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}

// ---- Java object serialization ----------------------------------------------------------------

export const TC = {
  NULL: 0x70,
  REFERENCE: 0x71,
  CLASSDESC: 0x72,
  OBJECT: 0x73,
  STRING: 0x74,
  BLOCKDATA: 0x77,
  ENDBLOCKDATA: 0x78,
} as const;
export const BASE_HANDLE = 0x7e0000;
export const JAVA_HEADER = Buffer.from([0xac, 0xed, 0x00, 0x05]);

export function utf(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

export function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

export function reference(handle: number): Buffer {
  return Buffer.concat([Buffer.from([TC.REFERENCE]), int32(BASE_HANDLE + handle)]);
}

export function javaString(text: string): Buffer {
  return Buffer.concat([Buffer.from([TC.STRING]), utf(text)]);
}

/** A serialized java.util.HashMap<String, String>, as FreeOTP 2 writes its backup. */
export function javaStringMap(entries: [string, string][]): Buffer {
  const uid = Buffer.from('0507dac1c31660d1', 'hex');
  const loadFactor = Buffer.alloc(4);
  loadFactor.writeFloatBE(0.75);
  const sizes = Buffer.concat([int32(16), int32(entries.length)]);
  return Buffer.concat([
    JAVA_HEADER,
    Buffer.from([TC.OBJECT, TC.CLASSDESC]),
    utf('java.util.HashMap'),
    uid,
    Buffer.from([0x03]), // SC_WRITE_METHOD | SC_SERIALIZABLE
    Buffer.from([0x00, 0x02]),
    Buffer.from('F', 'latin1'),
    utf('loadFactor'),
    Buffer.from('I', 'latin1'),
    utf('threshold'),
    Buffer.from([TC.ENDBLOCKDATA, TC.NULL]),
    loadFactor,
    int32(12),
    Buffer.from([TC.BLOCKDATA, sizes.length]),
    sizes,
    ...entries.flatMap(([key, value]) => [javaString(key), javaString(value)]),
    Buffer.from([TC.ENDBLOCKDATA]),
  ]);
}

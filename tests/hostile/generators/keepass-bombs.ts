// KeePass databases whose compressed parts are bombs (issue 24), written here: kdbxweb writes a
// small real database (AES-KDF, 1,000 rounds, so the key is cheap), and its compressed payload is
// replaced, before encryption, by a gzip stream crafted from pieces: deflate blocks of 1 MiB of
// one byte, repeated (about 1 KiB each, so 8 GiB take 8 MB), between the real XML's head and
// tail. Header, HMAC and hashed blocks are kdbxweb's own, so the right password opens the file
// and only the inflated content is hostile; with another password it is refused before that.
import { constants, crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import * as kdbxweb from 'kdbxweb';
import { bytesInput } from './input';
import type { HostileInput } from './input';

const MiB = 1024 * 1024;
export const KEEPASS_BOMB_PASSWORD = 'bomb';

/** Bytes, or `count` times the same 1 MiB chunk of `byte`. */
type Piece = Buffer | { byte: number; count: number };

const syncFlushed = (bytes: Buffer, level = 9) =>
  deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH, level });

/**
 * One gzip member of the pieces. Each piece is deflated on its own and ends on a byte boundary
 * (a sync flush), so the pieces' blocks can follow one another; an empty final block ends it.
 * The CRC is computed only when asked (8 GiB of it would take a while; nothing reads that far).
 */
export function craftedGzip(pieces: Piece[], withCrc = true, level = 9): Buffer {
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])];
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    if (Buffer.isBuffer(piece)) {
      parts.push(syncFlushed(piece, level));
      if (withCrc) crc = crc32(piece, crc);
      size += piece.length;
      continue;
    }
    const chunk = Buffer.alloc(MiB, piece.byte);
    const block = syncFlushed(chunk);
    for (let i = 0; i < piece.count; i++) {
      parts.push(block);
      if (withCrc) crc = crc32(chunk, crc);
    }
    size += piece.count * MiB;
  }
  parts.push(Buffer.from([0x03, 0x00])); // a final, empty block with fixed codes
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  parts.push(trailer);
  return Buffer.concat(parts);
}

export type BombKind =
  /** The Notes field of the one entry holds `mib` MiB of one letter. */
  | { kind: 'notes'; mib: number; protected?: boolean; crc?: boolean }
  /** The Notes field holds `text` as it is (a huge field that is no bomb). */
  | { kind: 'field'; text: Buffer; protected?: boolean }
  /** Meta's Binaries hold one Compressed="True" attachment that inflates to `mib` MiB. */
  | { kind: 'attachment'; mib: number };

/** What replaces the XML: its head, the hostile middle, its tail. */
function craft(plain: Buffer, bomb: BombKind): Buffer {
  const xmlAt = plain.indexOf('<?xml');
  const prefix = plain.subarray(0, xmlAt); // KDBX 4's inner header; empty in KDBX 3.1
  const xml = plain.subarray(xmlAt).toString('utf8');
  if (bomb.kind === 'notes' || bomb.kind === 'field') {
    const at = xml.indexOf('<Entry>') + '<Entry>'.length;
    const open = bomb.protected ? '<Value Protected="True">' : '<Value>';
    const head = Buffer.concat([
      prefix,
      Buffer.from(`${xml.slice(0, at)}<String><Key>Notes</Key>${open}`),
    ]);
    const tail = Buffer.from(`</Value></String>${xml.slice(at)}`);
    if (bomb.kind === 'field') return craftedGzip([head, bomb.text, tail]);
    return craftedGzip([head, { byte: 0x41, count: bomb.mib }, tail], bomb.crc ?? bomb.mib <= 1024);
  }
  const inner = craftedGzip([{ byte: 0x41, count: bomb.mib }], false).toString('base64');
  const at = xml.indexOf('<Meta>') + '<Meta>'.length;
  const binaries = `<Binaries><Binary ID="0" Compressed="True">${inner}</Binary></Binaries>`;
  // Stored, not deflated: the inner bomb's base64 repeats itself, and deflated it would make the
  // payload a bomb too, refused before the attachment is reached.
  return craftedGzip(
    [Buffer.concat([prefix, Buffer.from(`${xml.slice(0, at)}${binaries}${xml.slice(at)}`)])],
    true,
    0,
  );
}

interface FormatInternals {
  kdbx: kdbxweb.Kdbx;
  encryptData(data: ArrayBuffer, key: ArrayBuffer): Promise<ArrayBuffer>;
  encryptXmlV3(): Promise<ArrayBuffer>;
  getMasterKeyV3(): Promise<ArrayBuffer>;
}

const bufferOf = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** A KDBX `version` database opened by KEEPASS_BOMB_PASSWORD whose content is `bomb`. */
export async function keepassBomb(version: 3 | 4, bomb: BombKind): Promise<Uint8Array> {
  const db = kdbxweb.Kdbx.create(
    new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(KEEPASS_BOMB_PASSWORD)),
    'Bomb',
  );
  db.setVersion(version);
  if (version === 4) {
    db.setKdf(kdbxweb.Consts.KdfId.Aes);
    db.header.kdfParameters!.set(
      'R',
      kdbxweb.VarDictionary.ValueType.UInt64,
      new kdbxweb.Int64(1000),
    );
  } else {
    db.header.keyEncryptionRounds = 1000;
  }
  const entry = db.createEntry(db.getDefaultGroup());
  entry.fields.set('Title', 'GitHub');
  entry.fields.set('otp', 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP');

  const format = new kdbxweb.KdbxFormat(db);
  const hooks = format as unknown as FormatInternals;
  const own = Object.getPrototypeOf(format) as FormatInternals;
  if (version === 4) {
    // kdbxweb gzipped the real inner header and XML: unpacked, crafted, encrypted as its own.
    hooks.encryptData = function (this: FormatInternals, data, key) {
      const crafted = craft(gunzipSync(new Uint8Array(data)), bomb);
      return own.encryptData.call(this, bufferOf(crafted), key);
    };
  } else {
    // KDBX 3.1 gzips inside encryptXmlV3: its steps, with the crafted stream in place of gzip.
    hooks.encryptXmlV3 = async function (this: FormatInternals) {
      const xml = Buffer.from(kdbxweb.XmlUtils.serialize(this.kdbx.xml!));
      const hashed = await kdbxweb.HashedBlockTransform.encrypt(bufferOf(craft(xml, bomb)));
      const start = new Uint8Array(this.kdbx.header.streamStartBytes!);
      const data = new Uint8Array(start.length + hashed.byteLength);
      data.set(start);
      data.set(new Uint8Array(hashed), start.length);
      const masterKey = await this.getMasterKeyV3();
      return own.encryptData.call(this, data.buffer, masterKey);
    };
  }
  return new Uint8Array(await format.save());
}

/** Hex digits of pseudo-random bytes: text that compresses about 2×, as real text does. */
function hexText(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let state = 0x9e3779b9;
  for (let i = 0; i < bytes; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = '0123456789abcdef'.charCodeAt(state >>> 28);
  }
  return out;
}

/** Base64 of pseudo-random bytes, as a protected value looks. */
function base64Text(bytes: number): Buffer {
  return Buffer.from(hexText((bytes * 3) / 4).toString('base64'));
}

/**
 * The KeePass bombs are answered within 1 GiB (issue 24), tighter than the harness's 1,280 MiB;
 * their time is the harness's 10 s of CPU (wall time on this shared machine varies with its load).
 */
const BOMB_LIMITS = { rssMiB: 1024 };

/**
 * The KeePass bombs of the hostile harness, each with the right password and with another, and
 * huge fields just under the inflate budget, which the reading worker's heap bound answers.
 */
export function keepassBombInputs(): HostileInput[] {
  const bombs: [string, 3 | 4, BombKind][] = [
    ['kdbx4-gzip-8gib', 4, { kind: 'notes', mib: 8 * 1024 }],
    ['kdbx3-gzip-8gib', 3, { kind: 'notes', mib: 8 * 1024 }],
    ['kdbx4-notes-450mb', 4, { kind: 'notes', mib: 450 }],
    ['kdbx4-protected-450mb', 4, { kind: 'notes', mib: 450, protected: true }],
    ['kdbx3-attachment-4gib', 3, { kind: 'attachment', mib: 4 * 1024 }],
    ['kdbx4-attachment-4gib', 4, { kind: 'attachment', mib: 4 * 1024 }],
  ];
  const input = (name: string, make: () => Promise<Uint8Array>, password: string) => ({
    ...bytesInput(`keepass-bombs/${name}`, ['import'], 'bomb.kdbx', make, password),
    limits: BOMB_LIMITS,
  });
  return [
    ...bombs.flatMap(([name, version, bomb]) => {
      const make = () => keepassBomb(version, bomb);
      return [
        input(name, make, KEEPASS_BOMB_PASSWORD),
        input(`${name}-wrong-password`, make, 'wrong'),
      ];
    }),
    input(
      'kdbx4-notes-52mib-text',
      () => keepassBomb(4, { kind: 'field', text: hexText(52 * MiB) }),
      KEEPASS_BOMB_PASSWORD,
    ),
    input(
      'kdbx4-protected-40mib',
      () => keepassBomb(4, { kind: 'field', text: base64Text(40 * MiB), protected: true }),
      KEEPASS_BOMB_PASSWORD,
    ),
  ];
}

/**
 * A file that makes the reading worker overrun its time: an allowed AES-KDF (45 million rounds,
 * under the 50 million bound, seconds of work) read with the worker's budget lowered to 1.5 s.
 */
export function workerOverrunInputs(kdbx4WithRounds: (rounds: number) => Buffer): HostileInput[] {
  return [
    {
      ...bytesInput(
        'worker-budget/keepass-aes-kdf-45M-rounds-1.5s',
        ['import'],
        'slow.kdbx',
        () => kdbx4WithRounds(45_000_000),
        'any password',
      ),
      workerTimeMs: 1_500,
    },
  ];
}

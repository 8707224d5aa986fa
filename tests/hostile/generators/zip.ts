// ZIP bombs for the importers that open ZIP archives (Authenticator Plus: Accounts.txt; Proton
// Pass: "Proton Pass/data.json"). The ZIP writer is hand-written because the bombs need what no
// archiver writes: a deflate stream built by repeating one flushed block (1 KiB of compressed
// data per MiB of spaces, so 1 GiB costs about 1 MiB), and central-directory sizes that lie.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { bytesInput } from './input';
import type { HostileInput } from './input';

const MiB = 1024 * 1024;

interface ZipEntry {
  name: string;
  /** Stored (method 0) or deflated (method 8) bytes as they go in the archive. */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** The uncompressed size the headers declare. */
  size: number;
}

export function storedEntry(name: string, content: Uint8Array | string): ZipEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, data, method: 0, crc: crc32(data), size: data.length };
}

export function deflatedEntry(name: string, content: Uint8Array | string): ZipEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    name,
    data: deflateRawSync(raw, { level: 9 }),
    method: 8,
    crc: crc32(raw),
    size: raw.length,
  };
}

/**
 * An entry that inflates to `totalMiB` MiB of `fill` bytes: one MiB deflated with a full flush
 * (a byte-aligned, non-final block that refers to nothing before it) repeated, then an empty
 * final block. `declaredSize` lets the headers lie about the size (ZIP sizes are 32-bit).
 */
export function bombEntry(
  name: string,
  totalMiB: number,
  fill = 0x20,
  declaredSize?: number,
): ZipEntry {
  const chunk = Buffer.alloc(MiB, fill);
  const block = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  const data = Buffer.concat([...Array<Buffer>(totalMiB).fill(block), finalEmptyBlock]);
  let crc = 0;
  for (let i = 0; i < totalMiB; i++) crc = crc32(chunk, crc);
  const size = declaredSize ?? Math.min(totalMiB * MiB, 0xffffffff);
  return { name, data, method: 8, crc, size };
}

/** A ZIP archive (no ZIP64, no encryption) of the entries, in order. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const ACCOUNTS = 'Accounts.txt';
const PROTON = 'Proton Pass/data.json';
const LINK = 'otpauth://totp/Zip:alice?secret=JBSWY3DPEHPK3PXP&issuer=Zip\n';

export function zipBombs(): HostileInput[] {
  const zip = (name: string, fileName: string, entries: () => ZipEntry[]) =>
    bytesInput(`bombs/${name}`, ['import'], fileName, () => zipArchive(entries()), 'password');
  return [
    zip('zip-accounts-1gib-of-spaces', 'export.zip', () => [bombEntry(ACCOUNTS, 1024)]),
    zip('zip-accounts-4gib-of-newlines', 'export.zip', () => [bombEntry(ACCOUNTS, 4096, 0x0a)]),
    zip('zip-accounts-size-lies-1kib-is-1gib', 'export.zip', () => [
      bombEntry(ACCOUNTS, 1024, 0x20, 1024),
    ]),
    zip('zip-proton-pass-1gib-data-json', 'proton.zip', () => [bombEntry(PROTON, 1024)]),
    zip('zip-100k-entries', 'export.zip', () => [
      ...Array.from({ length: 100_000 }, (_, i) => storedEntry(`e${i}`, '')),
      storedEntry(ACCOUNTS, LINK),
    ]),
    zip('zip-100k-entries-all-named-accounts', 'export.zip', () =>
      Array.from({ length: 100_000 }, () => storedEntry(ACCOUNTS, LINK)),
    ),
    zip('zip-nested-zip-of-bombs', 'export.zip', () => [
      deflatedEntry(
        ACCOUNTS,
        zipArchive(
          Array.from({ length: 16 }, (_, i) => bombEntry(i === 0 ? ACCOUNTS : `${i}.txt`, 256)),
        ),
      ),
    ]),
    zip('zip-nested-proton-pass-in-proton-pass', 'proton.zip', () => [
      deflatedEntry(PROTON, zipArchive([bombEntry(PROTON, 1024)])),
    ]),
  ];
}

// Image bombs for the image decoder (main/qr/image-file.ts) and for the Google export importer,
// which decodes any picture it is given: headers that declare huge pictures, a real PNG that
// inflates to a gigabyte of pixels, SVGs that ask to be drawn huge or hold a great many shapes.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { bytesInput } from './input';
import type { HostileInput } from './input';

const targets = ['image', 'import'] as const;

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

function ihdr(width: number, height: number, colorType: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = colorType; // 0 grey, 6 RGBA
  return pngChunk('IHDR', data);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function adler32Repeated(unit: Uint8Array, count: number, tail: Uint8Array): number {
  let a = 1;
  let b = 0;
  const feed = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      a += bytes[i]!;
      b += a;
      if ((i & 0xfff) === 0xfff) {
        a %= 65521;
        b %= 65521;
      }
    }
    a %= 65521;
    b %= 65521;
  };
  for (let i = 0; i < count; i++) feed(unit);
  feed(tail);
  return ((b << 16) | a) >>> 0;
}

/**
 * A valid grey PNG of width × height pixels whose rows repeat `tile` (a few rows of pixels),
 * with a tiny IDAT: a block of tiles is deflated once (full flush) and repeated, as zip bombs do.
 */
export function tiledPng(width: number, height: number, tile: Uint8Array[]): Buffer {
  const rows = tile.map((pixels) => Buffer.concat([Buffer.from([0]), pixels])); // filter: none
  const tileBytes = Buffer.concat(rows);
  const tilesPerBlock = Math.max(1, Math.floor((1024 * 1024) / tileBytes.length));
  const rowsPerBlock = tilesPerBlock * rows.length;
  const block = Buffer.concat(Array<Buffer>(tilesPerBlock).fill(tileBytes));
  const blocks = Math.floor(height / rowsPerBlock);
  const rest = Buffer.concat(
    Array.from({ length: height - blocks * rowsPerBlock }, (_, i) => rows[i % rows.length]!),
  );
  const flushed = deflateRawSync(block, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(rest, { level: 9 }); // final block
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(adler32Repeated(block, blocks, rest));
  const zlib = Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array<Buffer>(blocks).fill(flushed),
    last,
    adler,
  ]);
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height, 0),
    pngChunk('IDAT', zlib),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function whitePng(width: number, height: number): Buffer {
  return tiledPng(width, height, [Buffer.alloc(width, 0xff)]);
}

/**
 * Finder-pattern bait: a QR finder pattern (7 × 7 modules of one pixel, 1:1:3:1:1) in every
 * `cell` × `cell` square, so a decoder finds candidates everywhere and none make a code.
 */
export function finderGridPng(width: number, height: number, cell: number): Buffer {
  const tile = Array.from({ length: cell }, (_, y) => {
    const row = Buffer.alloc(width, 0xff);
    for (let x = 0; x < width; x++) {
      const dx = x % cell;
      if (dx >= 7 || y >= 7) continue;
      const d = Math.max(Math.abs(dx - 3), Math.abs(y - 3));
      if (d === 3 || d <= 1) row[x] = 0;
    }
    return row;
  });
  return tiledPng(width, height, tile);
}

/** A PNG whose header declares width × height RGBA pixels and whose data is one short row. */
function declaredPng(width: number, height: number): Buffer {
  const idat = Buffer.concat([Buffer.from([0x78, 0xda]), deflateRawSync(Buffer.alloc(64))]);
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height, 6),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A GIF89a whose screen and image declare width × height, with one pixel of LZW data. */
function declaredGif(width: number, height: number): Buffer {
  const b = Buffer.alloc(13 + 6 + 10 + 6);
  let at = 0;
  b.write('GIF89a', at, 'latin1');
  at += 6;
  b.writeUInt16LE(width, at);
  b.writeUInt16LE(height, at + 2);
  b[at + 4] = 0x80; // global colour table of 2 entries
  at += 7;
  const table = Buffer.from([0, 0, 0, 0xff, 0xff, 0xff]);
  const descriptor = Buffer.alloc(10);
  descriptor[0] = 0x2c;
  descriptor.writeUInt16LE(width, 5);
  descriptor.writeUInt16LE(height, 7);
  const data = Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]); // LZW min 2, one block, end
  return Buffer.concat([b.subarray(0, at), table, descriptor, data]);
}

/** A little-endian TIFF of one grey strip whose tags declare width × height. */
function declaredTiff(width: number, height: number): Buffer {
  const tags: [number, number, number, number][] = [
    [256, 4, 1, width], // ImageWidth, LONG
    [257, 4, 1, height], // ImageLength
    [258, 3, 1, 8], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 1], // Photometric: black is zero
    [273, 4, 1, 8 + 2 + 12 * 10 + 4], // StripOffsets: right after the IFD
    [277, 3, 1, 1], // SamplesPerPixel
    [278, 4, 1, height], // RowsPerStrip
    [279, 4, 1, 16], // StripByteCounts
    [284, 3, 1, 1], // PlanarConfiguration
  ];
  const ifd = Buffer.alloc(2 + 12 * tags.length + 4);
  ifd.writeUInt16LE(tags.length, 0);
  tags.forEach(([tag, type, count, value], i) => {
    const at = 2 + 12 * i;
    ifd.writeUInt16LE(tag, at);
    ifd.writeUInt16LE(type, at + 2);
    ifd.writeUInt32LE(count, at + 4);
    if (type === 3) ifd.writeUInt16LE(value, at + 8);
    else ifd.writeUInt32LE(value, at + 8);
  });
  const header = Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
  return Buffer.concat([header, ifd, Buffer.alloc(16, 0x80)]);
}

const svg = (attributes: string, body = '<rect width="10" height="10"/>') =>
  `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attributes}>${body}</svg>\n`;

export function imageBombs(): HostileInput[] {
  const image = (name: string, fileName: string, content: () => Uint8Array | string) =>
    bytesInput(`bombs/${name}`, [...targets], fileName, content);
  return [
    image('png-declares-100000x100000', 'shot.png', () => declaredPng(100_000, 100_000)),
    image('png-declares-2^31-1-square', 'shot.png', () => declaredPng(2 ** 31 - 1, 2 ** 31 - 1)),
    image('png-declares-1x2^31-1', 'shot.png', () => declaredPng(1, 2 ** 31 - 1)),
    image('png-real-16000x16000-white', 'shot.png', () => whitePng(16_000, 16_000)),
    image('png-real-60000x4000-white', 'shot.png', () => whitePng(60_000, 4_000)),
    // Just under the decoder's 50-million-pixel cap: decoding and scanning must fit the bounds.
    image('png-real-7000x7000-white', 'shot.png', () => whitePng(7_000, 7_000)),
    image('png-7000x7000-finder-patterns-every-14px', 'shot.png', () =>
      finderGridPng(7_000, 7_000, 14),
    ),
    image('png-2000x2000-finder-patterns-every-10px', 'shot.png', () =>
      finderGridPng(2_000, 2_000, 10),
    ),
    image('gif-declares-65535x65535', 'shot.gif', () => declaredGif(65_535, 65_535)),
    image('tiff-declares-100000x100000', 'shot.tiff', () => declaredTiff(100_000, 100_000)),
    image('tiff-declares-16000x16000', 'shot.tiff', () => declaredTiff(16_000, 16_000)),
    image('svg-width-height-100000', 'code.svg', () => svg('width="100000" height="100000"')),
    image('svg-width-height-16000', 'code.svg', () => svg('width="16000" height="16000"')),
    image('svg-width-1e9-in-mm', 'code.svg', () => svg('width="1000000000mm" height="10mm"')),
    image('svg-viewbox-1e9-no-size', 'code.svg', () => svg('viewBox="0 0 1000000000 1000000000"')),
    image('svg-tiny-size-huge-viewbox', 'code.svg', () =>
      svg('width="1" height="1" viewBox="0 0 1000000000 1000000000"'),
    ),
    image('svg-100k-nested-groups', 'code.svg', () =>
      svg(
        'width="100" height="100"',
        `${'<g>'.repeat(100_000)}<rect width="9" height="9"/>${'</g>'.repeat(100_000)}`,
      ),
    ),
    image('svg-300k-rectangles', 'code.svg', () =>
      svg(
        'width="1000" height="1000"',
        Array.from(
          { length: 300_000 },
          (_, i) => `<rect x="${i % 1000}" y="${(i * 7) % 1000}" width="1" height="1"/>`,
        ).join(''),
      ),
    ),
    image('svg-blur-filter-on-16k-canvas', 'code.svg', () =>
      svg(
        'width="16000" height="16000"',
        '<filter id="f"><feGaussianBlur stdDeviation="500"/></filter><rect width="16000" height="16000" filter="url(#f)"/>',
      ),
    ),
    image('svg-billion-laughs-entities', 'code.svg', () => {
      const entities = ['<!ENTITY l0 "lololololololololol">'];
      for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
      return `<?xml version="1.0"?>\n<!DOCTYPE svg [${entities.join('')}]>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text>&l9;</text></svg>\n`;
    }),
    image('svg-use-exponential-references', 'code.svg', () => {
      const defs = ['<rect id="u0" width="1" height="1"/>'];
      for (let i = 1; i <= 30; i++)
        defs.push(`<g id="u${i}"><use href="#u${i - 1}"/><use href="#u${i - 1}"/></g>`);
      return svg('width="100" height="100"', `<defs>${defs.join('')}</defs><use href="#u30"/>`);
    }),
  ];
}

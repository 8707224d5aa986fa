// Image files people save QR codes as: PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG, with and
// without a transparent background (the modules alone, as web pages often serve them), an SVG
// drawn from a tiny viewBox, EXIF rotation, and clear errors for what is not an image we read.
import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImageFile, QrError, scanImageFile } from '../../../main/qr';
import { MAX_IMAGE_PIXELS, MAX_SVG_SIDE } from '../../../main/qr/image-file';
import { imageKind } from '../../../main/qr/image-kind';

const URI = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const TRANSPARENT = { color: { light: '#0000' } };

const opaquePng = () => QRCode.toBuffer(URI, { scale: 4 });
const raster = {
  png: opaquePng,
  'png, transparent': () => QRCode.toBuffer(URI, { scale: 4, ...TRANSPARENT }),
  jpeg: async () =>
    sharp(await opaquePng())
      .jpeg({ quality: 80 })
      .toBuffer(),
  webp: async () =>
    sharp(await opaquePng())
      .webp()
      .toBuffer(),
  gif: async () =>
    sharp(await opaquePng())
      .gif()
      .toBuffer(),
  'gif, transparent': async () =>
    sharp(await QRCode.toBuffer(URI, { scale: 4, ...TRANSPARENT }))
      .gif()
      .toBuffer(),
  tiff: async () =>
    sharp(await opaquePng())
      .tiff()
      .toBuffer(),
  avif: async () =>
    sharp(await opaquePng())
      .avif({ lossless: true })
      .toBuffer(),
  svg: async () => Buffer.from(await QRCode.toString(URI, { type: 'svg' })),
  'svg, transparent, from a 45-unit viewBox': async () =>
    Buffer.from(await QRCode.toString(URI, { type: 'svg', ...TRANSPARENT })),
  'svg after an XML declaration and a comment': async () =>
    Buffer.from(
      `<?xml version="1.0"?>\n<!-- QR -->\n${await QRCode.toString(URI, { type: 'svg' })}`,
    ),
};

describe('image files', () => {
  it.each(Object.entries(raster))('reads the key from %s', async (_kind, make) => {
    const bytes = new Uint8Array(await make());
    expect((await scanImageFile(bytes)).otpauth).toEqual([URI]);
  });

  it('draws a small SVG large enough for its modules to be read', async () => {
    const svg = Buffer.from(await QRCode.toString(URI, { type: 'svg' }));
    const frame = await decodeImageFile(new Uint8Array(svg));
    expect(Math.max(frame.width, frame.height)).toBeGreaterThanOrEqual(600);
  });

  it('applies the EXIF orientation, as a photo viewer shows the picture', async () => {
    // Stored turned a quarter: the orientation tag turns it back.
    const turned = await sharp(await opaquePng())
      .rotate(90)
      .withMetadata({ orientation: 8 })
      .jpeg()
      .toBuffer();
    expect((await scanImageFile(new Uint8Array(turned))).otpauth).toEqual([URI]);
  });

  it.each([
    ['text', new TextEncoder().encode('otpauth://not an image')],
    ['an XML file that is not SVG', new TextEncoder().encode('<?xml version="1.0"?><map/>')],
    ['a BMP file', new Uint8Array([0x42, 0x4d, 0, 0, 0, 0, 0, 0])],
  ])('refuses %s, naming the formats it reads', async (_what, bytes) => {
    await expect(decodeImageFile(bytes)).rejects.toThrow(
      /not an image TrayOTP can read; it reads PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG files/,
    );
  });

  it('says a PNG is damaged when its pixels cannot be decoded', async () => {
    const png = await opaquePng();
    const cut = new Uint8Array(png.subarray(0, 60));
    const error = await decodeImageFile(cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QrError);
    expect((error as QrError).message).toMatch(/^The PNG file is damaged/);
  });

  it('light modules on a transparent background (saved from a dark page) are read on black', async () => {
    const light = await QRCode.toBuffer(URI, {
      scale: 4,
      color: { dark: '#ffffffff', light: '#0000' },
    });
    expect((await scanImageFile(new Uint8Array(light))).otpauth).toEqual([URI]);
  });

  it('tells the formats apart by their first bytes', async () => {
    expect(imageKind(new Uint8Array(await opaquePng()))).toBe('png');
    expect(imageKind(new TextEncoder().encode('\uFEFF<svg xmlns="x"></svg>'))).toBe('svg');
    expect(imageKind(new TextEncoder().encode('<svgfoo/>'))).toBeUndefined();
    expect(imageKind(new TextEncoder().encode('<?xml version="1.0"?><map/>'))).toBeUndefined();
  });
});

/** A PNG whose header says width × height, with one row of pixel data: a bomb's first bytes. */
function pngHeader(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, not interlaced
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 4))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const svg = (attributes: string) =>
  new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" ${attributes}><rect width="100%" height="100%"/></svg>`,
  );

describe('decompression bombs', () => {
  it('refuses an SVG too large to draw even at the lowest density', async () => {
    const error = await decodeImageFile(svg('width="1000000" height="1000000"')).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'image-too-large',
      message: `The SVG is 1000000 × 1000000 units; TrayOTP draws SVGs up to ${MAX_SVG_SIDE * 72} units a side.`,
    });
  });

  it.each([
    ['16383 × 16383 (268 MP, just under sharp’s own limit)', 16383, 16383],
    ['8000 × 7000 (56 MP)', 8000, 7000],
    ['100000 × 600 (60 MP, a long strip)', 100_000, 600],
  ])('refuses a PNG of %s from its header, before decoding', async (_what, width, height) => {
    const start = performance.now();
    const error = await decodeImageFile(pngHeader(width, height)).catch((e: unknown) => e);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(error).toBeInstanceOf(QrError);
    expect(error).toMatchObject({
      code: 'image-too-large',
      message: `The image is ${width} × ${height} pixels; TrayOTP reads images up to ${MAX_IMAGE_PIXELS / 1e6} million pixels (an 8K screen is 33 million, a large phone photo 50 million).`,
    });
  });

  it('refuses an SVG of 300,000 rectangles from its text, before drawing it (was 17 s, 2.6 GiB)', async () => {
    const rects = '<rect x="1" y="1" width="1" height="1"/>'.repeat(300_000);
    const bytes = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000">${rects}</svg>`,
    );
    const error = await decodeImageFile(bytes).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'image-too-large' });
    expect((error as Error).message).toMatch(/^The SVG (holds about|file is)/);
  });

  it('refuses an SVG with a filter (one blur on a large canvas took 24 s of CPU)', async () => {
    const bytes = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><defs><filter id="b"><feGaussianBlur stdDeviation="500"/></filter></defs><rect width="4000" height="4000" filter="url(#b)"/></svg>',
    );
    const error = await decodeImageFile(bytes).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unreadable-image',
      message:
        'The SVG uses filters (blur, shadows, lighting), which a QR code never needs and which can take minutes to draw; save the QR code as PNG instead.',
    });
  });

  it('still draws the largest QR code drawn one rectangle per module', async () => {
    const code = QRCode.create(URI, { version: 40, errorCorrectionLevel: 'L' });
    const size = code.modules.size;
    const rects: string[] = [];
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        if (code.modules.get(x, y))
          rects.push(`<rect x="${x + 4}" y="${y + 4}" width="1" height="1"/>`);
    const bytes = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size + 8}" height="${size + 8}"><rect width="100%" height="100%" fill="#fff"/>${rects.join('')}</svg>`,
    );
    expect(size).toBe(177); // version 40
    const frame = await decodeImageFile(bytes);
    expect(frame.width).toBeGreaterThan(size);
  });

  it('reads a PNG just under the limit header-wise (the check is not off by one)', async () => {
    const error = await decodeImageFile(pngHeader(7000, 7000)).catch((e: unknown) => e);
    // 49 MP passes the size check; this one then fails only because its pixels are missing.
    expect((error as QrError).code).toBe('unreadable-image');
  });

  it.each([
    ['a 109-byte SVG that declares 16000 × 16000', 'width="16000" height="16000"'],
    ['a tiny viewBox drawn 16× larger', 'width="4000" height="3000" viewBox="0 0 1 1"'],
  ])('draws %s at a bounded size, quickly', async (_what, attributes) => {
    const start = performance.now();
    const frame = await decodeImageFile(svg(attributes));
    expect(performance.now() - start).toBeLessThan(5000);
    expect(Math.max(frame.width, frame.height)).toBeLessThanOrEqual(MAX_SVG_SIDE);
  });
});

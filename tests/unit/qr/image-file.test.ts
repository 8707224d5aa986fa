// Image files people save QR codes as: PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG, with and
// without a transparent background (the modules alone, as web pages often serve them), an SVG
// drawn from a tiny viewBox, EXIF rotation, and clear errors for what is not an image we read.
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImageFile, QrError, scanImageFile } from '../../../main/qr';
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

// Google Authenticator export QR codes as images: PNG codes written by our exporter (and the same
// as JPEG and WebP, as a phone screenshot or photo would be), decoded through main/qr, several
// images read as one batch.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../main/importers';
import { exportGoogleQr } from '../../../main/importers/export';
import { readMigrationImages } from '../../../main/importers/google-migration';
import { toAccount } from '../../../main/otp';
import { importError } from './interop-harness';

// Secrets as key bytes: the export carries bytes, so base32 text re-encodes canonically.
const accounts = Array.from(
  { length: 14 },
  (_, i) =>
    toAccount({ issuer: `Site ${i}`, name: `user${i}`, secret: Buffer.alloc(20, i + 1) }).account,
);
const exported = exportGoogleQr(
  accounts.map((account) => ({ account })),
  { batchId: 99 },
);
const image = (bytes: Buffer, fileName = 'export.bin') => ({
  fileName,
  bytes: new Uint8Array(bytes),
});

describe('Google Authenticator export QR images', () => {
  it.each([
    ['PNG', (png: Buffer) => Promise.resolve(png)],
    ['JPEG', (png: Buffer) => sharp(png).jpeg({ quality: 85 }).toBuffer()],
    ['WebP', (png: Buffer) => sharp(png).webp({ quality: 90 }).toBuffer()],
  ])('reads a %s code, detected from content', async (_kind, convert) => {
    const { images } = await exported;
    const input = image(await convert(images[0]!.png));
    expect(detectFormat(input)).toMatchObject({
      importer: { id: 'google-migration' },
      encrypted: false,
    });
    const result = await importFile(input);
    expect(result.entries.map((e) => e.account)).toEqual(accounts.slice(0, 10));
    expect(result.warnings).toEqual([
      'The export was split into 2 QR codes but part 2 of 2 is missing (batch 99); the accounts in it are not imported.',
    ]);
  });

  it('reads the images of one export together, as one batch, repeats once', async () => {
    const { images } = await exported;
    const inputs = [images[1]!, images[0]!, images[1]!].map((i) => image(i.png));
    const result = await readMigrationImages(inputs);
    expect(result.entries.map((e) => e.account)).toEqual([
      ...accounts.slice(10),
      ...accounts.slice(0, 10),
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('says when an image has no QR code, or none that is an export', async () => {
    const blank = await sharp({
      create: { width: 200, height: 200, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const noCode = await importError(image(blank, 'blank.png'));
    expect([noCode.code, noCode.message]).toEqual([
      'unknown-format',
      '"blank.png" is an image with no QR code TrayOTP can read. Try a sharper or larger screenshot of the code.',
    ]);
    const QRCode = (await import('qrcode')).default;
    const url = await QRCode.toBuffer('https://example.com/', { type: 'png', scale: 6 });
    const other = await importError(image(url, 'url.png'));
    expect([other.code, other.message]).toEqual([
      'unknown-format',
      '"url.png" holds QR codes, but none is an otpauth:// or Google Authenticator export link.',
    ]);
  });

  it('reads a plain otpauth:// QR code image too', async () => {
    const QRCode = (await import('qrcode')).default;
    const png = await QRCode.toBuffer(
      'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
      { type: 'png', scale: 6 },
    );
    const result = await importFile(image(png));
    expect(result.entries.map((e) => [e.account.issuer, e.account.name])).toEqual([
      ['GitHub', 'alice'],
    ]);
  });

  it('says a truncated image is damaged', async () => {
    const { images } = await exported;
    const error = await importError(image(images[0]!.png.subarray(0, 200), 'cut.png'));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^"cut\.png": /);
  });
});

describe('messages about links found in images', () => {
  it('name the QR code and the file, not a line', async () => {
    const QRCode = (await import('qrcode')).default;
    const png = await QRCode.toBuffer('otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP', {
      type: 'png',
      scale: 6,
    });
    const result = await importFile(image(png, 'shot.png'));
    expect(result.skipped.map((s) => s.label)).toEqual(['QR code 1 of "shot.png"']);
  });
});

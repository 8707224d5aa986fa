// Issue 28: a transparent picture is scanned once, on the background its opaque pixels contrast
// with: light modules saved from a dark page go straight onto black (they used to be drawn on
// white, scanned in vain, then decoded and scanned again on black), dark ones onto white.
import QRCode from 'qrcode';
import { describe, expect, it, vi } from 'vitest';
import type * as Pipeline from '../../../main/qr/pipeline';

let scans = 0;
vi.mock('../../../main/qr/pipeline', async (original) => {
  const real = await original<typeof Pipeline>();
  return {
    ...real,
    scanPixels: (...args: Parameters<typeof real.scanPixels>) => {
      scans++;
      return real.scanPixels(...args);
    },
  };
});

const { scanImageFile } = await import('../../../main/qr');

const URI = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

describe('issue 28: a transparent picture in one scan', () => {
  it.each([
    ['light modules (saved from a dark page)', '#ffffffff'],
    ['dark modules', '#000000ff'],
  ])('%s: read in one scan', async (_what, dark) => {
    const png = await QRCode.toBuffer(URI, { scale: 4, color: { dark, light: '#0000' } });
    scans = 0;
    expect((await scanImageFile(new Uint8Array(png))).otpauth).toEqual([URI]);
    expect(scans).toBe(1);
  });

  it('a half-transparent picture keeps its blend: grey modules still read', async () => {
    const png = await QRCode.toBuffer(URI, {
      scale: 4,
      color: { dark: '#00000099', light: '#0000' },
    });
    expect((await scanImageFile(new Uint8Array(png))).otpauth).toEqual([URI]);
  });
});

// Issue 28: keyless frames cost less. The faint pass (mean thresholds) reads only around blocks
// that the midrange hides and the mean splits, so a page of print without them skips it, while a
// faint code beside darker print is still read; the image-file mode (exhaustive) rejects a large
// picture with nothing to find as a screen scan does, instead of reading it whole, but still reads
// small pictures whole (a code saved at 1 px a module is under what the finder scans see).
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { scanFrame, scanImageFile } from '../../../main/qr';
import { renderFrame } from '../../support/qr-frame';

const key = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

/** A page of small print and nothing else. */
const textOnly = () =>
  renderFrame({ width: 1600, height: 900, background: [246, 247, 249], text: 160, codes: [] });

describe('issue 28: cheaper rejection of keyless frames', () => {
  it('a page of print: the faint pass does not run, and says why', async () => {
    const result = await scanFrame(textOnly());
    expect(result.texts).toEqual([]);
    expect(result.passes.map((p) => p.pass)).toEqual(['coarse', 'fine']);
    expect(result.faint).toBe('skipped: no faint block');
    expect(result.wholeFrame).toBe('skipped: no unread finder pattern');
  });

  it('a decoy only: once read, its eyes make no region in the later passes', async () => {
    const store = 'https://apps.apple.com/app/google-authenticator/id388497605';
    const frame = renderFrame({
      width: 1600,
      height: 900,
      background: [246, 247, 249],
      text: 160,
      codes: [{ text: store, x: 200.5, y: 150.5, module: 4 }],
    });
    const result = await scanFrame(frame);
    expect(result.texts).toEqual([store]);
    const [coarse, fine] = result.passes;
    expect(coarse!.found).toBe(1);
    expect(fine!.patterns).toBeGreaterThan(0);
    expect(fine!.regions).toBe(0);
  });

  it('a faint code among darker print: the faint pass still runs around it and reads the key', async () => {
    const frame = renderFrame({
      width: 1600,
      height: 900,
      background: [246, 246, 246],
      text: 160,
      codes: [
        { text: key, x: 700.4, y: 300.6, module: 3, dark: [200, 200, 200], light: [246, 246, 246] },
      ],
    });
    const result = await scanFrame(frame);
    expect(result.otpauth).toEqual([key]);
    expect(result.faint).toBe('ran');
    expect(result.passes.find((p) => p.pass === 'faint')?.found).toBe(1);
  });

  it('a round bullseye (an o, an @, a logo) passes the finder checks but is no QR eye: not read whole', async () => {
    const frame = textOnly();
    // Rings of 1:1:3:1:1 by radius, 5 px a "module": round, so its corners are the wrong colour.
    const [cx, cy, m] = [800, 450, 5];
    for (let y = cy - 30; y <= cy + 30; y++) {
      for (let x = cx - 30; x <= cx + 30; x++) {
        const r = Math.hypot(x - cx, y - cy) / m;
        const ink = r < 1.5 || (r >= 2.5 && r < 3.5);
        const i = y * frame.stride + x * 4;
        frame.data.fill(ink ? 20 : 246, i, i + 3);
      }
    }
    const result = await scanFrame(frame);
    expect(result.passes.some((p) => p.patterns > 0)).toBe(true);
    expect(result.passes.map((p) => p.pass)).not.toContain('whole-frame');
    expect(result.wholeFrame).toBe('skipped: no unread finder pattern');
  });

  it('the image-file mode rejects a large picture of print without reading it whole', async () => {
    const result = await scanFrame(textOnly(), { exhaustive: true });
    expect(result.texts).toEqual([]);
    expect(result.passes.map((p) => p.pass)).not.toContain('whole-frame');
    expect(result.wholeFrame).toBe('skipped: no unread finder pattern');
  });

  it('the image-file mode still reads a small picture whole: a code saved at 1 px a module', async () => {
    const png = await QRCode.toBuffer(key, { scale: 1, margin: 4 });
    const result = await scanImageFile(png);
    expect(result.otpauth).toEqual([key]);
  });
});

// Issue 19's rejection loses nothing ZXing reads: random synthetic screens (a new seed, printed)
// of small print with a key, a decoy, both or nothing, at module sizes down to 1 px (below what
// the regions read), faint (28 levels) to full contrast, either polarity. A screen scan (default options) may
// skip ZXing's whole-frame read, but every key whole-frame ZXing tryHarder reads, it reads too.
import { describe, expect, it } from 'vitest';
import { scanFrame } from '../../../main/qr';
import { pixelsOf, toGray } from '../../../main/qr/gray';
import { zxingReadGray } from '../../../main/qr/zxing';
import { codeSide, renderFrame } from '../../support/qr-frame';
import type { DrawnCode, Rgb } from '../../support/qr-frame';
import { randomInt, seededRandom } from '../../support/random';

const SEED = Number(process.env.QR_REJECTION_SEED ?? 19190319);
const CASES = 24;

describe(`a screen scan that skips the whole frame misses nothing ZXing reads (seed ${SEED})`, () => {
  const random = seededRandom(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => {
    const secret = Array.from({ length: randomInt(random, 16, 52) }, () =>
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.charAt(randomInt(random, 0, 31)),
    ).join('');
    const key = `otpauth://totp/Site${i}:u${i}%40example.com?secret=${secret}&issuer=Site${i}`;
    const content = (['key', 'key', 'nothing', 'decoy', 'key+decoy'] as const)[i % 5]!;
    const module = 1 + random() * 5;
    const dark = random() < 0.3;
    // Contrast from faint (28 levels: the finder's own minimum is 24) to full.
    const contrast = randomInt(random, 28, 230);
    const paperLevel = dark ? randomInt(random, 16, 40) : randomInt(random, 200, 255);
    const inkLevel = dark ? paperLevel + contrast : Math.max(0, paperLevel - contrast);
    const ink: Rgb = [inkLevel, inkLevel, Math.min(255, inkLevel + 10)];
    const paper: Rgb = [paperLevel, paperLevel, paperLevel];
    return { i, key, content, module, dark, ink, paper, contrast };
  });

  it.each(cases)(
    'case $i: $content, $module px a module, contrast $contrast, dark $dark',
    async (c) => {
      const width = 1400;
      const height = 800;
      const codes: DrawnCode[] = [];
      if (c.content.includes('key')) {
        const side = codeSide(c.key, c.module);
        codes.push({
          text: c.key,
          x: 700 + ((c.i * 37) % Math.max(1, 650 - side)) + 0.3,
          y: 40 + ((c.i * 53) % Math.max(1, 700 - side)) + 0.6,
          module: c.module,
          dark: c.ink,
          light: c.paper,
        });
      }
      if (c.content.includes('decoy')) {
        codes.push({
          text: 'WIFI:T:WPA;S:Lobby;P:guest1234;;',
          x: 40,
          y: 60,
          module: 1 + (c.module % 4),
          dark: c.ink,
          light: c.paper,
        });
      }
      const frame = renderFrame({
        width,
        height,
        background: c.paper,
        text: c.dark ? 0 : 120,
        codes,
        format: 'bgra',
      });
      const zxing = await zxingReadGray(toGray(pixelsOf(frame)), {
        formats: ['QRCode'],
        tryHarder: true,
      });
      const ours = await scanFrame(frame);
      for (const { text } of zxing) {
        if (text.startsWith('otpauth')) expect(ours.otpauth).toContain(text);
      }
    },
  );
});

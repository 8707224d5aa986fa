// "No frame lost that ZXing finds": random synthetic screens (seeded; the seed is printed) with a
// key at a random place, module size (1.75–9 px, off the pixel grid), polarity and colours, and
// sometimes a decoy. Whatever whole-frame ZXing tryHarder reads, the pipeline must read too.
import { describe, expect, it } from 'vitest';
import { scanFrame } from '../../../main/qr';
import { toGray, pixelsOf } from '../../../main/qr/gray';
import { zxingReadGray } from '../../../main/qr/zxing';
import { codeSide, renderFrame } from '../../support/qr-frame';
import type { Rgb } from '../../support/qr-frame';
import { randomInt, seededRandom } from '../../support/random';

const SEED = 20261128;
const CASES = 16;

describe(`the pipeline reads whatever whole-frame ZXing reads (seed ${SEED})`, () => {
  const random = seededRandom(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => {
    const secret = Array.from({ length: randomInt(random, 16, 64) }, () =>
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.charAt(randomInt(random, 0, 31)),
    ).join('');
    const key = `otpauth://totp/Site${i}:user${i}%40example.com?secret=${secret}&issuer=Site${i}`;
    const module = 1.75 + random() * 7.25;
    const dark = random() < 0.3;
    const ink: Rgb = dark
      ? [230, 230, 230]
      : [randomInt(random, 0, 80), randomInt(random, 0, 80), randomInt(random, 0, 120)];
    const paper: Rgb = dark ? [28, 30, 34] : [255, 255, 255];
    const width = 1600;
    const height = 900;
    const side = codeSide(key, module);
    const x = random() * (width - side);
    const y = random() * (height - side);
    return { i, key, module, dark, ink, paper, width, height, x, y, decoy: random() < 0.4 };
  });

  it.each(cases)('case $i: $module px a module, dark $dark', async (c) => {
    const codes = [{ text: c.key, x: c.x, y: c.y, module: c.module, dark: c.ink, light: c.paper }];
    if (c.decoy && c.x > 400) {
      codes.push({
        text: 'WIFI:T:WPA;S:Lobby;P:guest1234;;',
        x: 20,
        y: 20,
        module: 4,
        dark: c.ink,
        light: c.paper,
      });
    }
    const frame = renderFrame({
      width: c.width,
      height: c.height,
      background: c.paper,
      codes,
      format: 'bgra',
    });
    const zxing = await zxingReadGray(toGray(pixelsOf(frame)), {
      formats: ['QRCode'],
      tryHarder: true,
    });
    const ours = await scanFrame(frame, { wholeFrameFallback: false, exhaustive: true });
    for (const { text } of zxing) expect(ours.texts).toContain(text);
    // And beyond ZXing's reach: every key here has modules of at least 1.75 px.
    expect(ours.otpauth).toEqual([c.key]);
  });
});

// Enrolment screens rendered on the fly in Debian's Chromium (tests/support/enrolment-screens.ts):
// fractional scale factors, small CSS sizes, dark themes with light-on-dark codes, JPEG, decoys,
// a three-monitor 7680×2160 frame and a screen without a code. The larger corpus for the bench is
// bench/render-qr-corpus.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { scanImageFile } from '../../../main/qr';
import {
  decoyText,
  expectedKeys,
  launchChromium,
  renderScreen,
  screenSpec,
} from '../../support/enrolment-screens';
import type { ScreenSpec } from '../../support/enrolment-screens';
import { skipWithout } from '../../support/tools';

const specs: ScreenSpec[] = [
  screenSpec({
    width: 1920,
    height: 1080,
    scale: 1.25,
    theme: 'light',
    decoy: 'store',
    format: 'jpeg',
    cssSize: 120,
    kind: 'totp',
  }),
  screenSpec(
    {
      width: 2560,
      height: 1440,
      scale: 1.5,
      theme: 'dark-inverted',
      decoy: 'wifi',
      format: 'png',
      cssSize: 100,
      svg: true,
      kind: 'totp',
    },
    2,
  ),
  screenSpec(
    {
      width: 2240,
      height: 1260,
      scale: 1.75,
      theme: 'dark',
      decoy: 'none',
      format: 'jpeg',
      cssSize: 144,
      kind: 'migration',
    },
    3,
  ),
  screenSpec(
    {
      width: 7680,
      height: 2160,
      monitors: 3,
      scale: 2,
      theme: 'light',
      decoy: 'store',
      format: 'png',
      cssSize: 144,
      kind: 'hotp',
    },
    4,
  ),
  screenSpec(
    {
      width: 1920,
      height: 1080,
      scale: 1,
      theme: 'light',
      decoy: 'store',
      format: 'png',
      cssSize: 160,
      kind: 'none',
    },
    5,
  ),
];

describe.skipIf(skipWithout('chromium'))('scanImageFile on screens rendered in Chromium', () => {
  const images = new Map<string, Buffer>();
  beforeAll(async () => {
    const browser = await launchChromium();
    try {
      for (const spec of specs) images.set(spec.file, await renderScreen(browser, spec));
    } finally {
      await browser.close();
    }
  }, 120_000);

  it.each(specs.map((spec) => [spec.file, spec] as const))('%s', async (_file, spec) => {
    const result = await scanImageFile(images.get(spec.file)!);
    expect(result.otpauth).toEqual(expectedKeys(spec));
    const decoy = decoyText(spec);
    if (decoy) expect(result.texts).toContain(decoy);
  });
});

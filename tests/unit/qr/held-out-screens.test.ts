// Screens rendered with a seed nobody tuned on (tests/fixtures/qr-screens-1919, issue 19): a
// screen scan (default options, which may reject a display without reading it whole) finds every
// key and decoy, and nothing on screens without a code; a desk of three 4K displays scanned
// through ScreenScanner gives its key once through onFound and every text for the picker.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScreenScanner } from '../../../main/platform/screen-scanner';
import { decodeImageFile, scanFrame } from '../../../main/qr';
import { testdataPath } from '../../support/testdata';

interface Truth {
  expect: string[];
  decoyText?: string;
  set?: string;
  display?: number;
}

const truth: Record<string, Truth> = JSON.parse(
  readFileSync(testdataPath('qr-screens-1919/truth.json'), 'utf8'),
);
const frameOf = (file: string) =>
  decodeImageFile(readFileSync(testdataPath(`qr-screens-1919/${file}`)));

describe('a screen scan of held-out rendered screens (seed 1919)', () => {
  it.each(Object.entries(truth))('%s', async (file, { expect: keys, decoyText }) => {
    const result = await scanFrame(await frameOf(file));
    expect(result.otpauth).toEqual(keys);
    if (decoyText) expect(result.texts).toContain(decoyText);
    else if (keys.length === 0) expect(result.texts).toEqual([]);
  });

  it('a desk of three 3840×2160 displays: the key through onFound, every text for the picker', async () => {
    const desk = Object.entries(truth)
      .filter(([, t]) => t.set === 'desk1')
      .sort(([, a], [, b]) => a.display! - b.display!);
    expect(desk).toHaveLength(3);
    const frames = await Promise.all(desk.map(([file]) => frameOf(file)));
    const keys = desk.flatMap(([, t]) => t.expect);
    const heard: string[][] = [];
    const scanner = new ScreenScanner({
      capture: {
        captureDisplays: async () =>
          frames.map((frame, i) => ({
            displayId: String(i),
            bounds: { x: i * 2560, y: 0, width: 2560, height: 1440 },
            scaleFactor: 1.5,
            frame,
          })),
      },
      decode: (frame, options) => scanFrame(frame, options),
      decodeImage: async () => [],
      clipboardImage: async () => undefined,
      regions: { select: async () => undefined },
    });
    expect(await scanner.scanScreen({ onFound: (found) => heard.push(found) })).toEqual(keys);
    expect(heard).toEqual([keys]);
  });
});

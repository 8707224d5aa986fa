// ScreenScanner on the real QR pipeline: frames with rendered QR codes on displays of different
// scale factors and positions; the region box is mapped from DIP to frame pixels.
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DisplayFrame } from '../../../main/app/ports/capture';
import type { RegionChoice } from '../../../main/app/ports/region-selector';
import { ScreenScanner } from '../../../main/platform/screen-scanner';
import type { ScreenScanTiming } from '../../../main/platform/screen-scanner';
import { QrError, scanFrame, scanImageFile } from '../../../main/qr';
import type { Frame, ScanResult } from '../../../main/qr';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK = 'otpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Bank';

/** A white frame of width×height with `text` as a QR code at (x, y), `scale` px per module. */
async function frameWithQr(
  width: number,
  height: number,
  text: string,
  x: number,
  y: number,
  scale: number,
): Promise<Frame> {
  const png = await QRCode.toBuffer(text, { scale, margin: 2 });
  const data = await sharp({ create: { width, height, channels: 4, background: '#ffffff' } })
    .composite([{ input: png, left: x, top: y }])
    .raw()
    .toBuffer();
  return { data, width, height, stride: width * 4, format: 'rgba' };
}

async function setup(regionChoice?: RegionChoice) {
  const left: DisplayFrame = {
    displayId: '1',
    bounds: { x: 0, y: 0, width: 1280, height: 720 },
    scaleFactor: 1,
    frame: await frameWithQr(1280, 720, GITHUB, 100, 100, 4),
  };
  // A HiDPI display to the right: 1280×720 DIP at scale 2 = a 2560×1440 frame.
  const right: DisplayFrame = {
    displayId: '2',
    bounds: { x: 1280, y: 0, width: 1280, height: 720 },
    scaleFactor: 2,
    frame: await frameWithQr(2560, 1440, BANK, 1600, 800, 8),
  };
  const shown: DisplayFrame[][] = [];
  const scanner = new ScreenScanner({
    capture: { captureDisplays: async () => [left, right] },
    decode: (frame, options) => scanFrame(frame, options),
    decodeImage: async (bytes) => (await scanImageFile(bytes)).texts,
    clipboardImage: async () => undefined,
    regions: {
      select: async (displays) => {
        shown.push(displays);
        return regionChoice;
      },
    },
  });
  return { scanner, shown };
}

describe('ScreenScanner', () => {
  it('finds the codes on every display', async () => {
    const { scanner } = await setup();
    expect((await scanner.scanScreen()).sort()).toEqual([BANK, GITHUB].sort());
  });

  it('reports the share of the displays decoded, ending at 1', async () => {
    const { scanner } = await setup();
    const fractions: number[] = [];
    await scanner.scanScreen({ onProgress: (fraction) => fractions.push(fraction) });
    expect(fractions).toEqual([0, 0.5, 1]);
  });

  it('decodes only the box the person drew, mapped to the HiDPI frame', async () => {
    // The Bank code sits at frame pixels 1600..~1950 of display 2: DIP 800..975 on that display.
    const { scanner, shown } = await setup({
      displayId: '2',
      box: { x: 780, y: 380, width: 220, height: 220 },
    });
    expect(await scanner.scanRegion()).toEqual([BANK]);
    expect(shown[0]!.map((d) => d.displayId)).toEqual(['1', '2']);
  });

  it('a box with no code finds nothing; a cancelled selector is undefined', async () => {
    expect(
      await (
        await setup({ displayId: '1', box: { x: 600, y: 400, width: 200, height: 200 } })
      ).scanner.scanRegion(),
    ).toEqual([]);
    expect(await (await setup(undefined)).scanner.scanRegion()).toBeUndefined();
    expect(
      await (
        await setup({ displayId: '1', box: { x: 5000, y: 5000, width: 10, height: 10 } })
      ).scanner.scanRegion(),
    ).toEqual([]);
  });

  it('the clipboard without an image is undefined', async () => {
    expect(await (await setup()).scanner.scanClipboardImage()).toBeUndefined();
  });
});

describe('ScreenScanner on several displays (issue 19)', () => {
  const found = (texts: string[]): ScanResult => ({
    texts,
    otpauth: texts.filter((t) => t.startsWith('otpauth')),
    codes: [],
    decodeMs: 5,
    passes: [],
    wholeFrame: 'skipped: no unread finder pattern',
  });
  const display = (id: string, width: number): DisplayFrame => ({
    displayId: id,
    bounds: { x: 0, y: 0, width, height: 10 },
    scaleFactor: 1,
    frame: {
      data: new Uint8Array(width * 40),
      width,
      height: 10,
      stride: width * 4,
      format: 'rgba',
    },
  });

  function deferredScanner(timings: ScreenScanTiming[] = []) {
    const answers = new Map<number, (result: ScanResult | Error) => void>();
    let clock = 0;
    const scanner = new ScreenScanner({
      capture: {
        captureDisplays: async () => {
          clock += 40; // the capture adapter's cost
          return [display('a', 100), display('b', 200), display('c', 300)];
        },
      },
      decode: (frame) =>
        new Promise((resolve, reject) =>
          answers.set(frame.width, (r) => (r instanceof Error ? reject(r) : resolve(r))),
        ),
      decodeImage: async () => [],
      clipboardImage: async () => undefined,
      regions: { select: async () => undefined },
      now: () => clock,
      report: (timing) => timings.push(timing),
    });
    const answer = (width: number, result: ScanResult | Error, after = 0) => {
      clock += after;
      answers.get(width)!(result);
    };
    return { scanner, answers, answer };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('decodes every display at once and reports the first key before the rest are done', async () => {
    const timings: ScreenScanTiming[] = [];
    const { scanner, answers, answer } = deferredScanner(timings);
    const heard: string[][] = [];
    const scan = scanner.scanScreen({ onFound: (keys) => heard.push(keys) });
    await settle();
    expect([...answers.keys()]).toEqual([100, 200, 300]);
    answer(300, found([BANK]), 15);
    await settle();
    expect(heard).toEqual([[BANK]]);
    answer(100, found([GITHUB, 'https://example.com']), 10);
    answer(200, found([]), 5);
    // Every display's texts, in the displays' order, for the picker; onFound heard once.
    expect(await scan).toEqual([GITHUB, 'https://example.com', BANK]);
    expect(heard).toEqual([[BANK]]);
    expect(timings).toEqual([
      {
        captureMs: 40,
        decodeMs: 30,
        firstKeyMs: 55,
        totalMs: 70,
        displays: [
          {
            displayId: 'a',
            width: 100,
            height: 10,
            decodeMs: 5,
            wholeFrame: 'skipped: no unread finder pattern',
          },
          {
            displayId: 'b',
            width: 200,
            height: 10,
            decodeMs: 5,
            wholeFrame: 'skipped: no unread finder pattern',
          },
          {
            displayId: 'c',
            width: 300,
            height: 10,
            decodeMs: 5,
            wholeFrame: 'skipped: no unread finder pattern',
          },
        ],
      },
    ]);
  });

  it('a display whose decoder failed leaves the others’ codes; all failed gives the typed error', async () => {
    const some = deferredScanner();
    const scan = some.scanner.scanScreen();
    await settle();
    some.answer(
      100,
      new QrError('worker-failed', 'The QR decoder stopped: boom. Try scanning again.'),
    );
    some.answer(200, found([GITHUB]));
    some.answer(300, found([]));
    expect(await scan).toEqual([GITHUB]);

    const none = deferredScanner();
    const failed = none.scanner.scanScreen().catch((e: unknown) => e);
    await settle();
    for (const width of [100, 200, 300]) {
      none.answer(
        width,
        new QrError('worker-failed', 'The QR decoder stopped: boom. Try scanning again.'),
      );
    }
    expect(await failed).toMatchObject({ code: 'worker-failed' });
  });
});

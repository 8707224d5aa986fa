// Synthetic screen frames with QR codes drawn at any module size, including fractional ones
// (HiDPI scale factors 1.25/1.5/1.75 make modules alternate between 2 and 3 device pixels, with
// anti-aliased edges). Each pixel's colour is its dark-module coverage, from 4×4 supersampling.
import QRCode from 'qrcode';
import type { Frame, PixelFormat } from '../../main/qr';

export type Rgb = [number, number, number];

export interface DrawnCode {
  text: string;
  /** Top-left corner of the quiet zone, in device pixels. */
  x: number;
  y: number;
  /** Device pixels a module (may be fractional). */
  module: number;
  dark?: Rgb;
  light?: Rgb;
  /** Quiet-zone width in modules (4 is the standard). */
  margin?: number;
}

export interface FrameSpec {
  width: number;
  height: number;
  background?: Rgb;
  codes: DrawnCode[];
  format?: PixelFormat;
  /** Extra bytes at the end of each row. */
  padding?: number;
  /** Draw lines of text-like strokes on the background, this much darker (0: none). */
  text?: number;
}

/** The side of a drawn code including its quiet zone, in device pixels. */
export function codeSide(text: string, module: number, margin = 4): number {
  return (QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size + 2 * margin) * module;
}

export function renderFrame(spec: FrameSpec): Frame {
  const {
    width,
    height,
    background = [255, 255, 255],
    format = 'rgba',
    padding = 0,
    text = 0,
  } = spec;
  const stride = width * 4 + padding;
  const data = new Uint8Array(stride * height);
  const order = format === 'rgba' ? [0, 1, 2] : [2, 1, 0];
  const put = (x: number, y: number, [r, g, b]: Rgb) => {
    const i = y * stride + x * 4;
    data[i + order[0]!] = r;
    data[i + order[1]!] = g;
    data[i + order[2]!] = b;
    data[i + 3] = 255;
  };
  const ink = background.map((c) => Math.max(0, c - text)) as Rgb;
  for (let y = 0; y < height; y++) {
    // 12-px lines of 1–2 px strokes every 24 px: as busy as a page of small print.
    const line = text > 0 && y % 24 < 12;
    for (let x = 0; x < width; x++) put(x, y, line && (x * 7 + y * 3) % 11 < 2 ? ink : background);
  }
  for (const code of spec.codes) drawCode(code, width, height, put);
  return { data, width, height, stride, format };
}

function drawCode(
  code: DrawnCode,
  width: number,
  height: number,
  put: (x: number, y: number, rgb: Rgb) => void,
): void {
  const { text, x, y, module, dark = [0, 0, 0], light = [255, 255, 255], margin = 4 } = code;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const isDark = (mx: number, my: number) =>
    mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx) === 1;
  const side = (size + 2 * margin) * module;
  for (let py = Math.floor(y); py < Math.min(height, Math.ceil(y + side)); py++) {
    for (let px = Math.floor(x); px < Math.min(width, Math.ceil(x + side)); px++) {
      let covered = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const mx = Math.floor((px + (sx + 0.5) / 4 - x) / module) - margin;
          const my = Math.floor((py + (sy + 0.5) / 4 - y) / module) - margin;
          if (isDark(mx, my)) covered++;
        }
      }
      const t = covered / 16;
      put(px, py, [0, 1, 2].map((c) => Math.round(light[c]! + (dark[c]! - light[c]!) * t)) as Rgb);
    }
  }
}

// A decoder that has never run is slow: V8 interprets the finder scan until its loops are hot,
// and ZXing's wasm starts in its baseline tier. The worker therefore decodes two made-up screens
// when it starts, so the person's first scan runs as fast as the later ones (2–5× faster).
import QRCode from 'qrcode';
import type { Frame } from './frame';
import { scanPixels } from './pipeline';

/** A light 1280×720 BGRA screen with one code of `module` px modules at (100.5, 80.5). */
export function warmUpFrame(module: number): Frame {
  const width = 1280;
  const height = 720;
  const data = new Uint8Array(width * height * 4).fill(246);
  const qr = QRCode.create('otpauth://totp/Warm:up?secret=JBSWY3DPEHPK3PXP', {
    errorCorrectionLevel: 'M',
  });
  const size = qr.modules.size;
  const x0 = 100.5 + 4 * module;
  const y0 = 80.5 + 4 * module;
  for (let y = 0; y < Math.ceil(size * module); y++) {
    for (let x = 0; x < Math.ceil(size * module); x++) {
      const dark = qr.modules.get(Math.floor(y / module), Math.floor(x / module)) === 1;
      const i = ((Math.floor(y0) + y) * width + Math.floor(x0) + x) * 4;
      data.fill(dark ? 20 : 255, i, i + 3);
    }
  }
  return { data, width, height, stride: width * 4, format: 'bgra' };
}

export async function warmUp(): Promise<void> {
  // One code the coarse pass reads, one only the fine pass (with enlargement) reads.
  for (const module of [5, 2.5, 5, 2.5]) await scanPixels(warmUpFrame(module));
}

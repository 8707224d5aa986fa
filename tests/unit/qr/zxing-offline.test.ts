// ZXing's .wasm comes from node_modules: zxing-wasm would otherwise fetch it from a CDN. Here
// fetch (and XMLHttpRequest) throw, in a test file of its own so the module is instantiated
// fresh, and decoding still works.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderFrame } from '../../support/qr-frame';

describe('zxing-wasm offline', () => {
  const attempts: string[] = [];
  beforeAll(() => {
    vi.stubGlobal('fetch', (url: unknown) => {
      attempts.push(String(url));
      throw new Error(`network access attempted: ${String(url)}`);
    });
  });
  afterAll(() => vi.unstubAllGlobals());

  it('instantiates from the package file and decodes with no network access', async () => {
    const { scanFrame } = await import('../../../main/qr');
    const { zxingWasmPath } = await import('../../../main/qr/zxing');
    const key = 'otpauth://totp/Offline:me?secret=JBSWY3DPEHPK3PXP&issuer=Offline';
    const frame = renderFrame({
      width: 300,
      height: 300,
      codes: [{ text: key, x: 40, y: 40, module: 5 }],
    });
    expect((await scanFrame(frame)).otpauth).toEqual([key]);
    expect(attempts).toEqual([]);
    expect(zxingWasmPath()).toMatch(/node_modules\/zxing-wasm\/dist\/reader\/zxing_reader\.wasm$/);
  });
});

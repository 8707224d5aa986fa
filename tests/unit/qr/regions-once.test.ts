// Issue 28, key frames: a pass decodes each code's region once. Finder patterns of a code already
// read make no region with another code's patterns (or a stray one): such a region spans both codes
// and ZXing reads the first one again in it, at a cost of a whole region's read. The other code's
// patterns pair up again on their own, so its region is still read.
import { describe, expect, it } from 'vitest';
import { scanFrame } from '../../../main/qr';
import { renderFrame } from '../../support/qr-frame';

const key =
  "otpauth://totp/O'Reilly%20%26%20Sons:user1%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=O'Reilly%20%26%20Sons";
const wifi = 'WIFI:T:WPA;S:Office Guest;P:correct-horse-battery;;';

describe('issue 28: each code read once in a pass', () => {
  it('a key beside a decoy of larger modules: two regions decoded, not a third spanning both', async () => {
    // The layout of an enrolment page at 125% (seed 2803's q008): the key's eyes and the Wi-Fi
    // code's (6.1 against 4.29 px modules: as alike as candidateRegions pairs) form a corner too.
    const frame = renderFrame({
      width: 1920,
      height: 1080,
      codes: [
        { text: key, x: 382, y: 292, module: 4.29 },
        { text: wifi, x: 692, y: 452, module: 6.1 },
      ],
    });
    const result = await scanFrame(frame);
    expect(result.texts.sort()).toEqual([key, wifi].sort());
    const [coarse] = result.passes;
    expect(coarse!.pass).toBe('coarse');
    expect(coarse!.found).toBe(2);
    expect(coarse!.regions).toBe(2);
  });

  it('two keys side by side: both read', async () => {
    const second = key.replace('user1', 'user2');
    const frame = renderFrame({
      width: 1920,
      height: 1080,
      codes: [
        { text: key, x: 382, y: 292, module: 4.29 },
        { text: second, x: 692, y: 452, module: 5 },
      ],
    });
    const result = await scanFrame(frame);
    expect(result.otpauth.sort()).toEqual([key, second].sort());
  });
});

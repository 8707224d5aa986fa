import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, normalizeBase32, OtpError } from '../../../main/otp';
import { randomBytes, seededRandom } from '../../support/random';

describe('base32', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbswy3dpehpk3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW Y3DP EHPK 3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbsw-y3dp-ehpk-3pxp', 'JBSWY3DPEHPK3PXP'],
    ['MZXW6===', 'MZXW6'],
    ['\tMZXW6\n', 'MZXW6'],
  ])('normalises %j', (input, output) => {
    expect(normalizeBase32(input)).toBe(output);
  });

  it.each([
    ['', /empty/],
    ['====', /empty/],
    ['ABC8', /"8"/],
    ['AB=C', /"="/],
    ['A', /too short/],
  ])('rejects %j', (input, message) => {
    expect(() => normalizeBase32(input)).toThrow(OtpError);
    expect(() => normalizeBase32(input)).toThrow(message);
  });

  it('RFC 4648 §10 vectors', () => {
    const vectors: [string, string][] = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [text, base32] of vectors) {
      expect(encodeBase32(new TextEncoder().encode(text))).toBe(base32);
      expect(new TextDecoder().decode(decodeBase32(`${base32}======`))).toBe(text);
    }
  });

  it('round-trips random keys', () => {
    const random = seededRandom(4648);
    for (let length = 1; length <= 80; length++) {
      const bytes = randomBytes(random, length);
      expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
    }
  });
});

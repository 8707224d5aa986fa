// The published test vectors: RFC 4226 Appendix D (HOTP) and RFC 6238 Appendix B (TOTP).
import { describe, expect, it } from 'vitest';
import { hotp, hotpValue, totp } from '../../../main/otp';
import type { Algorithm } from '../../../main/otp';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('RFC 4226 Appendix D: HOTP, SHA-1, 6 digits', () => {
  const key = ascii('12345678901234567890');
  const table: [counter: number, truncated: number, code: string][] = [
    [0, 0x4c93cf18, '755224'],
    [1, 0x41397eea, '287082'],
    [2, 0x82fef30, '359152'],
    [3, 0x66ef7655, '969429'],
    [4, 0x61c5938a, '338314'],
    [5, 0x33c083d4, '254676'],
    [6, 0x7256c032, '287922'],
    [7, 0x4e5b397, '162583'],
    [8, 0x2823443f, '399871'],
    [9, 0x2679dc69, '520489'],
  ];
  it.each(table)('counter %i', (counter, truncated, code) => {
    expect(hotpValue(key, counter, 'SHA1')).toBe(truncated);
    expect(hotp(key, counter, 'SHA1', 6)).toBe(code);
  });
});

describe('RFC 6238 Appendix B: TOTP, 8 digits, 30 s', () => {
  // The RFC's keys are the ASCII seed repeated to the hash's block output size.
  const keys: Record<Algorithm, Uint8Array> = {
    SHA1: ascii('12345678901234567890'),
    SHA256: ascii('12345678901234567890123456789012'),
    SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const table: [time: number, algorithm: Algorithm, code: string][] = [
    [59, 'SHA1', '94287082'],
    [59, 'SHA256', '46119246'],
    [59, 'SHA512', '90693936'],
    [1111111109, 'SHA1', '07081804'],
    [1111111109, 'SHA256', '68084774'],
    [1111111109, 'SHA512', '25091201'],
    [1111111111, 'SHA1', '14050471'],
    [1111111111, 'SHA256', '67062674'],
    [1111111111, 'SHA512', '99943326'],
    [1234567890, 'SHA1', '89005924'],
    [1234567890, 'SHA256', '91819424'],
    [1234567890, 'SHA512', '93441116'],
    [2000000000, 'SHA1', '69279037'],
    [2000000000, 'SHA256', '90698825'],
    [2000000000, 'SHA512', '38618901'],
    [20000000000, 'SHA1', '65353130'],
    [20000000000, 'SHA256', '77737706'],
    [20000000000, 'SHA512', '47863826'],
  ];
  it.each(table)('T = %i with %s', (time, algorithm, code) => {
    expect(totp(keys[algorithm], time, 30, algorithm, 8)).toBe(code);
  });
});

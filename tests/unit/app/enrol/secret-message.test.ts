// What the window says about a secret that is not base32, in plain words (RFC 4648's alphabet is
// A–Z and 2–7; people mistype 0, 1 and 8 for O, I/L and B).
import { describe, expect, it } from 'vitest';
import { secretAlphabetMessage, uriSecret } from '../../../../main/app/enrol/secret-message';

describe('secretAlphabetMessage', () => {
  it.each([
    [
      'not base32!',
      'The secret can only contain the letters A–Z and the digits 2–7 (spaces and dashes are fine); “!” is not one of them.',
    ],
    [
      'JBSW Y3DP EHPK 3PX0',
      'The secret can only contain the letters A–Z and the digits 2–7; “0” is not one of them. Is it the letter O?',
    ],
    [
      'jbsw1',
      'The secret can only contain the letters A–Z and the digits 2–7; “1” is not one of them. Is it the letter I or L?',
    ],
    [
      'ABC8',
      'The secret can only contain the letters A–Z and the digits 2–7; “8” is not one of them. Is it the letter B?',
    ],
    [
      'ABCé',
      'The secret can only contain the letters A–Z and the digits 2–7 (spaces and dashes are fine); “É” is not one of them.',
    ],
  ])('%j', (secret, message) => expect(secretAlphabetMessage(secret)).toBe(message));

  it.each(['JBSWY3DPEHPK3PXP', 'jbsw-y3dp ehpk-3pxp', 'JBSWY3DP=='])(
    '%j is base32: nothing to say',
    (secret) => expect(secretAlphabetMessage(secret)).toBeUndefined(),
  );
});

describe('uriSecret', () => {
  it.each([
    ['otpauth://totp/X?secret=AB%201&issuer=X', 'AB 1'],
    ['otpauth://totp/X?issuer=X', ''],
    ['not a link', ''],
  ])('%j → %j', (uri, secret) => expect(uriSecret(uri)).toBe(secret));
});

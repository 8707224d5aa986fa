// A secret key that is not base32, said in plain words. "Base32" means nothing to most people;
// what they can act on is which characters are allowed and which one they typed wrongly. The
// digits 0, 1 and 8 are not in RFC 4648's alphabet because they look like O, I/L and B: a
// secret read off a screen with one of them almost always meant the letter.
const LOOKALIKES: Record<string, string> = {
  '0': 'the letter O',
  '1': 'the letter I or L',
  '8': 'the letter B',
};

/** The sentence for a secret with a character outside A–Z, 2–7; undefined when it has none. */
export function secretAlphabetMessage(secret: string): string | undefined {
  // As the OTP layer reads secrets: case, spaces, dashes and trailing padding do not matter.
  const cleaned = secret.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  const bad = [...cleaned].find((c) => !/[A-Z2-7]/.test(c));
  if (bad === undefined) return undefined;
  const allowed = 'The secret can only contain the letters A–Z and the digits 2–7';
  const lookalike = LOOKALIKES[bad];
  return lookalike
    ? `${allowed}; “${bad}” is not one of them. Is it ${lookalike}?`
    : `${allowed} (spaces and dashes are fine); “${bad}” is not one of them.`;
}

/** The `secret` parameter of an otpauth:// link as written, or '' when there is none. */
export function uriSecret(uri: string): string {
  try {
    return new URL(uri).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
}

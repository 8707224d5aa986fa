// Property tests of base32: any text normalises or throws an OtpError, quickly; every byte
// string survives encode → normalise (as people write it: lower case, spaces, padding) → decode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, normalizeBase32, OtpError } from '../../../main/otp';
import { params, timedCall, timeout } from './settings';

const base32ish = fc
  .array(
    fc.oneof(
      fc.constantFrom('A', 'z', '2', '7', '0', '1', '8', '=', ' ', '-', '\t', '\n', 'é', '\u0000'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));
const bait = fc
  .tuple(
    fc.constantFrom('=', ' ', '-', 'A', '\u3000'),
    fc.integer({ min: 1, max: 60_000 }),
    fc.constantFrom('', 'x', 'A', '='),
  )
  .map(([c, n, tail]) => c.repeat(n) + tail);

function onlyOtpErrors(text: string): void {
  const thrown = timedCall(() => decodeBase32(text));
  if (thrown !== undefined) expect(thrown).toBeInstanceOf(OtpError);
}

/** The secret as a person might type it: lower case, in groups of four, padded. */
function asTyped(secret: string, lower: boolean, group: boolean, pad: boolean): string {
  let text = lower ? secret.toLowerCase() : secret;
  if (group) text = text.replace(/(.{4})/g, '$1 ').trim();
  if (pad) text += '='.repeat((8 - (secret.length % 8)) % 8);
  return text;
}

describe('base32 (property-based)', () => {
  it(
    'base32-like text: decodes or throws an OtpError, within the time bound',
    () => fc.assert(fc.property(base32ish, onlyOtpErrors), params(500)),
    timeout(),
  );

  it(
    'long runs of one character: bounded time',
    () => fc.assert(fc.property(bait, onlyOtpErrors), params(200)),
    timeout(),
  );

  it(
    'bytes → base32 → (as typed) → bytes round-trips',
    () =>
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 640 }),
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
          (bytes, lower, group, pad) => {
            const encoded = encodeBase32(bytes);
            expect(normalizeBase32(asTyped(encoded, lower, group, pad))).toBe(encoded);
            expect(Buffer.from(decodeBase32(asTyped(encoded, lower, group, pad)))).toEqual(
              Buffer.from(bytes),
            );
          },
        ),
        params(500),
      ),
    timeout(),
  );
});

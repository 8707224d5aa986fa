// Property tests of Google Authenticator export links: any link text or payload decodes or
// throws an OtpError, quickly; accounts Google's format can carry survive encode → decode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMigrationLinks } from '../../../main/importers/google-migration';
import {
  decodeMigrationUri,
  displaySafe,
  encodeMigrationUris,
  OtpError,
  sameAccount,
  toAccount,
} from '../../../main/otp';
import type { Account } from '../../../main/otp';
import { params, timedCall, timeout } from './settings';

const PREFIX = 'otpauth-migration://offline?data=';

/** Protobuf-shaped bytes: tags and varints of the payload's fields mixed with noise. */
const payloadBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        [0x0a],
        [0x10, 1],
        [0x18, 0xff, 0xff, 0xff, 0xff, 0x07],
        [0x18, 0xe8, 0x07],
        [0x20, 0xff, 0xff, 0xff, 0xff, 0x0f],
        [0x28, 7],
        [0x12, 1, 0x61],
        [0x1a, 3, 0x1b, 0x5b, 0x32],
        [0x0a, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        [0x30, 2],
        [0x38, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
      ),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

const payloadLink = payloadBytes.map(
  (bytes) => PREFIX + encodeURIComponent(Buffer.from(bytes).toString('base64')),
);
const textLink = fc
  .tuple(
    fc.constantFrom(PREFIX, 'otpauth-migration://offline?', 'otpauth-migration://'),
    fc.string({ unit: 'binary', maxLength: 200 }),
  )
  .map(([head, tail]) => head + tail);

function onlyOtpErrors(link: string): void {
  const thrown = timedCall(() => decodeMigrationUri(link));
  if (thrown !== undefined) expect(thrown).toBeInstanceOf(OtpError);
}

/** An account Google's export can carry: TOTP (30 s) or HOTP, 6 or 8 digits, SHA1/256/512. */
const label = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => displaySafe(s).trim());
const googleAccount: fc.Arbitrary<Account> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp'),
    issuer: label,
    name: label,
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.constantFrom(6, 8),
    counter: fc.integer({ min: 0, max: 2 ** 53 - 1 }),
  })
  // Google keeps "issuer:name" whole in the name; the decoder splits it off again.
  .filter((a) => !a.issuer || !a.name.startsWith(`${a.issuer}:`))
  .map((fields) => toAccount(fields).account);

describe('Google Authenticator export links (property-based)', () => {
  it(
    'protobuf-shaped payloads: decode or throw an OtpError, within the time bound',
    () => fc.assert(fc.property(payloadLink, onlyOtpErrors), params(500)),
    timeout(),
  );

  it(
    'any link text: decodes or throws an OtpError, within the time bound',
    () => fc.assert(fc.property(textLink, onlyOtpErrors), params(300)),
    timeout(),
  );

  it(
    'any set of payloads read as one import: an ImportResult or an ImportError',
    () =>
      fc.assert(
        fc.property(fc.array(payloadLink, { minLength: 1, maxLength: 5 }), (texts) => {
          const links = texts.map((text, i) => ({
            line: i + 1,
            kind: 'migration' as const,
            text,
            prefix: '',
          }));
          const thrown = timedCall(() => readMigrationLinks(links));
          if (thrown !== undefined) expect((thrown as Error).name).toBe('ImportError');
        }),
        params(200),
      ),
    timeout(),
  );

  it(
    'accounts round-trip through encodeMigrationUris and decodeMigrationUri',
    () =>
      fc.assert(
        fc.property(
          fc.array(googleAccount, { minLength: 1, maxLength: 25 }),
          fc.integer({ min: 1, max: 10 }),
          (accounts, perLink) => {
            const { uris, unsupported } = encodeMigrationUris(accounts, { perLink, batchId: 5 });
            expect(unsupported).toEqual([]);
            const decoded = uris.flatMap((uri) => decodeMigrationUri(uri).accounts);
            expect(decoded).toHaveLength(accounts.length);
            decoded.forEach(({ account }, i) => {
              const original = accounts[i]!;
              // HOTP has no period in Google's format; TOTP no counter: compare what codes use.
              expect(sameAccount(account, { ...original, period: 30 })).toBe(true);
            });
          },
        ),
        params(200),
      ),
    timeout(),
  );
});

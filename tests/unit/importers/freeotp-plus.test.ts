// FreeOTP+ JSON export; its internal tokens.xml is FreeOTP 1.x's format (read by 'freeotp').
import { describe, expect, it } from 'vitest';
import { freeOtpPlusImporter } from '../../../main/importers/freeotp-plus';
import { describeInterop } from './interop-harness';
import type { ExpectedEntry } from './interop-harness';

// FreeOTP+ stores an HOTP counter one lower than the link it scanned (counter = uri - 1) and
// writes stored + 1 whenever it exports a link. expected.json lists the stored value (Aegis's
// test subtracts 1 from its vectors); we import what the link meant, stored + 1, so a code is
// never behind the server's counter. The comparison adds 1 back to expected.json's value.
const plusOneForHotp = (entry: ExpectedEntry): ExpectedEntry =>
  entry.type === 'hotp' && entry.counter !== null
    ? { ...entry, counter: entry.counter + 1 }
    : entry;

describeInterop({
  set: 'aegis',
  format: 'freeotp-plus',
  files: ['freeotp_plus.json'],
  adjust: plusOneForHotp,
});
// Same bytes as FreeOTP 1.x's tokens.xml: detection cannot tell the two apps apart, and need not.
describeInterop({
  set: 'aegis',
  format: 'freeotp',
  files: ['freeotp_plus_internal.xml'],
  adjust: plusOneForHotp,
});

const encode = (json: unknown) => ({
  fileName: 'freeotp-backup.json',
  bytes: new TextEncoder().encode(JSON.stringify(json)),
});
const token = {
  algo: 'SHA1',
  digits: 6,
  issuerExt: 'X',
  label: 'y',
  period: 30,
  type: 'TOTP',
  secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
};

describe('freeotp-plus importer', () => {
  it('prefers the user renames (issuerAlt, labelAlt) and treats issuer Steam as Steam', async () => {
    const result = await freeOtpPlusImporter.read(
      encode({
        tokenOrder: [],
        tokens: [
          { ...token, issuerAlt: 'Renamed', labelAlt: 'me' },
          { ...token, issuerExt: 'Steam', digits: 5 },
        ],
      }),
    );
    expect(result.entries.map((e) => [e.account.type, e.account.issuer, e.account.name])).toEqual([
      ['totp', 'Renamed', 'me'],
      ['steam', 'Steam', 'y'],
    ]);
  });

  it('skips a token without a byte-array secret, and one of an unknown type', async () => {
    const result = await freeOtpPlusImporter.read(
      encode({
        tokenOrder: [],
        tokens: [
          { ...token, secret: 'abc' },
          { ...token, type: 'YAOTP' },
        ],
      }),
    );
    expect(result.skipped).toEqual([
      { label: 'X: y', reason: 'Its secret is not a list of bytes.' },
      {
        label: 'X: y',
        reason: 'Unsupported OTP type "yaotp" (Yandex.Key): TrayOTP supports totp, hotp and steam.',
      },
    ]);
  });

  it('does not claim JSON without tokenOrder', () => {
    expect(freeOtpPlusImporter.detect(encode({ tokens: [] })).confidence).toBe(0);
  });
});

// Google Authenticator export links: the shared files (from extract_otp_secrets), our own
// encoder's round trips, and every broken form.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMigrationUri, encodeMigrationUris, OtpError, parseOtpUri } from '../../../main/otp';
import { testdataPath } from '../../support/testdata';
import { toExpectedShape } from '../importers/interop-harness';

interface ExpectedEntry {
  type: string;
  issuer: string;
  name: string;
  secret: string;
  algo: string;
  digits: number;
  period: number | null;
  counter: number | null;
}

function links(file: string): string[] {
  return readFileSync(testdataPath(`interop/google-migration/${file}`), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

describe('shared export links (interop/google-migration)', () => {
  const expected = JSON.parse(
    readFileSync(testdataPath('interop/google-migration/expected.json'), 'utf8'),
  ) as Record<
    string,
    { entries: ExpectedEntry[] | null; payload_headers?: Record<string, number>[] }
  >;

  it.each(['example_export.txt', 'example_export_only_totp.txt', 'test_plus_problem_export.txt'])(
    '%s decodes to the expected entries and batch headers',
    (file) => {
      const decoded = links(file).map((link) => decodeMigrationUri(link));
      const entries = decoded.flatMap((d) =>
        d.accounts.map(({ account }) => toExpectedShape(account)),
      );
      // The issue asks for "Issuer:name" names to be split; extract_otp_secrets keeps them whole.
      const want = expected[file]!.entries!.map((e) => ({
        ...e,
        name:
          e.issuer && e.name.startsWith(`${e.issuer}:`)
            ? e.name.slice(e.issuer.length + 1)
            : e.name,
      }));
      expect(entries).toEqual(want);
      expect(decoded.map((d) => d.batch)).toEqual(
        expected[file]!.payload_headers!.map((h) => ({
          version: h.version,
          batchSize: h.batch_size,
          batchIndex: h.batch_index,
          batchId: h.batch_id,
        })),
      );
      expect(decoded.flatMap((d) => d.skipped)).toEqual([]);
    },
  );

  it('keeps a raw "+" in the data (test_plus_problem_export.txt)', () => {
    const [link] = links('test_plus_problem_export.txt');
    expect(link).toContain('+');
    expect(decodeMigrationUri(link!).accounts).toHaveLength(4);
    // The same payload after form decoding turned '+' into ' ' still reads.
    expect(decodeMigrationUri(link!.replace(/\+/g, ' ')).accounts).toHaveLength(4);
  });

  it('rejects the broken data of test_export_wrong_data.txt', () => {
    const [link] = links('test_export_wrong_data.txt');
    expect(() => decodeMigrationUri(link!)).toThrow(/damaged or not a Google Authenticator export/);
  });
});

describe('decodeMigrationUri rejects broken links with the reason', () => {
  it.each([
    ['otpauth://totp/x?secret=ABC', 'wrong-scheme', /not a Google Authenticator export link/],
    ['otpauth-migration://online?data=abc', 'wrong-scheme', /not a Google Authenticator export/],
    ['otpauth-migration://offline?foo=bar', 'invalid-migration', /has no data/],
    ['otpauth-migration://offline?data=', 'invalid-migration', /has no data/],
    ['otpauth-migration://offline?data=%ZZ', 'invalid-migration', /broken %-escape/],
    ['otpauth-migration://offline?data=ab$c', 'invalid-migration', /not base64/],
    ['otpauth-migration://offline?data=abcde', 'invalid-migration', /not base64/],
    ['otpauth-migration://offline?data=XXXX', 'invalid-migration', /damaged/],
    ['otpauth-migration://offline?data=EAE%3D', 'invalid-migration', /holds no accounts/],
  ])('%s', (uri, code, message) => {
    let error: unknown;
    try {
      decodeMigrationUri(uri);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OtpError);
    expect((error as OtpError).code).toBe(code);
    expect((error as OtpError).message).toMatch(message);
  });
});

const account = (uri: string) => parseOtpUri(uri).account;

describe('encodeMigrationUris', () => {
  const accounts = [
    account('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'),
    account('otpauth://totp/bob@example.com?secret=GEZDGNBVGY3TQOJQ&digits=8&algorithm=SHA256'),
    account('otpauth://hotp/Bank:carol?secret=KRSXG5CTMVRXEZLU&counter=12&issuer=Bank'),
    account('otpauth://totp/%E4%BD%A0%E5%A5%BD:%C3%A9l%C3%A8ve?secret=MFRGGZDFMZTWQ2LK'),
    account('otpauth://totp/x?secret=ONSWG4TFOQ&algorithm=SHA512'),
  ];

  it('round-trips through decodeMigrationUri', () => {
    const { uris, unsupported } = encodeMigrationUris(accounts, { batchId: 7 });
    expect(unsupported).toEqual([]);
    expect(uris).toHaveLength(1);
    const decoded = decodeMigrationUri(uris[0]!);
    expect(decoded.accounts.map((a) => a.account)).toEqual(accounts);
    expect(decoded.batch).toEqual({ version: 1, batchSize: 1, batchIndex: 0, batchId: 7 });
  });

  it('splits into batches of at most 10 that share the batch id', () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      account(`otpauth://totp/Site${i}:user?secret=JBSWY3DPEHPK3PXP&issuer=Site${i}`),
    );
    const { uris } = encodeMigrationUris(many, { batchId: -42 });
    expect(uris).toHaveLength(3);
    const decoded = uris.map((uri) => decodeMigrationUri(uri));
    expect(decoded.map((d) => d.batch)).toEqual(
      [0, 1, 2].map((batchIndex) => ({
        version: 1,
        batchSize: 3,
        batchIndex,
        batchId: -42,
      })),
    );
    expect(decoded.flatMap((d) => d.accounts.map((a) => a.account))).toEqual(many);
  });

  it('lists what Google’s format cannot carry instead of writing wrong codes', () => {
    const odd = [
      account('otpauth://steam/Steam:gaben?secret=JBSWY3DPEHPK3PXP'),
      account('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=7'),
      account('otpauth://totp/y?secret=JBSWY3DPEHPK3PXP&period=60'),
    ];
    const { uris, unsupported } = encodeMigrationUris([...odd, accounts[0]!], { batchId: 1 });
    expect(uris).toHaveLength(1);
    expect(unsupported.map((u) => u.reason)).toEqual([
      'Google Authenticator cannot show Steam Guard codes.',
      "Google Authenticator's export only carries 6 or 8 digits, not 7.",
      "Google Authenticator's export has no period; this account uses 60 s, not 30.",
    ]);
  });

  it('skips an MD5 entry with its reason and keeps the others', () => {
    // A payload with one MD5 entry (algorithm 4) and one good entry, built by hand.
    const good = encodeMigrationUris([accounts[0]!], { batchId: 1 }).uris[0]!;
    const bytes = Buffer.from(decodeURIComponent(good.split('data=')[1]!), 'base64');
    // Field 1 (otp_parameters) of the good payload, copied with algorithm 1 → 4.
    const entryLength = bytes[1]!;
    const entry = Buffer.from(bytes.subarray(0, 2 + entryLength));
    const algoAt = entry.indexOf(Buffer.from([0x20, 0x01]));
    const md5 = Buffer.from(entry);
    md5[algoAt + 1] = 4;
    const payload = Buffer.concat([md5, bytes]);
    const uri = `otpauth-migration://offline?data=${encodeURIComponent(payload.toString('base64'))}`;
    const decoded = decodeMigrationUri(uri);
    expect(decoded.accounts).toHaveLength(1);
    expect(decoded.skipped).toEqual([
      {
        index: 0,
        label: 'GitHub: alice',
        reason: 'Unknown algorithm "MD5": TrayOTP supports SHA1, SHA256 and SHA512.',
      },
    ]);
  });
});

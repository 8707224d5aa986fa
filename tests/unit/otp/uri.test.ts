// otpauth:// parsing and formatting: our own table of what real apps write and every way a link
// can be unusable, then the shared Stratum vectors, then round trips.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOtpUri, OtpError, parseOtpUri, sameAccount } from '../../../main/otp';
import type { Account, OtpErrorCode } from '../../../main/otp';
import { testdataPath } from '../../support/testdata';

const S = 'JBSWY3DPEHPK3PXP';

describe('parseOtpUri accepts what real apps write', () => {
  const table: [uri: string, expected: Partial<Account>][] = [
    [
      `otpauth://totp/ACME%20Co:john.doe@email.com?secret=${S}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
      { type: 'totp', issuer: 'ACME Co', name: 'john.doe@email.com', secret: S, digits: 6 },
    ],
    [`otpauth://totp/alice?secret=${S.toLowerCase()}`, { issuer: '', name: 'alice', secret: S }],
    [`otpauth://totp/alice?secret=${S}%3D%3D%3D%3D`, { secret: S }],
    [`otpauth://totp/alice?secret=JBSW%20Y3DP%20EHPK%203PXP`, { secret: S }],
    [`otpauth://totp/alice?secret=JBSW+Y3DP+EHPK+3PXP`, { secret: S }],
    [`otpauth://totp/alice?secret=jbsw-y3dp-ehpk-3pxp`, { secret: S }],
    [`otpauth://totp/GitHub:alice?secret=${S}`, { issuer: 'GitHub', name: 'alice' }],
    [`otpauth://totp/alice?secret=${S}&issuer=GitHub`, { issuer: 'GitHub', name: 'alice' }],
    [
      `otpauth://totp/Big+Company:John+Doe?secret=${S}`,
      { issuer: 'Big Company', name: 'John Doe' },
    ],
    [
      `otpauth://totp/Big%20Company:John%20Doe?secret=${S}`,
      { issuer: 'Big Company', name: 'John Doe' },
    ],
    [`otpauth://totp/a%2Bb%40x.com?secret=${S}`, { name: 'a+b@x.com' }],
    [
      `otpauth://totp/%E4%BD%A0%E5%A5%BD:%C3%A9l%C3%A8ve?secret=${S}`,
      { issuer: '你好', name: 'élève' },
    ],
    [`otpauth://totp/x?secret=${S}&issuer=%F0%9F%98%80%20Bank`, { issuer: '😀 Bank', name: 'x' }],
    [`OTPAUTH://TOTP/x?SECRET=${S}&Algorithm=sha256`, { algorithm: 'SHA256', secret: S }],
    [`otpauth://totp/x?secret=${S}&algorithm=SHA-512`, { algorithm: 'SHA512' }],
    [`otpauth://totp/x?secret=${S}&digits=8&period=60`, { digits: 8, period: 60 }],
    [`otpauth://totp/x?secret=${S}&digits=10`, { digits: 10 }],
    [`otpauth://hotp/x?secret=${S}&counter=0`, { type: 'hotp', counter: 0 }],
    [`otpauth://hotp/x?secret=${S}&counter=9007199254740991`, { counter: 9007199254740991 }],
    [`otpauth://totp/x?secret=${S}&counter=10`, { type: 'totp', counter: 0 }],
    [`otpauth://totp/Ente:x?secret=${S}&codeDisplay=%7B%22pinned%22%3Atrue%7D`, { issuer: 'Ente' }],
    [`otpauth://totp/x?secret=${S}&image=https%3A%2F%2Fexample.com%2Fa.png`, { name: 'x' }],
    [`otpauth://totp/x?secret=${S}#fragment`, { secret: S }],
    [`  otpauth://totp/x?secret=${S}\n`, { secret: S }],
    [`otpauth://steam/Steam:gaben?secret=${S}&issuer=Steam`, { type: 'steam', digits: 5 }],
    [`otpauth://totp/Steam:gaben?secret=${S}`, { type: 'steam', name: 'gaben', digits: 5 }],
    [`otpauth://totp/x?secret=${S}&encoder=steam`, { type: 'steam', issuer: 'Steam' }],
    [`otpauth://totp/x?secret=${S}&steam`, { type: 'steam' }],
    [`otpauth://totp/Steam:x?secret=${S}&digits=6`, { type: 'totp', digits: 6 }],
    [`otpauth://totp/?secret=${S}&issuer=GitHub`, { issuer: 'GitHub', name: '' }],
    [`otpauth://totp/:colon:name?secret=${S}`, { issuer: '', name: 'colon:name' }],
    [`otpauth://totp/a%3Ab:c?secret=${S}&issuer=a%3Ab`, { issuer: 'a:b', name: 'c' }],
  ];
  it.each(table)('%s', (uri, expected) => {
    expect(parseOtpUri(uri).account).toMatchObject(expected);
  });
});

describe('parseOtpUri warns about what works but looks wrong', () => {
  it.each([
    [
      `otpauth://totp/Label:alice?secret=${S}&issuer=Param`,
      { issuer: 'Param', name: 'alice' },
      /label says the issuer is "Label" but the issuer parameter says "Param"; keeping "Param"/,
    ],
    [`otpauth://totp/x?secret=JBSWY3DP`, { secret: 'JBSWY3DP' }, /only 40 bits/],
    [`otpauth://totp/Steam:x?secret=${S}`, { type: 'steam' }, /Steam Guard/],
  ])('%s', (uri, expected, warning) => {
    const { account, warnings } = parseOtpUri(uri);
    expect(account).toMatchObject(expected);
    expect(warnings.join('\n')).toMatch(warning);
  });

  it('a clean link has no warnings', () => {
    expect(parseOtpUri(`otpauth://totp/GitHub:alice?secret=${S}&issuer=GitHub`).warnings).toEqual(
      [],
    );
  });
});

describe('parseOtpUri rejects what cannot work, with the reason', () => {
  const table: [uri: string, code: OtpErrorCode, message: RegExp][] = [
    ['', 'not-a-uri', /not an otpauth:\/\/ link/],
    ['definitely not valid', 'not-a-uri', /not an otpauth/],
    ['https://example.com/?secret=ABC', 'wrong-scheme', /https: link/],
    ['otpauth-migration://offline?data=abc', 'wrong-scheme', /Google Authenticator export link/],
    ['motp://motp:username?secret=30edcc8edae50a60', 'wrong-scheme', /motp: link/],
    [`otpauth://?secret=${S}`, 'unsupported-type', /no type/],
    [`otpauth://yaotp/x?secret=${S}`, 'unsupported-type', /Yandex.Key/],
    [`otpauth://fail/x?secret=${S}`, 'unsupported-type', /"fail"/],
    [`otpauth://totp/?secret=${S}`, 'missing-label', /names no account/],
    ['otpauth://totp', 'missing-label', /names no account/],
    ['otpauth://totp/x', 'missing-secret', /no secret/],
    ['otpauth://totp/x?issuer=y', 'missing-secret', /no secret/],
    ['otpauth://totp/x?secret=', 'missing-secret', /empty/],
    ['otpauth://totp/x?secret===', 'missing-secret', /empty/],
    ['otpauth://totp/x?secret=ABC1', 'invalid-secret', /"1" is not one of A–Z, 2–7/],
    ['otpauth://totp/x?secret=JBSW%C3%A9', 'invalid-secret', /"É"/],
    ['otpauth://totp/x?secret=A', 'invalid-secret', /too short/],
    [`otpauth://totp/x?secret=${'A'.repeat(1025)}`, 'secret-too-long', /1025 characters/],
    [`otpauth://totp/${'a'.repeat(1025)}?secret=${S}`, 'label-too-long', /account name is 1025/],
    [`otpauth://totp/x?secret=${S}&issuer=${'b'.repeat(2000)}`, 'label-too-long', /issuer/],
    [`otpauth://totp/x?secret=${S}&q=${'c'.repeat(17000)}`, 'uri-too-long', /17\d{3} characters/],
    [`otpauth://totp/x?secret=${S}&algorithm=MD5`, 'unknown-algorithm', /"MD5".*SHA1, SHA256/],
    [`otpauth://totp/x?secret=${S}&algorithm=something`, 'unknown-algorithm', /something/],
    [`otpauth://totp/x?secret=${S}&digits=0`, 'invalid-digits', /6 to 10, not "0"/],
    [`otpauth://totp/x?secret=${S}&digits=5`, 'invalid-digits', /not "5"/],
    [`otpauth://totp/x?secret=${S}&digits=11`, 'invalid-digits', /not "11"/],
    [`otpauth://totp/x?secret=${S}&digits=test`, 'invalid-digits', /not "test"/],
    [`otpauth://totp/x?secret=${S}&digits=6.5`, 'invalid-digits', /not "6.5"/],
    [`otpauth://totp/x?secret=${S}&period=0`, 'invalid-period', /1 to 86400, not "0"/],
    [`otpauth://totp/x?secret=${S}&period=-30`, 'invalid-period', /not "-30"/],
    [`otpauth://totp/x?secret=${S}&period=test`, 'invalid-period', /not "test"/],
    [`otpauth://totp/x?secret=${S}&period=99999999999`, 'invalid-period', /not "99999999999"/],
    [`otpauth://hotp/x?secret=${S}`, 'missing-counter', /needs its counter/],
    [`otpauth://hotp/x?secret=${S}&counter=`, 'missing-counter', /needs its counter/],
    [`otpauth://hotp/x?secret=${S}&counter=test`, 'invalid-counter', /not "test"/],
    [`otpauth://hotp/x?secret=${S}&counter=-1`, 'invalid-counter', /not "-1"/],
    [`otpauth://hotp/x?secret=${S}&counter=99999999999999999`, 'invalid-counter', /not "9{17}"/],
    ['otpauth://totp/x%ZZ?secret=ABCD', 'not-a-uri', /label has a broken %-escape/],
    [`otpauth://totp/x?secret=${S}&issuer=%E4`, 'not-a-uri', /issuer parameter has a broken/],
  ];
  it.each(table)('%s → %s', (uri, code, message) => {
    let error: unknown;
    try {
      parseOtpUri(uri);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OtpError);
    expect((error as OtpError).code).toBe(code);
    expect((error as OtpError).message).toMatch(message);
  });
});

describe('formatOtpUri', () => {
  const account: Account = {
    type: 'totp',
    issuer: 'Big Company',
    name: 'John Doe',
    secret: S,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
  it.each([
    [account, `otpauth://totp/Big%20Company:John%20Doe?secret=${S}&issuer=Big%20Company`],
    [{ ...account, issuer: '' }, `otpauth://totp/John%20Doe?secret=${S}`],
    [{ ...account, issuer: '', name: 'a:b' }, `otpauth://totp/:a%3Ab?secret=${S}`],
    [
      { ...account, algorithm: 'SHA512', digits: 8, period: 60 },
      `otpauth://totp/Big%20Company:John%20Doe?secret=${S}&issuer=Big%20Company&digits=8&algorithm=SHA512&period=60`,
    ],
    [
      { ...account, type: 'hotp', counter: 7 },
      `otpauth://hotp/Big%20Company:John%20Doe?secret=${S}&issuer=Big%20Company&counter=7`,
    ],
    [
      { ...account, type: 'steam', issuer: 'Steam', digits: 5 },
      `otpauth://steam/Steam:John%20Doe?secret=${S}&issuer=Steam`,
    ],
  ] as [Account, string][])('%o', (input, uri) => {
    expect(formatOtpUri(input)).toBe(uri);
  });
});

describe('round trip: format(parse(x)) parses to the same account', () => {
  const uris = [
    `otpauth://totp/GitHub:alice?secret=${S}&issuer=GitHub`,
    `otpauth://totp/alice?secret=${S}`,
    `otpauth://totp/:a:b:c?secret=${S}`,
    `otpauth://totp/a%3Ab:c?secret=${S}&issuer=a%3Ab`,
    `otpauth://hotp/x?secret=${S}&counter=42&digits=8&algorithm=SHA256`,
    `otpauth://totp/%F0%9F%98%80:%E4%BD%A0?secret=${S}&period=45&digits=10`,
    `otpauth://steam/Steam:gaben?secret=${S}`,
    `otpauth://totp/Percent%25Plus%2B:with%20space?secret=${S}&issuer=Percent%25Plus%2B`,
    `otpauth://totp/?secret=${S}&issuer=OnlyIssuer`,
  ];
  it.each(uris)('%s', (uri) => {
    const first = parseOtpUri(uri).account;
    const second = parseOtpUri(formatOtpUri(first)).account;
    expect(second).toEqual(first);
    expect(sameAccount(first, second)).toBe(true);
  });
});

interface Vector {
  uri: string;
  case: string;
  expect: Record<string, unknown> | string;
}

describe('shared vectors (uri-vectors/otpauth_uri_vectors.json, from Stratum)', () => {
  const file = JSON.parse(
    readFileSync(testdataPath('uri-vectors/otpauth_uri_vectors.json'), 'utf8'),
  ) as {
    valid: Vector[];
    invalid: Vector[];
    round_trip_exact: { uris: string[] };
  };

  /**
   * Where the vectors record Stratum's policy rather than the key URI spec, TrayOTP follows the
   * spec and the rules; each difference is listed here with the reason.
   */
  function ours(vector: Vector): Record<string, unknown> | 'reject' {
    const expected = { ...(vector.expect as Record<string, unknown>) };
    const label = decodeURIComponent(vector.uri.split('?')[0]!.split('/').pop()!);
    if (expected.type === 'yandex' || expected.type === 'motp') return 'reject'; // not supported
    if (vector.uri.startsWith('otpauth://hotp/') && !vector.uri.includes('counter=')) {
      return 'reject'; // the issue: an HOTP link without its counter is rejected
    }
    if (vector.uri.includes('issuer=') && expected.issuer !== undefined) {
      // The issuer parameter wins over the label's prefix (with a warning).
      expected.issuer = new URLSearchParams(vector.uri.split('?')[1]).get('issuer');
    }
    if (expected.name === null && !label.includes(':')) {
      // A label without "issuer:" is the account name (Google's spec); Stratum calls it the issuer.
      expected.name = label;
      expected.issuer = expected.type === 'steam' ? 'Steam' : '';
    } else if (expected.name === null && label.startsWith(':')) {
      expected.name = label.slice(1); // ":name" is an empty issuer and a name
      expected.issuer = '';
    } else if (typeof expected.name === 'string' && label.includes(':')) {
      expected.name = label.slice(label.indexOf(':') + 1); // no truncation at 40 characters
    }
    if (typeof expected.issuer === 'string' && label.length > 32 && !label.includes(':')) {
      expected.issuer = ''; // no truncation at 32 characters either
    }
    delete expected.icon; // Stratum's icon extension is not part of an Account
    if (expected.algo) expected.algorithm = expected.algo;
    delete expected.algo;
    if (expected.name === null) expected.name = '';
    return expected;
  }

  it.each(file.valid.map((v) => [v.case, v] as const))('valid: %s', (_case, vector) => {
    const expected = ours(vector);
    if (expected === 'reject') {
      expect(() => parseOtpUri(vector.uri)).toThrow(OtpError);
      return;
    }
    expect(parseOtpUri(vector.uri).account).toMatchObject(expected);
  });

  it.each(file.invalid.map((v) => [v.case, v] as const))('invalid: %s', (_case, vector) => {
    expect(() => parseOtpUri(vector.uri)).toThrow(OtpError);
  });

  it.each(file.round_trip_exact.uris)('round trip: %s', (uri) => {
    const formatted = formatOtpUri(parseOtpUri(uri).account);
    // Stratum writes the label's colon as %3A; we write it literally, as Google's spec does.
    expect(formatted).toBe(uri.replace('%3A', ':'));
  });
});

describe('formatOtpUri keeps a TOTP account named Steam a TOTP account', () => {
  it('writes its digits, so parseOtpUri does not take it for Steam Guard', () => {
    const account = parseOtpUri(`otpauth://totp/Steam:alice?secret=${S}&digits=6`).account;
    expect(account.type).toBe('totp');
    const again = parseOtpUri(formatOtpUri(account)).account;
    expect(again.type).toBe('totp');
    expect(sameAccount(again, account)).toBe(true);
  });
});

// Text built to make a regular expression or a string routine work quadratically (a secret of
// "A" + 300k "=" + "x" makes /=+$/ try every start), and text with terminal and bidi control
// characters in issuers and names. Each goes to the link parsers and through several importers
// that pass strings on to them.
import { bytesInput } from './input';
import type { HostileInput } from './input';
import type { Target } from '../job';
import { migrationLink, migrationPayload, otpParameters } from './encoders';

const K300 = 300_000;
const GOOD_SECRET = 'JBSWY3DPEHPK3PXP';

function aegisPlain(entry: { issuer: string; name: string; secret: string }): string {
  return JSON.stringify({
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 2,
      entries: [
        {
          type: 'totp',
          uuid: '01234567-89ab-4cde-8f01-23456789abcd',
          name: entry.name,
          issuer: entry.issuer,
          info: { secret: entry.secret, algo: 'SHA1', digits: 6, period: 30 },
        },
      ],
    },
  });
}

function andotpPlain(entry: { issuer: string; name: string; secret: string }): string {
  return JSON.stringify([
    {
      secret: entry.secret,
      issuer: entry.issuer,
      label: entry.name,
      digits: 6,
      type: 'TOTP',
      algorithm: 'SHA1',
      period: 30,
    },
  ]);
}

function twofasPlain(entry: { issuer: string; name: string; secret: string }): string {
  return JSON.stringify({
    services: [
      {
        name: entry.issuer,
        secret: entry.secret,
        otp: {
          account: entry.name,
          issuer: entry.issuer,
          digits: 6,
          period: 30,
          algorithm: 'SHA1',
          tokenType: 'TOTP',
        },
      },
    ],
    schemaVersion: 4,
    appVersionCode: 5000000,
  });
}

function bitwardenCsv(entry: { issuer: string; name: string; secret: string }): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,login,${quote(entry.issuer)},,,0,,${quote(entry.name)},,${quote(entry.secret)}\n`;
}

const formats = {
  aegis: aegisPlain,
  andotp: andotpPlain,
  twofas: twofasPlain,
  'bitwarden-csv': bitwardenCsv,
};

/** The same hostile entry in several importers' formats. */
function inEveryFormat(
  name: string,
  entry: { issuer: string; name: string; secret: string },
): HostileInput[] {
  return Object.entries(formats).map(([format, write]) =>
    bytesInput(
      `${name}-in-${format}`,
      ['import'],
      format === 'bitwarden-csv' ? 'export.csv' : 'export.json',
      () => write(entry),
    ),
  );
}

function link(
  name: string,
  text: () => string,
  targets: Target[] = ['otpauth', 'import'],
): HostileInput {
  return bytesInput(name, targets, 'links.txt', text);
}

export function regexBaitInputs(): HostileInput[] {
  const equalsBait = `A${'='.repeat(K300)}x`;
  return [
    link('regex/link-secret-A-300k-equals-x', () => `otpauth://totp/a?secret=${equalsBait}`),
    ...inEveryFormat('regex/secret-A-300k-equals-x', {
      issuer: 'I',
      name: 'n',
      secret: equalsBait,
    }),
    bytesInput('regex/secret-3M-equals-then-x-in-aegis', ['import'], 'export.json', () =>
      aegisPlain({ issuer: 'I', name: 'n', secret: `A${'='.repeat(3_000_000)}x` }),
    ),
    ...inEveryFormat('regex/secret-10M-base32', {
      issuer: 'I',
      name: 'n',
      secret: 'A'.repeat(10_000_000),
    }),
    ...inEveryFormat('regex/secret-300k-spaces-and-dashes-then-bang', {
      issuer: 'I',
      name: 'n',
      secret: `${' -'.repeat(K300)}!`,
    }),
    link(
      'regex/link-300k-hashes',
      () => `otpauth://totp/a?secret=${GOOD_SECRET}${'#'.repeat(K300)}`,
    ),
    link(
      'regex/link-300k-hashes-before-query',
      () => `otpauth://totp/a${'#'.repeat(K300)}?secret=${GOOD_SECRET}`,
    ),
    link(
      'regex/migration-link-300k-hashes',
      () => `otpauth-migration://offline?data=${'#'.repeat(K300)}`,
      ['migration', 'import'],
    ),
    link(
      'regex/migration-data-A-300k-equals-x',
      () => `otpauth-migration://offline?data=A${'='.repeat(K300)}x`,
      ['migration', 'import'],
    ),
    link(
      'regex/migration-data-300k-percent-escapes',
      () => `otpauth-migration://offline?data=${'%41'.repeat(K300)}`,
      ['migration', 'import'],
    ),
    link(
      'regex/link-label-300KB-spaces',
      () => `otpauth://totp/${' '.repeat(K300)}a?secret=${GOOD_SECRET}`,
    ),
    link(
      'regex/link-label-100k-encoded-spaces',
      () => `otpauth://totp/${'%20'.repeat(100_000)}a?secret=${GOOD_SECRET}`,
    ),
    link(
      'regex/link-label-300k-colons',
      () => `otpauth://totp/${':'.repeat(K300)}?secret=${GOOD_SECRET}`,
    ),
    link(
      'regex/link-300k-ampersands',
      () => `otpauth://totp/a?${'&'.repeat(K300)}secret=${GOOD_SECRET}`,
    ),
    ...inEveryFormat('regex/name-300KB-spaces', {
      issuer: `${' '.repeat(K300)}I`,
      name: `${' '.repeat(K300)}x`,
      secret: GOOD_SECRET,
    }),
    ...inEveryFormat('regex/issuer-300k-colons', {
      issuer: ':'.repeat(K300),
      name: ':'.repeat(K300),
      secret: GOOD_SECRET,
    }),
    bytesInput(
      'regex/csv-300k-quotes',
      ['import'],
      'export.csv',
      () =>
        `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n${'"'.repeat(K300)}\n`,
    ),
    bytesInput(
      'regex/text-one-16MB-line',
      ['import'],
      'list.txt',
      () => `otpauth://totp/a?secret=${'A'.repeat(16 * 1024 * 1024 - 40)}`,
    ),
  ];
}

const CONTROLS = {
  'ansi-escape': '\u001b[31mRED\u001b[0m\u001b[2J',
  'osc-title': '\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007',
  'cr-lf': 'Good\r\nFake: line\rOver',
  bidi: 'moc.elgoog\u202e\u2066evil\u2069\u200f',
  'nul-del-c1': 'a\u0000b\u007fc\u009bd\u0085e',
};

export function controlCharInputs(): HostileInput[] {
  return Object.entries(CONTROLS).flatMap(([kind, text]) => {
    const encoded = encodeURIComponent(text);
    const entry = { issuer: text, name: text, secret: GOOD_SECRET };
    return [
      link(
        `control/${kind}-in-link`,
        () => `otpauth://totp/${encoded}:${encoded}?secret=${GOOD_SECRET}&issuer=${encoded}`,
      ),
      bytesInput(`control/${kind}-in-migration`, ['migration', 'import'], 'export.txt', () =>
        migrationLink(migrationPayload({ entries: [otpParameters(text, text)] })),
      ),
      bytesInput(`control/${kind}-in-aegis`, ['import'], 'aegis.json', () => aegisPlain(entry)),
      bytesInput(`control/${kind}-in-directory`, ['directory'], 'totp.json', () =>
        JSON.stringify([
          [
            text,
            {
              domain: 'example.com',
              documentation: `https://example.com/${text}`,
              keywords: [text],
              tfa: [text],
            },
          ],
        ]),
      ),
    ];
  });
}

// Property tests of the CSV and JSON text importers: whatever the content, detection never
// throws and reading ends in an ImportResult or an ImportError, within the time bound; the CSV
// reader round-trips what an RFC 4180 writer writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andotpImporter } from '../../../main/importers/andotp';
import { authyImporter } from '../../../main/importers/authy';
import { battleNetImporter } from '../../../main/importers/battlenet';
import { parseCsv } from '../../../main/importers/csv';
import { duoImporter } from '../../../main/importers/duo';
import { freeOtpPlusImporter } from '../../../main/importers/freeotp-plus';
import { googleMigrationImporter } from '../../../main/importers/google-migration';
import { otpauthListImporter } from '../../../main/importers/otpauth-list';
import { protonImporter } from '../../../main/importers/proton';
import { steamImporter } from '../../../main/importers/steam';
import { stratumImporter } from '../../../main/importers/stratum';
import { totpAuthenticatorImporter } from '../../../main/importers/totp-authenticator';
import { trayotpImporter } from '../../../main/importers/trayotp';
import { twofasImporter } from '../../../main/importers/twofas';
import type { Importer } from '../../../main/importers/types';
import { params, timedAsync, timedCall, timeout } from './settings';

const IMPORTERS: Importer[] = [
  andotpImporter,
  authyImporter,
  battleNetImporter,
  duoImporter,
  freeOtpPlusImporter,
  googleMigrationImporter,
  otpauthListImporter,
  protonImporter,
  steamImporter,
  stratumImporter,
  totpAuthenticatorImporter,
  trayotpImporter,
  twofasImporter,
];

/** Field names the JSON formats use, so generated objects look like the real thing. */
const KEYS = [
  'secret',
  'issuer',
  'label',
  'name',
  'account',
  'digits',
  'period',
  'algorithm',
  'type',
  'counter',
  'tokens',
  'tokenOrder',
  'entries',
  'services',
  'groups',
  'groupId',
  'tags',
  'note',
  'otp',
  'schemaVersion',
  'version',
  'content',
  'uri',
  'totp',
  'accounts',
  'otpGenerator',
  'otpSecret',
  'shared_secret',
  'serial',
  'decryptedSecret',
  'encryptedSecret',
  'salt',
  'originalName',
  'originalIssuer',
  'accountType',
  'account_name',
  'Secret',
  'Issuer',
  'Digits',
  'Period',
  'Type',
  'Algorithm',
  'Counter',
  'Username',
  'Authenticators',
  'servicesEncrypted',
  'tokenType',
  'key',
  'base',
  'id',
  'icon',
  'items',
  'data',
];
const VALUES = [
  'JBSWY3DPEHPK3PXP',
  'jbsw y3dp ehpk 3pxp',
  'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP',
  'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1',
  'steam://JBSWY3DPEHPK3PXP',
  'TOTP',
  'HOTP',
  'STEAM',
  'totp',
  'SHA1',
  'SHA256',
  'MD5',
  '6',
  '30',
  'a\nb\u001b[2J',
  '',
  '====',
  'SGVsbG8=',
  '00ff',
  'trayotp',
  'otpauth-migration://offline?data=CgA%3D',
];

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VALUES),
    fc.string({ maxLength: 20 }),
    fc.integer({ min: -2, max: 2 ** 40 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    tie('object'),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
  object: fc.dictionary(
    fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })),
    tie('value'),
    {
      maxKeys: 6,
    },
  ),
})).value;

const jsonBytes = jsonish.map((value) => new TextEncoder().encode(JSON.stringify(value) ?? 'null'));
const textBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom(...VALUES, ',', '"', '\n', '\r\n', '#', '{', '}', '[', ']', ':'),
      fc.string({ maxLength: 10 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => new TextEncoder().encode(parts.join('')));

async function readsOrImportError(bytes: Uint8Array): Promise<void> {
  const input = { fileName: 'fuzz.txt', bytes };
  for (const importer of IMPORTERS) {
    const thrown = timedCall(() => importer.detect(input));
    expect(thrown, `${importer.id}.detect threw`).toBeUndefined();
    const error = await timedAsync(() => importer.read(input));
    if (error !== undefined) {
      expect((error as Error).name, `${importer.id}.read: ${String(error)}`).toBe('ImportError');
    }
  }
}

/** RFC 4180, every field quoted (the strictest form for the reader). */
function formatCsv(rows: string[][]): string {
  return rows.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n');
}

describe('text importers (property-based)', () => {
  it(
    'JSON-shaped content: detect never throws, read gives a result or an ImportError',
    () => fc.assert(fc.asyncProperty(jsonBytes, readsOrImportError), params(200)),
    timeout(),
  );

  it(
    'text and CSV-shaped content: the same',
    () => fc.assert(fc.asyncProperty(textBytes, readsOrImportError), params(200)),
    timeout(),
  );

  it(
    'any bytes: the same',
    () =>
      fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), readsOrImportError),
        params(100),
      ),
    timeout(),
  );

  it(
    'CSV rows round-trip through an RFC 4180 writer and parseCsv',
    () =>
      fc.assert(
        fc.property(
          fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 5 }), {
            minLength: 1,
            maxLength: 8,
          }),
          (rows) => {
            expect(parseCsv(formatCsv(rows))).toEqual(rows);
          },
        ),
        params(500),
      ),
    timeout(),
  );

  it(
    'parseCsv of long runs: rows or an ImportError (a bound), in linear time',
    () =>
      fc.assert(
        fc.property(
          fc.tuple(
            fc.constantFrom('"', ',', '\r', '\n', 'a', '""'),
            fc.integer({ min: 1, max: 30_000 }),
          ),
          ([c, n]) => {
            const thrown = timedCall(() => parseCsv(c.repeat(n)));
            if (thrown !== undefined) expect((thrown as Error).name).toBe('ImportError');
          },
        ),
        params(100),
      ),
    timeout(),
  );
});

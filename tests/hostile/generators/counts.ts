// Huge counts: numbers in a file that a reader might loop to, allocate for, or list one by one.
import { bytesInput } from './input';
import type { HostileInput } from './input';
import { migrationLink, migrationPayload, otpParameters } from './encoders';

const INT32_MAX = 2 ** 31 - 1;

function migration(name: string, options: Parameters<typeof migrationPayload>[0]): HostileInput {
  const link = migrationLink(migrationPayload(options));
  return bytesInput(`counts/${name}`, ['migration', 'import'], 'export.txt', () => `${link}\n`);
}

export function countInputs(): HostileInput[] {
  return [
    migration('migration-batch-size-2^31-1', { batchSize: INT32_MAX, batchIndex: 0 }),
    migration('migration-batch-size-and-index-2^31-1', {
      batchSize: INT32_MAX,
      batchIndex: INT32_MAX - 1,
    }),
    migration('migration-batch-index-beyond-size', { batchSize: 2, batchIndex: INT32_MAX }),
    migration('migration-batch-size-negative', { batchSize: -1, batchIndex: -2_000_000_000 }),
    bytesInput('counts/migration-1000-links-each-batch-2^31-1', ['import'], 'export.txt', () =>
      Array.from({ length: 1000 }, (_, i) =>
        migrationLink(
          migrationPayload({
            entries: [otpParameters(`user${i}`)],
            batchSize: INT32_MAX,
            batchIndex: i,
            batchId: i,
          }),
        ),
      ).join('\n'),
    ),
    migration('migration-20k-accounts-in-one-link', {
      entries: Array.from({ length: 20_000 }, (_, i) =>
        otpParameters(`u${i}`, 'I', 'sixteen-bytes!!!'),
      ),
    }),
    bytesInput(
      'counts/json-andotp-1m-entries',
      ['import'],
      'andotp.json',
      () =>
        `[${Array(1_000_000).fill('{"secret":"JBSWY3DPEHPK3PXP","issuer":"I","label":"a","type":"TOTP"}').join(',')}]`,
    ),
    bytesInput(
      'counts/json-aegis-1m-entries',
      ['import'],
      'aegis.json',
      () =>
        `{"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":[${Array(
          1_000_000,
        )
          .fill('{"type":"totp","name":"a","issuer":"I","info":{"secret":"JBSWY3DPEHPK3PXP"}}')
          .join(',')}]}}`,
    ),
    bytesInput(
      'counts/json-directory-1m-sites',
      ['directory'],
      'totp.json',
      () =>
        `[${Array.from({ length: 1_000_000 }, (_, i) => `["s${i}",{"domain":"s${i}.com"}]`).join(',')}]`,
    ),
    bytesInput(
      'counts/json-directory-one-site-1m-domains',
      ['directory'],
      'totp.json',
      () =>
        `[["s",{"domain":"s.com","additional-domains":[${Array.from({ length: 1_000_000 }, (_, i) => `"d${i}.com"`).join(',')}]}]]`,
    ),
    bytesInput('counts/text-1m-otpauth-lines', ['import'], 'list.txt', () =>
      Array(1_000_000).fill('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP').join('\n'),
    ),
    bytesInput('counts/text-8m-blank-lines', ['import'], 'list.txt', () => '\n'.repeat(8_000_000)),
    // Just under the importers' 32 MiB file cap, so the count itself must be bounded.
    bytesInput('counts/text-31MiB-blank-lines', ['import'], 'list.txt', () =>
      '\n'.repeat(31 * 1024 * 1024),
    ),
    bytesInput('counts/text-29MiB-of-600k-otpauth-lines', ['import'], 'list.txt', () =>
      Array(600_000).fill('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=I').join('\n'),
    ),
    bytesInput(
      'counts/json-andotp-31MiB-of-450k-entries',
      ['import'],
      'andotp.json',
      () =>
        `[${Array(450_000).fill('{"secret":"JBSWY3DPEHPK3PXP","issuer":"I","label":"a","type":"TOTP"}').join(',')}]`,
    ),
    bytesInput(
      'counts/json-aegis-31MiB-of-400k-entries',
      ['import'],
      'aegis.json',
      () =>
        `{"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":[${Array(
          400_000,
        )
          .fill('{"type":"totp","name":"a","issuer":"I","info":{"secret":"JBSWY3DPEHPK3PXP"}}')
          .join(',')}]}}`,
    ),
    bytesInput(
      'counts/csv-bitwarden-99k-rows',
      ['import'],
      'export.csv',
      () =>
        `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n${Array(
          99_000,
        )
          .fill(',,login,Site,,,0,,alice,,JBSWY3DPEHPK3PXP')
          .join('\n')}\n`,
    ),
  ];
}

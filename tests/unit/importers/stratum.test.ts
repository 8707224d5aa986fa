// Stratum / Authenticator Pro backups: plain JSON, current (Argon2id + AES-GCM) and legacy
// (PBKDF2-SHA1 + AES-CBC) encryption.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { stratumImporter } from '../../../main/importers/stratum';
import { describeInterop } from './interop-harness';

describeInterop({
  set: 'aegis',
  format: 'stratum',
  files: ['stratum_plain.json', 'stratum_encrypted.bin', 'stratum_encrypted_legacy.bin'],
});

const encode = (json: unknown) => ({
  fileName: 'backup.json',
  bytes: new TextEncoder().encode(JSON.stringify(json)),
});

describe('stratum importer', () => {
  it('skips mOTP and Yandex entries and unknown algorithms with the reason', async () => {
    const base = { Issuer: 'X', Username: 'u', Secret: 'JBSWY3DPEHPK3PXP', Digits: 6, Period: 30 };
    const result = await stratumImporter.read(
      encode({
        Authenticators: [
          { ...base, Type: 3, Algorithm: 0 },
          { ...base, Type: 5, Algorithm: 0 },
          { ...base, Type: 2, Algorithm: 7 },
          { ...base, Type: 2, Algorithm: 0 },
        ],
      }),
    );
    expect(result.entries).toHaveLength(1);
    expect(result.skipped).toEqual([
      {
        label: 'X: u',
        reason: 'Unsupported OTP type "motp" (mOTP): TrayOTP supports totp, hotp and steam.',
      },
      {
        label: 'X: u',
        reason: 'Unsupported OTP type "yaotp" (Yandex.Key): TrayOTP supports totp, hotp and steam.',
      },
      {
        label: 'X: u',
        reason: 'Unknown algorithm "code 7": TrayOTP supports SHA1, SHA256 and SHA512.',
      },
    ]);
  });

  it.each([
    ['current', 'AUTHENTICATORPRO'],
    ['legacy', 'AuthenticatorPro'],
  ])('calls a %s backup cut short damaged', async (_what, header) => {
    const input = { fileName: 'b.bin', bytes: new TextEncoder().encode(`${header}short`) };
    await expect(stratumImporter.read(input, 'x')).rejects.toMatchObject({ code: 'damaged' });
  });
});

async function database(schema: string, rows: string[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(schema);
  for (const row of rows) db.run(row);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('stratum internal database', () => {
  it.each([
    [
      'lower-case columns',
      'CREATE TABLE authenticator (secret TEXT PRIMARY KEY, type INTEGER, issuer TEXT, username TEXT, pin TEXT, algorithm INTEGER, digits INTEGER, period INTEGER, counter INTEGER, ranking INTEGER)',
    ],
    [
      "the app's property names",
      'CREATE TABLE "Authenticator" ("Secret" varchar PRIMARY KEY, "Type" integer, "Issuer" varchar, "Username" varchar, "Pin" varchar, "Algorithm" integer, "Digits" integer, "Period" integer, "Counter" integer, "Ranking" integer)',
    ],
  ])('reads authenticator.db3 with %s, also in WAL mode', async (_what, schema) => {
    const bytes = await database(schema, [
      "INSERT INTO authenticator VALUES ('JBSWY3DPEHPK3PXP', 1, 'Site', 'me', NULL, 1, 7, 30, 5, 0)",
      "INSERT INTO authenticator VALUES ('KRSXG5CTMVRXEZLU', 4, 'Steam', 'gamer', NULL, 0, 5, 30, 0, 1)",
    ]);
    bytes[18] = 2; // WAL mode, as the app leaves it: the copy must still open
    bytes[19] = 2;
    const input = { fileName: 'authenticator.db3', bytes };
    expect(stratumImporter.detect(input)).toEqual({ confidence: 2, encrypted: false });
    const result = await stratumImporter.read(input);
    expect(
      result.entries.map(({ account: a }) => [
        a.type,
        a.issuer,
        a.name,
        a.algorithm,
        a.digits,
        a.counter,
      ]),
    ).toEqual([
      ['hotp', 'Site', 'me', 'SHA256', 7, 5],
      ['steam', 'Steam', 'gamer', 'SHA1', 5, 0],
    ]);
  });
});

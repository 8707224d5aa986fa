// Microsoft Authenticator's and the old Google Authenticator's SQLite databases (via sql.js).
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  googleAuthenticatorDbImporter,
  microsoftAuthenticatorImporter,
} from '../../../main/importers/sqlite-authenticators';
import { describeInterop } from './interop-harness';
import type { ExpectedEntry } from './interop-harness';

describeInterop({
  set: 'aegis',
  format: 'microsoft-authenticator',
  files: ['microsoft_authenticator.sqlite'],
});

// Deliberate difference from expected.json (which lists the stored HOTP counter, as Aegis
// imports it): Google Authenticator increments the stored counter and then uses it
// (OtpProvider.getCurrentCode), so its next code is stored + 1 and we import that. The
// comparison adds 1 to expected.json's counters.
describeInterop({
  set: 'aegis',
  format: 'google-authenticator-db',
  files: ['google_authenticator.sqlite'],
  adjust: (entry: ExpectedEntry) =>
    entry.type === 'hotp' && entry.counter !== null
      ? { ...entry, counter: entry.counter + 1 }
      : entry,
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

const MS_SCHEMA =
  'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, name TEXT, username TEXT, oath_secret_key TEXT, account_type INTEGER)';
const GA_SCHEMA =
  'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, original_name TEXT DEFAULT NULL)';

describe('microsoft authenticator importer', () => {
  it('reads a personal Microsoft account (base64, 8 digits) and skips work accounts', async () => {
    const bytes = await database(MS_SCHEMA, [
      "INSERT INTO accounts VALUES (1, 'Microsoft', 'me@outlook.com', 'SGVsbG8h3q2+7w==', 1)",
      "INSERT INTO accounts VALUES (2, 'Contoso', 'me@contoso.com', '', 2)",
      "INSERT INTO accounts VALUES (3, 'Bad', 'x', 'not base64!', 1)",
    ]);
    const result = await microsoftAuthenticatorImporter.read({ fileName: 'PhoneFactor', bytes });
    expect(
      result.entries.map((e) => [e.account.issuer, e.account.secret, e.account.digits]),
    ).toEqual([['Microsoft', 'JBSWY3DPEHPK3PXP', 8]]);
    expect(result.skipped).toEqual([
      {
        label: 'Contoso: me@contoso.com',
        reason:
          'It is a Microsoft work or school account: its sign-ins are approved in the app, and it holds no code secret another app can use.',
      },
      { label: 'Bad: x', reason: 'Its Microsoft account secret is not base64.' },
    ]);
  });
});

describe('google authenticator database importer', () => {
  it('takes the issuer from the email prefix when the column is empty, and skips unknown types', async () => {
    const bytes = await database(GA_SCHEMA, [
      "INSERT INTO accounts VALUES (1, 'Example:alice', 'JBSWY3DPEHPK3PXP', 0, 0, 0, NULL, NULL)",
      "INSERT INTO accounts VALUES (2, 'bob@example.com', 'JBSWY3DPEHPK3PXP', 7, 1, 0, NULL, NULL)",
      "INSERT INTO accounts VALUES (3, 'weird', 'JBSWY3DPEHPK3PXP', 0, 5, 0, NULL, NULL)",
    ]);
    const result = await googleAuthenticatorDbImporter.read({ fileName: 'databases', bytes });
    expect(
      result.entries.map((e) => [
        e.account.type,
        e.account.issuer,
        e.account.name,
        e.account.counter,
      ]),
    ).toEqual([
      ['totp', 'Example', 'alice', 0],
      ['hotp', '', 'bob@example.com', 8],
    ]);
    expect(result.skipped).toEqual([
      { label: 'weird', reason: 'Its type 5 is neither TOTP (0) nor HOTP (1).' },
    ]);
  });

  it('does not claim an SQLite database of another app, and calls one without accounts damaged', async () => {
    const bytes = await database(
      'CREATE TABLE notes (accounts INTEGER, email TEXT, secret TEXT, counter INTEGER, original_name TEXT)',
      [],
    );
    const input = { fileName: 'other.db', bytes };
    expect(googleAuthenticatorDbImporter.detect(input).confidence).toBe(2);
    expect(microsoftAuthenticatorImporter.detect(input).confidence).toBe(0);
    await expect(googleAuthenticatorDbImporter.read(input)).rejects.toMatchObject({
      code: 'damaged',
      message: '"other.db" is an SQLite database without Google Authenticator\'s accounts table.',
    });
  });

  it('calls a truncated database damaged', async () => {
    const bytes = await database(GA_SCHEMA, [
      "INSERT INTO accounts VALUES (1, 'a', 'JBSWY3DPEHPK3PXP', 0, 0, 0, NULL, NULL)",
    ]);
    const input = { fileName: 'databases', bytes: bytes.subarray(0, 1500) };
    await expect(googleAuthenticatorDbImporter.read(input)).rejects.toMatchObject({
      code: 'damaged',
    });
  });
});

// Authenticators whose accounts live in an SQLite database copied off a (rooted) phone:
//  - Microsoft Authenticator, databases/PhoneFactor, table accounts: name (the issuer),
//    username, oath_secret_key, account_type (0 = standard TOTP with a base32 secret; 1 = a
//    personal Microsoft account: base64 secret, 8 digits; others are Microsoft work accounts
//    without a portable secret);
//  - Google Authenticator before 5.10 (the app that had no export), databases/databases, table
//    accounts: email ("Issuer:name"), secret (base32), counter, type (0 = TOTP, 1 = HOTP),
//    issuer. No algorithm, digits or period: SHA1, 6, 30 s.
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { readImportTable, schemaMentions } from './sqlite-reader';
import type { Row } from './sqlite-reader';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

async function accountsTable(input: ImportInput, app: string): Promise<Row[]> {
  const rows = await readImportTable(input, 'accounts');
  if (!rows) {
    throw new ImportError(
      'damaged',
      `"${input.fileName}" is an SQLite database without ${app}'s accounts table.`,
    );
  }
  return rows;
}

export const microsoftAuthenticatorImporter: Importer = {
  id: 'microsoft-authenticator',
  label: 'Microsoft Authenticator',
  detect(input: ImportInput): Detection {
    const fits = schemaMentions(input.bytes, ['accounts', 'oath_secret_key', 'account_type']);
    return { confidence: fits ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const rows = await accountsTable(input, 'Microsoft Authenticator');
    const collector = new EntryCollector();
    for (const row of rows) {
      const issuer = text(row.name) ?? '';
      const name = text(row.username) ?? '';
      const secret = text(row.oath_secret_key) ?? '';
      const label = [issuer, name].filter(Boolean).join(': ') || 'Microsoft account';
      if (row.account_type === 0) {
        collector.add({ issuer, name, secret });
      } else if (row.account_type === 1) {
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
          collector.skip(label, 'Its Microsoft account secret is not base64.');
          continue;
        }
        collector.add({ issuer, name, secret: Buffer.from(secret, 'base64'), digits: 8 });
      } else {
        collector.skip(
          label,
          'It is a Microsoft work or school account: its sign-ins are approved in the app, and it holds no code secret another app can use.',
        );
      }
    }
    return {
      format: 'microsoft-authenticator',
      entries: collector.entries,
      skipped: collector.skipped,
    };
  },
};

/**
 * Google Authenticator computes an HOTP code by first incrementing the stored counter and then
 * using it (OtpProvider.getCurrentCode: incrementCounter, then getCounter). Its next code is
 * therefore stored + 1, and that is the otpauth counter (the next counter to use). It is never
 * behind the server; at worst, for an account that never showed a code, one ahead, which HOTP
 * servers accept (RFC 4226 §7.4 look-ahead).
 */
export const GOOGLE_NEXT_COUNTER_OFFSET = 1;

export const googleAuthenticatorDbImporter: Importer = {
  id: 'google-authenticator-db',
  label: 'Google Authenticator (old app database)',
  detect(input: ImportInput): Detection {
    const fits = schemaMentions(input.bytes, [
      'accounts',
      'email',
      'secret',
      'counter',
      'original_name',
    ]);
    return { confidence: fits ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const rows = await accountsTable(input, 'Google Authenticator');
    const collector = new EntryCollector();
    for (const row of rows) {
      const email = (text(row.email) ?? '').trim();
      let issuer = (text(row.issuer) ?? '').trim();
      if (!issuer && email.includes(':')) issuer = email.slice(0, email.indexOf(':'));
      const name =
        issuer && email.startsWith(`${issuer}:`) ? email.slice(issuer.length + 1) : email;
      const isHotp = row.type === 1;
      if (row.type !== 0 && !isHotp) {
        collector.skip(
          email || 'Google account',
          `Its type ${String(row.type)} is neither TOTP (0) nor HOTP (1).`,
        );
        continue;
      }
      const counter =
        typeof row.counter === 'number' ? row.counter + GOOGLE_NEXT_COUNTER_OFFSET : undefined;
      collector.add({
        type: isHotp ? 'hotp' : 'totp',
        issuer,
        name: name.trim(),
        secret: text(row.secret),
        counter: isHotp ? counter : undefined,
      });
    }
    return {
      format: 'google-authenticator-db',
      entries: collector.entries,
      skipped: collector.skipped,
    };
  },
};

// Google Authenticator's export links: otpauth-migration://offline?data=BASE64(MigrationPayload).
// The protobuf schema is Google's (reverse-engineered, stable since 2020); protobufjs decodes it
// and skips fields it does not know, so newer exports still read.
import protobuf from 'protobufjs';
import type { Account } from './account';
import { LIMITS } from './account';
import { decodeBase32 } from './base32';
import { OtpError } from './errors';
import { toAccount } from './validate';
import type { ValidatedAccount } from './validate';

const SCHEME = 'otpauth-migration://offline';

const root = protobuf.Root.fromJSON({
  nested: {
    MigrationPayload: {
      fields: {
        otpParameters: { rule: 'repeated', type: 'OtpParameters', id: 1 },
        version: { type: 'int32', id: 2 },
        batchSize: { type: 'int32', id: 3 },
        batchIndex: { type: 'int32', id: 4 },
        batchId: { type: 'int32', id: 5 },
      },
      nested: {
        OtpParameters: {
          fields: {
            secret: { type: 'bytes', id: 1 },
            name: { type: 'string', id: 2 },
            issuer: { type: 'string', id: 3 },
            algorithm: { type: 'int32', id: 4 },
            digits: { type: 'int32', id: 5 },
            type: { type: 'int32', id: 6 },
            counter: { type: 'int64', id: 7 },
          },
        },
      },
    },
  },
});
const MigrationPayload = root.lookupType('MigrationPayload');

/** Enum values of the payload. 0 is "unspecified" everywhere and means Google's default. */
const ALGORITHM: Record<number, string> = {
  0: 'SHA1',
  1: 'SHA1',
  2: 'SHA256',
  3: 'SHA512',
  4: 'MD5',
};
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const TYPE: Record<number, string> = { 0: 'totp', 1: 'hotp', 2: 'totp' };

export interface MigrationBatch {
  version: number;
  /** How many links the export was split into, which one this is, and the id they share. */
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

export interface MigrationEntryProblem {
  index: number;
  label: string;
  reason: string;
}

export interface DecodedMigration {
  batch: MigrationBatch;
  accounts: ValidatedAccount[];
  /** Entries that cannot produce working codes, with the reason; the others still import. */
  skipped: MigrationEntryProblem[];
}

interface RawOtpParameters {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: number;
}

export function isMigrationUri(text: string): boolean {
  return text.trim().toLowerCase().startsWith('otpauth-migration://');
}

export function decodeMigrationUri(text: string): DecodedMigration {
  const uri = text.trim();
  if (uri.length > LIMITS.maxMigrationUriChars) {
    throw new OtpError(
      'uri-too-long',
      `The export link is ${uri.length} characters long; a Google Authenticator export link is never longer than ${LIMITS.maxMigrationUriChars}.`,
    );
  }
  if (!uri.toLowerCase().startsWith(`${SCHEME}?`)) {
    throw new OtpError(
      'wrong-scheme',
      'This is not a Google Authenticator export link (otpauth-migration://offline?data=…).',
    );
  }
  const bytes = decodeData(uri.slice(SCHEME.length + 1));
  let message: protobuf.Message;
  try {
    message = MigrationPayload.decode(bytes);
  } catch (error) {
    throw new OtpError(
      'invalid-migration',
      `The export link's data is damaged or not a Google Authenticator export (${(error as Error).message}).`,
    );
  }
  const payload = MigrationPayload.toObject(message, {
    longs: Number,
    defaults: true,
    arrays: true,
  }) as { otpParameters: RawOtpParameters[] } & MigrationBatch;
  // Checked before anything uses them: an importer that trusts batch_size = 2^31-1 builds an
  // array of two billion missing parts and runs out of memory (issue 13).
  checkBatch(payload);

  const accounts: ValidatedAccount[] = [];
  const skipped: MigrationEntryProblem[] = [];
  payload.otpParameters.forEach((raw, index) => {
    const { issuer, name } = splitName(raw.issuer ?? '', raw.name ?? '');
    try {
      const algorithm = ALGORITHM[raw.algorithm ?? 0] ?? `enum value ${raw.algorithm}`;
      const digits = DIGITS[raw.digits ?? 0];
      const type = TYPE[raw.type ?? 0] ?? `enum value ${raw.type}`;
      accounts.push(
        toAccount({
          type,
          issuer,
          name,
          secret: raw.secret ?? new Uint8Array(),
          algorithm,
          digits: digits ?? `enum value ${raw.digits}`,
          period: 30,
          counter: raw.counter ?? 0,
        }),
      );
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      skipped.push({ index, label: issuer ? `${issuer}: ${name}` : name, reason: error.message });
    }
  });
  if (accounts.length === 0 && skipped.length === 0) {
    throw new OtpError(
      'invalid-migration',
      'The export link holds no accounts: it is damaged or not a Google Authenticator export.',
    );
  }
  return {
    batch: {
      version: payload.version,
      batchSize: payload.batchSize,
      batchIndex: payload.batchIndex,
      batchId: payload.batchId,
    },
    accounts,
    skipped,
  };
}

export interface EncodeOptions {
  /** Accounts per link; Google Authenticator writes 10 so each QR code stays scannable. */
  perLink?: number;
  /** Shared by the links of one export, so an importer can tell they belong together. */
  batchId: number;
}

export interface EncodedMigration {
  uris: string[];
  /** Accounts Google's format cannot express (Steam, odd digits or periods), with the reason. */
  unsupported: { account: Account; reason: string }[];
}

export function encodeMigrationUris(accounts: Account[], options: EncodeOptions): EncodedMigration {
  const perLink = options.perLink ?? 10;
  const unsupported: EncodedMigration['unsupported'] = [];
  const expressible = accounts.filter((account) => {
    const reason = unsupportedReason(account);
    if (reason) unsupported.push({ account, reason });
    return !reason;
  });
  const chunks: Account[][] = [];
  for (let i = 0; i < expressible.length; i += perLink)
    chunks.push(expressible.slice(i, i + perLink));
  const uris = chunks.map((chunk, batchIndex) => {
    const message = MigrationPayload.fromObject({
      otpParameters: chunk.map((account) => ({
        secret: decodeBase32(account.secret),
        name: account.name,
        issuer: account.issuer,
        algorithm: { SHA1: 1, SHA256: 2, SHA512: 3 }[account.algorithm],
        digits: account.digits === 8 ? 2 : 1,
        type: account.type === 'hotp' ? 1 : 2,
        counter: account.counter,
      })),
      version: 1,
      batchSize: chunks.length,
      batchIndex,
      batchId: options.batchId,
    });
    const data = Buffer.from(MigrationPayload.encode(message).finish()).toString('base64');
    return `${SCHEME}?data=${encodeURIComponent(data)}`;
  });
  return { uris, unsupported };
}

function checkBatch(batch: MigrationBatch): void {
  const size = batch.batchSize > 0 ? batch.batchSize : 1;
  if (size > LIMITS.maxMigrationParts) {
    throw new OtpError(
      'invalid-migration',
      `The export link says its export has ${batch.batchSize} parts; Google Authenticator never writes more than ${LIMITS.maxMigrationParts}, so the link is damaged or forged.`,
    );
  }
  if (batch.batchIndex < 0 || batch.batchIndex >= size) {
    throw new OtpError(
      'invalid-migration',
      `The export link says it is part ${batch.batchIndex + 1} of ${size}, which cannot be; the link is damaged.`,
    );
  }
}

function unsupportedReason(account: Account): string | undefined {
  if (account.type === 'steam') return 'Google Authenticator cannot show Steam Guard codes.';
  if (account.digits !== 6 && account.digits !== 8) {
    return `Google Authenticator's export only carries 6 or 8 digits, not ${account.digits}.`;
  }
  if (account.type === 'totp' && account.period !== 30) {
    return `Google Authenticator's export has no period; this account uses ${account.period} s, not 30.`;
  }
  return undefined;
}

/**
 * The data parameter is base64, usually percent-encoded. A raw '+' stays a '+' (form decoding
 * would turn it into a space and corrupt the payload), and a space that such decoding already
 * made is turned back. base64url and missing padding are accepted.
 */
function decodeData(query: string): Uint8Array {
  const raw = query
    .split('&')
    .find((pair) => pair.toLowerCase().startsWith('data='))
    ?.slice('data='.length);
  if (!raw) throw new OtpError('invalid-migration', 'The export link has no data.');
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    throw new OtpError('invalid-migration', "The export link's data has a broken %-escape.");
  }
  text = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new OtpError('invalid-migration', "The export link's data is not base64.");
  }
  return Buffer.from(text, 'base64');
}

/**
 * Google Authenticator stores a scanned "Issuer:name" label whole in `name` and the issuer
 * parameter in `issuer`; drop the duplicated prefix. Only when the issuer is set and matches:
 * a bare "a: b" name is a name (see test data: "encoding: ¿äÄéÉ? (demo)").
 */
function splitName(issuer: string, name: string): { issuer: string; name: string } {
  if (issuer && name.startsWith(`${issuer}:`)) {
    return { issuer, name: name.slice(issuer.length + 1).trim() };
  }
  return { issuer, name };
}

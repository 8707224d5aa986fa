// A record is one change of one field of one account (docs/sync.md § Records). Records come
// from other devices' files, so every value is checked against the same limits the vault uses.
import { z } from 'zod';
import { MAX_ENTRY_DOMAINS, entrySchema } from '../vault/entries';
import { isHlc } from './hlc';
import type { Hlc } from './hlc';

// The values are the vault's own field schemas (entrySchema), so a record can never carry what the
// vault would refuse, and a limit changed there changes here.
const entry = entrySchema.shape;
const hlc = z.string().refine(isHlc, 'not a hybrid logical clock');

export const otpValueSchema = z.strictObject({
  type: entry.type,
  secret: entry.secret,
  algorithm: entry.algorithm,
  digits: entry.digits,
  period: entry.period,
  counter: entry.counter,
});
export type OtpValue = z.infer<typeof otpValueSchema>;

const base = { at: hlc, id: entry.id };

export const recordSchema = z.discriminatedUnion('f', [
  z.strictObject({ ...base, f: z.literal('otp'), v: otpValueSchema }),
  z.strictObject({
    ...base,
    f: z.literal('counter'),
    v: z.strictObject({ otp: hlc, n: entry.counter }),
  }),
  z.strictObject({ ...base, f: z.literal('issuer'), v: entry.issuer }),
  z.strictObject({ ...base, f: z.literal('name'), v: entry.name }),
  z.strictObject({ ...base, f: z.literal('tags'), v: entry.tags }),
  z.strictObject({ ...base, f: z.literal('pinned'), v: entry.pinned }),
  z.strictObject({ ...base, f: z.literal('order'), v: entry.sortOrder }),
  z.strictObject({ ...base, f: z.literal('icon'), v: entry.icon }),
  // Domain bindings: hostnames or "*." and a hostname (bindings version 2), checked in full by
  // the vault's own schema in the merge (a record is read whole even if one binding is not).
  z.strictObject({
    ...base,
    f: z.literal('domains'),
    v: z.array(z.string().min(1).max(255)).max(MAX_ENTRY_DOMAINS),
  }),
  z.strictObject({ ...base, f: z.literal('created'), v: entry.createdAt }),
  z.strictObject({ ...base, f: z.literal('del'), v: z.null() }),
]);
export type SyncRecord = z.infer<typeof recordSchema>;
/** A record's field: what it changes of its account (fields.ts maps them to Entry fields). */
export type Field = SyncRecord['f'];

/** What one file of a device holds once decrypted (docs/sync.md § File format). */
export const MAX_RECORDS_PER_FILE = 100_000;
export const logBodySchema = z.strictObject({
  records: z.array(recordSchema).max(MAX_RECORDS_PER_FILE),
  seen: z.record(z.string().regex(/^[a-z2-7]{26}$/), hlc),
  covers: z.number().int().min(0).max(9_999_999_999).optional(),
  /**
   * The sequence number of the device's previous log file (segment or snapshot): the chain a
   * reader follows to know it has every file up to here, so its acknowledgement never covers a
   * file it has not got (docs/sync.md § Tombstones). Absent in files written before it.
   */
  after: z.number().int().min(0).max(9_999_999_999).optional(),
});
export type LogBody = z.infer<typeof logBodySchema>;

/** JSON with object keys sorted: the same value always gives the same text (tie-breaks, ids). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const object = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A record's identity: equal records (a file delivered twice, a conflict copy) count once. */
export function recordKey(record: SyncRecord): string {
  return `${record.at}|${record.id}|${record.f}|${canonicalJson(record.v)}`;
}

/** Total order of two writes of one field: HLC, then the value's canonical JSON. */
export function newer(a: { at: Hlc; v: unknown }, b: { at: Hlc; v: unknown }): boolean {
  if (a.at !== b.at) return a.at > b.at;
  return canonicalJson(a.v) > canonicalJson(b.v);
}

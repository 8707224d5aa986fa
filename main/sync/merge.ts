// The merge of docs/sync.md § Merge: a pure function of the union of every device's records.
// No clock, no local state, no order: every device holding the same records computes the same
// accounts. Per field the write with the greatest HLC wins (ties by the value's canonical JSON);
// HOTP counters take the maximum among those of the winning secret write; an account is deleted
// when its newest tombstone is newer than its newest other write.
import { entryAccount, entrySchema, newEntry } from '../vault/entries';
import { fieldsFromWrites } from './fields';
import type { Entry } from '../vault/entries';
import { newer, recordKey } from './records';
import type { Field, OtpValue, SyncRecord } from './records';
import type { Hlc } from './hlc';
import { parseHlc } from './hlc';

/** An Entry as sync sees it (the vault's Entry; `domains` left out while empty, as newEntry does). */
export type SyncEntry = Entry;

export interface MergedAccount {
  entry: SyncEntry;
  /** The HLC of the winning secret write: HOTP counter records refer to it. */
  otpAt: Hlc;
}

export interface MergeResult {
  /** Live accounts, sorted by sortOrder, then id. */
  accounts: MergedAccount[];
  /** Ids with a tombstone that wins (deleted everywhere). */
  deleted: Set<string>;
  /** Ids whose records lack a secret, issuer or name, or do not make a valid entry. */
  incomplete: string[];
}

type Write = { at: Hlc; v: unknown };

interface Fold {
  fields: Map<Field, Write>;
  counters: Map<Hlc, number>;
  created: number | undefined;
  tomb: Hlc | undefined;
  last: Hlc | undefined;
}

/** Folds records (in any order, with any duplicates) into one state per account. */
export function foldRecords(records: Iterable<SyncRecord>): Map<string, Fold> {
  const byId = new Map<string, Fold>();
  for (const record of records) {
    let fold = byId.get(record.id);
    if (!fold) {
      fold = {
        fields: new Map(),
        counters: new Map(),
        created: undefined,
        tomb: undefined,
        last: undefined,
      };
      byId.set(record.id, fold);
    }
    switch (record.f) {
      case 'del':
        if (fold.tomb === undefined || record.at > fold.tomb) fold.tomb = record.at;
        continue;
      case 'counter': {
        const seen = fold.counters.get(record.v.otp) ?? 0;
        fold.counters.set(record.v.otp, Math.max(seen, record.v.n));
        // Using a code is not an edit: it neither brings a deleted account back nor dates it.
        continue;
      }
      case 'created':
        fold.created = fold.created === undefined ? record.v : Math.min(fold.created, record.v);
        break;
      default: {
        const current = fold.fields.get(record.f);
        if (!current || newer(record, current))
          fold.fields.set(record.f, { at: record.at, v: record.v });
      }
    }
    if (fold.last === undefined || record.at > fold.last) fold.last = record.at;
  }
  return byId;
}

export function merge(records: Iterable<SyncRecord>): MergeResult {
  const accounts: MergedAccount[] = [];
  const deleted = new Set<string>();
  const incomplete: string[] = [];
  for (const [id, fold] of foldRecords(records)) {
    if (fold.tomb !== undefined && (fold.last === undefined || fold.tomb > fold.last)) {
      deleted.add(id);
      continue;
    }
    const account = materialise(id, fold);
    if (account) accounts.push(account);
    else incomplete.push(id);
  }
  accounts.sort(
    (a, b) =>
      a.entry.sortOrder - b.entry.sortOrder ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  return { accounts, deleted, incomplete: incomplete.sort() };
}

function materialise(id: string, fold: Fold): MergedAccount | undefined {
  const otp = fold.fields.get('otp');
  // An account needs its secret and both labels; every other field has newEntry's default.
  if (!otp || !fold.fields.has('issuer') || !fold.fields.has('name')) return undefined;
  if (fold.last === undefined) return undefined;
  const fields = fieldsFromWrites((field) => fold.fields.get(field)?.v);
  // HOTP counters: the highest among those of the winning secret write.
  const counter = Math.max((otp.v as OtpValue).counter, fold.counters.get(otp.at) ?? 0);
  const updatedAt = parseHlc(fold.last).wall;
  const createdAt = Math.min(fold.created ?? updatedAt, updatedAt);
  const account = entryAccount({ ...fields, counter } as Entry);
  const entry = newEntry(account, id, updatedAt, { ...fields, createdAt });
  // The vault refuses a whole save over one bad entry, so a combination the vault cannot hold
  // (a Steam secret with 6 digits, a domain that is not a hostname…) is reported here instead
  // of failing every merge after it.
  if (!entrySchema.safeParse(entry).success) return undefined;
  return { entry, otpAt: otp.at };
}

/** The union of several record lists, each record once. */
export function uniqueRecords(lists: Iterable<Iterable<SyncRecord>>): SyncRecord[] {
  const seen = new Map<string, SyncRecord>();
  for (const list of lists) for (const record of list) seen.set(recordKey(record), record);
  return [...seen.values()];
}

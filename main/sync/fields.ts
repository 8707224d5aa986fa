// What sync carries of an account, in one table (docs/sync.md § Records, issue 26). Every field of
// an Entry is named here: carried by a record field, the records' id, or this computer's own.
// The creation records, the diff, the merge and the applied-state hashes all follow this table
// and its codecs, so a new Entry field is either synced everywhere or declared local: `tsc` fails
// on a field the table does not name, on a record field without a codec, and on a codec the
// merge's order leaves out.
import { isDeepStrictEqual } from 'node:util';
import { entryDomains } from '../vault/entries';
import type { Entry } from '../vault/entries';
import type { Hlc } from './hlc';
import type { Field, OtpValue, SyncRecord } from './records';

/** Where an Entry field goes: a record field, the records' `id`, or nowhere (`local`). */
export type EntryFieldRole = Field | 'id' | 'local';

/** Every Entry field and where sync puts it. */
export const ENTRY_FIELDS = {
  id: 'id',
  // The secret and its parameters are one field: two devices never merge one's secret with the
  // other's digits. The counter rides along, and grows by `counter` records.
  type: 'otp',
  secret: 'otp',
  algorithm: 'otp',
  digits: 'otp',
  period: 'otp',
  counter: 'otp',
  issuer: 'issuer',
  name: 'name',
  tags: 'tags',
  pinned: 'pinned',
  sortOrder: 'order',
  icon: 'icon',
  domains: 'domains',
  // Written once, with the account; the merge keeps the earliest.
  createdAt: 'created',
  // The wall time of the account's newest record: the merge computes it, nobody sends it.
  updatedAt: 'local',
  // Using a code is not an edit: when this computer last used it stays here.
  lastUsedAt: 'local',
} as const satisfies Record<keyof Entry, EntryFieldRole>;

type Roles = typeof ENTRY_FIELDS;
/** The Entry fields sync carries (the id included). */
export type SyncedKey = { [K in keyof Roles]: Roles[K] extends 'local' ? never : K }[keyof Roles];
export type LocalKey = Exclude<keyof Entry, SyncedKey>;
/** The record fields an edit writes (last writer wins), each with a codec below. */
export type EditedField = Exclude<Roles[keyof Roles], 'id' | 'local' | 'created'>;

const keys = Object.keys(ENTRY_FIELDS) as (keyof Entry)[];
export const SYNCED_KEYS = keys.filter((k) => ENTRY_FIELDS[k] !== 'local') as SyncedKey[];
export const LOCAL_ONLY_KEYS = keys.filter((k) => ENTRY_FIELDS[k] === 'local') as LocalKey[];

type Value<F extends Field> = Extract<SyncRecord, { f: F }>['v'];

interface Codec<F extends EditedField> {
  /** The record's value for an entry. */
  read(entry: Entry): Value<F>;
  /** What counts as a change (compared and hashed); the record's value when absent. */
  compared?(entry: Entry): unknown;
  /** Sets the entry's fields from the winning value. */
  write(value: Value<F>, into: Partial<Entry>): void;
  /** A new account's records leave the field out while it holds this (older readers). */
  omittedAtCreation?(value: Value<F>): boolean;
}

export function otpValue(entry: Entry): OtpValue {
  const { type, secret, algorithm, digits, period, counter } = entry;
  return { type, secret, algorithm, digits, period, counter };
}

/** A field that is one Entry field, as it is (arrays copied: records outlive the entry). */
function plain<K extends keyof Entry>(key: K) {
  return {
    read: (entry: Entry) => {
      const value = entry[key];
      return (Array.isArray(value) ? [...value] : value) as Entry[K];
    },
    compared: (entry: Entry) => entry[key],
    write: (value: Entry[K], into: Partial<Entry>) => {
      into[key] = value;
    },
  };
}

/**
 * The codecs, in the order of the applied-state hashes (applied-state.ts keeps one slot per field
 * in this order in every vault): a new field goes last.
 */
const CODECS = {
  otp: {
    read: otpValue,
    // The counter is compared apart: it only grows, by counter records.
    compared: (entry: Entry) => {
      const { type, secret, algorithm, digits, period } = entry;
      return { type, secret, algorithm, digits, period };
    },
    write: (value: OtpValue, into: Partial<Entry>) => Object.assign(into, value),
  },
  issuer: plain('issuer'),
  name: plain('name'),
  tags: plain('tags'),
  pinned: plain('pinned'),
  order: plain('sortOrder'),
  icon: plain('icon'),
  // Absent in older vaults and left out while empty, so older versions keep reading the folder.
  domains: {
    read: (entry: Entry) => [...entryDomains(entry)],
    compared: entryDomains,
    write: (value: string[], into: Partial<Entry>) => {
      into.domains = value;
    },
    omittedAtCreation: (value: string[]) => value.length === 0,
  },
} satisfies { [F in EditedField]: Codec<F> };

export const EDITED_FIELDS = Object.keys(CODECS) as (keyof typeof CODECS)[];

function codec<F extends EditedField>(field: F): Codec<F> {
  return CODECS[field] as unknown as Codec<F>;
}

/** The value of a field that counts for a change: equal values mean no record. */
export function comparedValue(field: EditedField, entry: Entry): unknown {
  const c = codec(field);
  return c.compared ? c.compared(entry) : c.read(entry);
}

/** A record of one edited field, with the entry's value. */
export function fieldRecord(field: EditedField, entry: Entry, at: Hlc): SyncRecord {
  return { at, id: entry.id, f: field, v: codec(field).read(entry) } as SyncRecord;
}

/** The fields whose values differ between two versions of an account. */
export function differingFields(a: Entry, b: Entry): EditedField[] {
  return EDITED_FIELDS.filter((field) => {
    const before = comparedValue(field, a);
    const after = comparedValue(field, b);
    return before !== after && !isDeepStrictEqual(before, after);
  });
}

/** Every record of a new account, all with one HLC: its creation time, then each field. */
export function creationRecords(entry: Entry, at: Hlc): SyncRecord[] {
  const records: SyncRecord[] = [{ at, id: entry.id, f: 'created', v: entry.createdAt }];
  for (const field of EDITED_FIELDS) {
    const record = fieldRecord(field, entry, at);
    if (!codec(field).omittedAtCreation?.(record.v as never)) records.push(record);
  }
  return records;
}

/**
 * The records of an edit: the changed fields, each stamped by `stamp()`. The secret follows the
 * counter rule: a new secret, new parameters or a counter set back by hand is a new secret write;
 * a counter that grew is a counter record of the secret write it counts for (`otpAt`), or a new
 * secret write when that is not known.
 */
export function editRecords(
  entry: Entry,
  changed: ReadonlySet<EditedField>,
  before: { counter: number; otpAt: Hlc | undefined },
  stamp: () => Hlc,
): SyncRecord[] {
  const records: SyncRecord[] = [];
  const id = entry.id;
  if (changed.has('otp') || entry.counter < before.counter) {
    records.push(fieldRecord('otp', entry, stamp()));
  } else if (entry.counter > before.counter) {
    records.push(
      before.otpAt === undefined
        ? fieldRecord('otp', entry, stamp())
        : { at: stamp(), id, f: 'counter', v: { otp: before.otpAt, n: entry.counter } },
    );
  }
  for (const field of EDITED_FIELDS)
    if (field !== 'otp' && changed.has(field)) records.push(fieldRecord(field, entry, stamp()));
  return records;
}

/** The winning values of the edited fields, as Entry fields (the merge's side of the codecs). */
export function fieldsFromWrites(winning: (field: EditedField) => unknown): Partial<Entry> {
  const fields: Partial<Entry> = {};
  for (const field of EDITED_FIELDS) {
    const value = winning(field);
    if (value !== undefined) codec(field).write(value as never, fields);
  }
  return fields;
}

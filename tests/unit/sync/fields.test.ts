// One source for what sync carries (issue 26): every Entry field is classified in ENTRY_FIELDS
// (a record field, the record's id, or this computer's own), and the diff, the merge, the
// creation records and the applied-state hashes all follow that table. A field that one of them
// forgot would compile and never be synced; here a change of any synced field, drawn from the
// table itself, must come out of the diff as that field's record and back out of the merge.
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ALGORITHMS } from '../../../main/otp/account';
import { changedFields, fieldHashes } from '../../../main/sync/applied-state';
import { creationRecords, diffEntries } from '../../../main/sync/diff';
import {
  EDITED_FIELDS,
  ENTRY_FIELDS,
  LOCAL_ONLY_KEYS,
  SYNCED_KEYS,
} from '../../../main/sync/fields';
import type { EditedField, EntryFieldRole, SyncedKey } from '../../../main/sync/fields';
import { HybridClock } from '../../../main/sync/hlc';
import { merge } from '../../../main/sync/merge';
import { entryDomains, entrySchema } from '../../../main/vault/entries';
import type { Entry } from '../../../main/vault/entries';
import { T0, deviceId, sampleEntry, uuid } from './simulation';

/** The fields as the code before the table hashed them and wrote a new account's records. */
const HASH_ORDER = ['otp', 'issuer', 'name', 'tags', 'pinned', 'order', 'icon', 'domains'];

describe('the synced-field table', () => {
  it('classifies exactly the fields of the vault schema', () => {
    expect(Object.keys(ENTRY_FIELDS).sort()).toEqual(Object.keys(entrySchema.shape).sort());
    expect([...SYNCED_KEYS, ...LOCAL_ONLY_KEYS].sort()).toEqual(Object.keys(ENTRY_FIELDS).sort());
    expect(LOCAL_ONLY_KEYS).toEqual(['updatedAt', 'lastUsedAt']);
  });

  it('is exhaustive at compile time (tsc fails on a field that is neither synced nor local)', () => {
    expectTypeOf<keyof typeof ENTRY_FIELDS>().toEqualTypeOf<keyof Entry>();
    interface EntryWithNote extends Entry {
      note: string;
    }
    // @ts-expect-error: a new field `note` that the table does not classify breaks the build.
    void (ENTRY_FIELDS satisfies Record<keyof EntryWithNote, EntryFieldRole>);
    const partial: Omit<typeof ENTRY_FIELDS, 'lastUsedAt'> = ENTRY_FIELDS;
    // @ts-expect-error: a table that forgets a field does not satisfy the check either.
    void (partial satisfies Record<keyof Entry, EntryFieldRole>);
    // Every record field the table names has its place in EDITED_FIELDS (and a codec).
    expectTypeOf<(typeof EDITED_FIELDS)[number]>().toEqualTypeOf<EditedField>();
  });

  it('keeps the order of the applied-state hashes (stored in vaults: new fields go last)', () => {
    expect(EDITED_FIELDS.slice(0, 8)).toEqual(HASH_ORDER);
    // The hashes the code before the table computed, for the same two entries.
    expect(fieldHashes(sampleEntry(uuid(1), 1))).toBe(
      'La-272vad7ERS-V9PmT1PNoY_LzxZZa4ayc_dCNOmKT1PNoY',
    );
    expect(fieldHashes(richEntry)).toBe('3EanO8Jdxvb2bHaOEmBHPvLctb6kG2YVvdF8CSFJNmEMb2RA');
  });

  it("writes a new account's records as before (created first, no domains while none)", () => {
    const at = '0000000000001-0000-' + deviceId(1);
    const plain = creationRecords(sampleEntry(uuid(1), 1), at as never).map((r) => r.f);
    expect(plain).toEqual(['created', ...HASH_ORDER.filter((f) => f !== 'domains')]);
    const rich = creationRecords(richEntry, at as never).map((r) => r.f);
    expect(rich).toEqual(['created', ...HASH_ORDER]);
  });
});

const richEntry = sampleEntry(uuid(2), 2, {
  type: 'hotp',
  counter: 7,
  tags: ['a', 'b'],
  pinned: true,
  icon: 'data:image/png;base64,AAAA',
  domains: ['example.com', '*.x.org'],
  sortOrder: -3,
});

const label = fc.string({ maxLength: 12 }).filter((s) => s.trim() === s && !/[^\x20-\x7e]/.test(s));
const tag = fc.stringMatching(/^[a-z]{1,8}$/);

/** A value for each synced field of an entry; `tsc` fails until a new synced field has one. */
const VALUES: { [K in Exclude<SyncedKey, 'id'>]: fc.Arbitrary<Entry[K]> } = {
  type: fc.constantFrom('totp', 'hotp'),
  secret: fc.stringMatching(/^[A-Z2-7]{16,32}$/),
  algorithm: fc.constantFrom(...ALGORITHMS),
  digits: fc.integer({ min: 6, max: 8 }),
  period: fc.integer({ min: 15, max: 120 }),
  counter: fc.integer({ min: 0, max: 1000 }),
  issuer: label,
  name: label,
  tags: fc.uniqueArray(tag, { maxLength: 4 }),
  pinned: fc.boolean(),
  sortOrder: fc.integer({ min: -1000, max: 1000 }),
  icon: fc.constantFrom(null, 'data:image/png;base64,AAAA', 'data:image/webp;base64,QUJD'),
  domains: fc.uniqueArray(fc.constantFrom('example.com', '*.example.org', 'localhost'), {
    maxLength: 3,
  }),
  createdAt: fc.integer({ min: T0 - 1e9, max: T0 }),
};

const entryArb: fc.Arbitrary<Entry> = fc
  .record(VALUES)
  .map((values) => ({ ...sampleEntry(uuid(3), 3), ...values }));

/** The synced keys a change of which the diff reports (createdAt is written once, at creation). */
const EDITABLE = SYNCED_KEYS.filter((key) => key !== 'id' && key !== 'createdAt');

describe('every synced field, drawn from the table', () => {
  it('a change of exactly one field is diffed as its record and merged back', () => {
    const clock = new HybridClock(deviceId(1), () => T0 + 5e9);
    fc.assert(
      fc.property(entryArb, entryArb, fc.constantFrom(...EDITABLE), (before, other, key) => {
        const after = { ...before, [key]: other[key], updatedAt: T0 + 1e9 } as Entry;
        fc.pre(entrySchema.safeParse(after).success);
        fc.pre(!sameValue(key, before, after));
        const field = ENTRY_FIELDS[key];
        const created = creationRecords(before, clock.next());
        const records = diffEntries(
          [before],
          [after],
          () => undefined,
          () => clock.next(),
        );
        expect(records.map((r) => r.f)).toEqual([field]);
        const merged = merge([...created, ...records]).accounts[0]?.entry;
        expect(merged, 'the merge makes the account').toBeDefined();
        for (const k of SYNCED_KEYS) expect(valueOf(k, merged!)).toEqual(valueOf(k, after));
        // The applied-state hashes see the same field change, and nothing else.
        const applied = { hashes: fieldHashes(before), counter: before.counter, otpAt: undefined };
        const hashed = key === 'counter' ? [] : [field];
        expect(changedFields(applied, after)).toEqual(hashed);
      }),
      { seed: 2626, numRuns: 300 },
    );
  });

  it('a new account carries every synced field through the merge', () => {
    const clock = new HybridClock(deviceId(2), () => T0 + 5e9);
    fc.assert(
      fc.property(entryArb, (entry) => {
        fc.pre(entrySchema.safeParse(entry).success);
        const merged = merge(creationRecords(entry, clock.next())).accounts[0]?.entry;
        expect(merged).toBeDefined();
        for (const k of SYNCED_KEYS) expect(valueOf(k, merged!)).toEqual(valueOf(k, entry));
        const edited = new Set(records(entry).map((r) => r.f));
        for (const field of EDITED_FIELDS)
          if (field !== 'domains' || entryDomains(entry).length > 0)
            expect(edited.has(field)).toBe(true);
        function records(e: Entry) {
          return creationRecords(e, clock.next());
        }
      }),
      { seed: 2627, numRuns: 200 },
    );
  });
});

function valueOf(key: keyof Entry, entry: Entry): unknown {
  return key === 'domains' ? entryDomains(entry) : entry[key];
}

function sameValue(key: keyof Entry, a: Entry, b: Entry): boolean {
  return JSON.stringify(valueOf(key, a)) === JSON.stringify(valueOf(key, b));
}

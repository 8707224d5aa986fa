// The merge's rules, one scenario each (docs/sync.md § Merge).
import { describe, expect, it } from 'vitest';
import { creationRecords } from '../../../main/sync/diff';
import { formatHlc } from '../../../main/sync/hlc';
import { merge } from '../../../main/sync/merge';
import type { SyncRecord } from '../../../main/sync/records';
import { T0, deviceId, sampleEntry, uuid } from './simulation';

const A = deviceId(0);
const B = deviceId(1);
const at = (ms: number, device = A, counter = 0) => formatHlc({ wall: T0 + ms, counter, device });
const id = uuid(1);
const created = creationRecords(sampleEntry(id, 1), at(0));

function names(records: SyncRecord[]) {
  return merge(records).accounts.map((a) => a.entry.name);
}

describe('merge', () => {
  it('keeps concurrent edits of different fields of one account', () => {
    const result = merge([
      ...created,
      { at: at(10, A), id, f: 'name', v: 'from A' },
      { at: at(5, B), id, f: 'issuer', v: 'from B' },
    ]);
    expect(result.accounts[0]!.entry).toMatchObject({ name: 'from A', issuer: 'from B' });
  });

  it.each([
    ['the later wall time', at(10, A), at(11, B), 'B'],
    ['the higher counter at one wall time', at(10, B, 0), at(10, A, 1), 'B'],
    ['the greater device id at one wall time and counter', at(10, A), at(10, B), 'B'],
  ])('of two edits of one field, %s wins', (_, first, second, winner) => {
    const records: SyncRecord[] = [
      ...created,
      { at: first, id, f: 'name', v: winner === 'B' ? 'A' : 'B' },
      { at: second, id, f: 'name', v: winner },
    ];
    expect(names(records)).toEqual([winner]);
    expect(names([...records].reverse())).toEqual([winner]);
  });

  it('breaks a tie on an identical HLC (a cloned device) by the value, the same everywhere', () => {
    const one: SyncRecord = { at: at(10), id, f: 'name', v: 'apple' };
    const two: SyncRecord = { at: at(10), id, f: 'name', v: 'banana' };
    expect(names([...created, one, two])).toEqual(['banana']);
    expect(names([...created, two, one])).toEqual(['banana']);
  });

  it('a deletion is not undone by an edit older than it (made where the deletion was not yet seen)', () => {
    const result = merge([
      ...created,
      { at: at(20, A), id, f: 'del', v: null },
      { at: at(15, B), id, f: 'name', v: 'late edit' },
    ]);
    expect(result.accounts).toEqual([]);
    expect([...result.deleted]).toEqual([id]);
  });

  it('an edit made after the deletion brings the account back, every field at its newest value', () => {
    const result = merge([
      ...created,
      { at: at(5, A), id, f: 'issuer', v: 'Renamed before' },
      { at: at(20, A), id, f: 'del', v: null },
      { at: at(25, B), id, f: 'name', v: 'edited after' },
    ]);
    expect(result.accounts[0]!.entry).toMatchObject({
      issuer: 'Renamed before',
      name: 'edited after',
      secret: 'JBSWY3DPEHPK3PXP',
    });
  });

  it('using an HOTP code after a deletion does not bring the account back', () => {
    const hotp = creationRecords(sampleEntry(id, 1, { type: 'hotp' }), at(0));
    const result = merge([
      ...hotp,
      { at: at(20, A), id, f: 'del', v: null },
      { at: at(25, B), id, f: 'counter', v: { otp: at(0), n: 3 } },
    ]);
    expect(result.accounts).toEqual([]);
  });

  it('merges HOTP counters by maximum, within the winning secret write only', () => {
    const hotp = creationRecords(sampleEntry(id, 1, { type: 'hotp', counter: 2 }), at(0));
    const counters: SyncRecord[] = [
      { at: at(10, A), id, f: 'counter', v: { otp: at(0), n: 7 } },
      { at: at(11, B), id, f: 'counter', v: { otp: at(0), n: 5 } },
    ];
    expect(merge([...hotp, ...counters]).accounts[0]!.entry.counter).toBe(7);
    const reEnrolled: SyncRecord = {
      at: at(30, B),
      id,
      f: 'otp',
      v: {
        type: 'hotp',
        secret: 'GEZDGNBVGY3TQOJQ',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    };
    const after = merge([...hotp, ...counters, reEnrolled]).accounts[0]!;
    expect(after.entry).toMatchObject({ secret: 'GEZDGNBVGY3TQOJQ', counter: 0 });
    expect(after.otpAt).toBe(at(30, B));
  });

  it('reports an account whose records lack its secret, or make an entry the vault refuses', () => {
    const noSecret = created.filter((r) => r.f !== 'otp');
    const steamWithSix: SyncRecord = {
      at: at(1),
      id,
      f: 'otp',
      v: {
        type: 'steam',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    };
    expect(merge(noSecret).incomplete).toEqual([id]);
    expect(merge([...created, steamWithSix]).incomplete).toEqual([id]);
  });

  it('sorts by the synced order, then id', () => {
    const other = uuid(2);
    const records = [
      ...creationRecords(sampleEntry(id, 1, { sortOrder: 5 }), at(0)),
      ...creationRecords(sampleEntry(other, 2, { sortOrder: 1 }), at(0)),
    ];
    expect(merge(records).accounts.map((a) => a.entry.id)).toEqual([other, id]);
  });
});

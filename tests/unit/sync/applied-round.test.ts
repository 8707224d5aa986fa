// The pure parts of G1 (docs/sync.md § Applying): local changes are measured against what this
// computer applied (a deletion only for an account it applied and the person removed), and own
// records its folder lost are written again — only those that still count, each once.
import { describe, expect, it } from 'vitest';
import { lostOwnRecords } from '../../../main/sync/applied-round';
import { appliedFrom, emptyState } from '../../../main/sync/applied-state';
import { creationRecords } from '../../../main/sync/diff';
import { formatHlc, HybridClock } from '../../../main/sync/hlc';
import { localRecords } from '../../../main/sync/local-changes';
import type { SyncRecord } from '../../../main/sync/records';
import { T0, deviceId, sampleEntry, uuid } from './simulation';

const ME = deviceId(0);
const OTHER = deviceId(1);
const at = (wall: number, device = ME) => formatHlc({ wall: T0 + wall, counter: 0, device });

function stateOf(entries: ReturnType<typeof sampleEntry>[]) {
  const state = emptyState(ME);
  state.accounts = appliedFrom(entries, () => undefined);
  return state;
}

describe('localRecords', () => {
  const clock = new HybridClock(ME, () => T0 + 10_000);
  const next = (m?: number) => clock.next(m);
  const one = sampleEntry(uuid(1), 1);
  const two = sampleEntry(uuid(2), 2);

  it('writes nothing for accounts as applied, and never a deletion for one never applied here', () => {
    // 'two' is in the folder (another device's) but was never applied here: not a deletion.
    expect(localRecords(stateOf([one]), [one], next)).toEqual([]);
  });

  it('a field changed here is one record; an applied account removed here is a tombstone', () => {
    const renamed = { ...one, name: 'renamed', updatedAt: T0 + 5000 };
    const records = localRecords(stateOf([one, two]), [renamed], next);
    expect(records.map((r) => [r.id, r.f, r.v])).toEqual([
      [one.id, 'name', 'renamed'],
      [two.id, 'del', null],
    ]);
  });

  it('an account the state does not hold is new: all its fields', () => {
    const records = localRecords(stateOf([]), [one], next);
    expect(new Set(records.map((r) => r.f))).toEqual(
      new Set(['created', 'otp', 'issuer', 'name', 'tags', 'pinned', 'order', 'icon']),
    );
  });
});

describe('lostOwnRecords', () => {
  const entry = sampleEntry(uuid(1), 1);
  const created = creationRecords(entry, at(1));
  const base = {
    me: ME,
    local: [entry],
    applied: stateOf([entry]),
    changedHere: new Set<string>(),
    now: T0 + 60_000,
    next: () => at(50),
  };

  it('writes again, unchanged, own records that still count and that the folder lost', () => {
    const rename: SyncRecord = { at: at(2), id: entry.id, f: 'name', v: entry.name };
    const lost = lostOwnRecords({
      ...base,
      cache: [...created, rename],
      ownInFolder: created,
    });
    expect(lost).toEqual([rename]);
  });

  it('does not write again what a newer write superseded, or another device holds', () => {
    const old: SyncRecord = { at: at(2), id: entry.id, f: 'name', v: 'old' };
    const newer: SyncRecord = { at: at(3, OTHER), id: entry.id, f: 'name', v: entry.name };
    const lost = lostOwnRecords({ ...base, cache: [...created, old, newer], ownInFolder: created });
    expect(lost).toEqual([]);
  });

  it('one `created` of the same value present is enough (compaction keeps one)', () => {
    const again = creationRecords(entry, at(5)).filter((r) => r.f === 'created');
    const lost = lostOwnRecords({
      ...base,
      cache: [...created, ...again],
      ownInFolder: created,
    });
    expect(lost).toEqual([]);
  });

  it('after a restart, an account created here that nothing in the folder mentions is written again', () => {
    const applied = stateOf([entry]);
    applied.createdHere.add(entry.id);
    const lost = lostOwnRecords({ ...base, applied, cache: [], ownInFolder: [] });
    expect(lost.map((r) => r.f).sort()).toEqual(
      ['created', 'icon', 'issuer', 'name', 'order', 'otp', 'pinned', 'tags'].sort(),
    );
    expect(lost.every((r) => r.at === at(50))).toBe(true);
  });

  it("another device's account nothing mentions any more is not written again (it may be deleted and compacted away)", () => {
    expect(lostOwnRecords({ ...base, cache: [], ownInFolder: [] })).toEqual([]);
  });
});

// Compaction (docs/sync.md § Compaction): a snapshot of a device's own log merges exactly as the
// whole log did, and a deletion is forgotten only once every device has acknowledged it, so a
// device that was away cannot bring a deleted account back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactOwn } from '../../../main/sync/compact';
import { creationRecords } from '../../../main/sync/diff';
import { formatHlc } from '../../../main/sync/hlc';
import { merge } from '../../../main/sync/merge';
import { SimDevice, T0, deviceId, sampleEntry, uuid } from './simulation';

const LATER = T0 + 365 * 24 * 3600_000;

function othersOf(devices: SimDevice[], me: SimDevice) {
  return devices
    .filter((d) => d !== me)
    .map((d) => ({ device: d.id, records: d.log, seen: d.seen() }));
}

const actions = fc.array(
  fc.record({
    device: fc.nat(3),
    kind: fc.constantFrom('create', 'rename', 'delete', 'use', 'deliver-all'),
    pick: fc.nat(),
  }),
  { minLength: 10, maxLength: 80, size: 'max' },
);

function play(
  plan: { device: number; kind: string; pick: number }[],
  devices: SimDevice[],
  world: { now: number },
) {
  let n = 0;
  for (const step of plan) {
    world.now += 1000;
    const d = devices[step.device % devices.length]!;
    if (step.kind === 'deliver-all') {
      for (const from of devices) if (from !== d) d.deliver(from, from.log.length);
      continue;
    }
    if (step.kind === 'create') {
      const k = n++;
      d.change((list) => [...list, sampleEntry(uuid(k + 1), k, { type: 'hotp' })]);
      continue;
    }
    const list = d.entries();
    if (list.length === 0) continue;
    const target = list[step.pick % list.length]!;
    d.change((entries) =>
      step.kind === 'delete'
        ? entries.filter((e) => e.id !== target.id)
        : entries.map((e) =>
            e.id !== target.id
              ? e
              : step.kind === 'use'
                ? { ...e, counter: e.counter + 1 }
                : { ...e, name: `n${step.pick}` },
          ),
    );
  }
}

describe('compaction', () => {
  it('merges the same after every device compacts, even with a device that was away and comes back later', () => {
    let shrunk = 0;
    fc.assert(
      fc.property(actions, fc.nat(3), (plan, away) => {
        const world = { now: T0 };
        const devices = [0, 1, 2, 3].map((i) => new SimDevice(deviceId(i), world, 0));
        play(plan, devices, world);
        const absent = devices[away]!;
        const present = devices.filter((d) => d !== absent);
        // Everyone but the absent device exchanges everything, acknowledges, and compacts twice.
        for (let round = 0; round < 2; round++) {
          for (const to of present)
            for (const from of devices) if (from !== to) to.deliver(from, from.log.length);
          for (const d of present) {
            const before = d.log.length;
            d.replaceLog(compactOwn(d.id, d.log, othersOf(devices, d), LATER));
            if (d.log.length < before) shrunk++;
          }
        }
        const expected = merge(devices.flatMap((d) => d.log)).accounts;
        // The absent device returns: it gets the compacted logs, and they get its old log.
        for (const to of devices)
          for (const from of devices) if (from !== to) to.deliver(from, from.log.length);
        const fresh = merge(devices.flatMap((d) => d.log)).accounts;
        expect(fresh).toEqual(expected);
        for (const d of devices) expect(d.entries()).toEqual(expected.map((a) => a.entry));
      }),
      { numRuns: 200 },
    );
    expect(shrunk).toBeGreaterThan(50);
  });

  it("keeps a deleted account's tombstone while one device has not acknowledged it, then forgets it", () => {
    const A = deviceId(0);
    const B = deviceId(1);
    const C = deviceId(2);
    const id = uuid(1);
    const at = (ms: number, d: string) => formatHlc({ wall: T0 + ms, counter: 0, device: d });
    const created = creationRecords(sampleEntry(id, 1), at(0, A));
    const tomb = { at: at(10, B), id, f: 'del' as const, v: null };
    const aLog = created;
    const bLog = [tomb];
    // C has not acknowledged the deletion: B keeps its tombstone, A keeps its records.
    const cNotSeen = { device: C, records: [], seen: { [A]: at(0, A) } };
    expect(
      compactOwn(
        B,
        bLog,
        [{ device: A, records: aLog, seen: { [B]: at(10, B) } }, cNotSeen],
        LATER,
      ),
    ).toEqual([tomb]);
    expect(
      compactOwn(A, aLog, [{ device: B, records: bLog, seen: { [A]: at(0, A) } }, cNotSeen], LATER),
    ).toEqual(aLog);
    // C acknowledges: A drops the dead account's records; B keeps the tombstone while A still holds them.
    const cSeen = { device: C, records: [], seen: { [A]: at(0, A), [B]: at(10, B) } };
    expect(
      compactOwn(B, bLog, [{ device: A, records: aLog, seen: { [B]: at(10, B) } }, cSeen], LATER),
    ).toEqual([tomb]);
    expect(
      compactOwn(A, aLog, [{ device: B, records: bLog, seen: { [A]: at(0, A) } }, cSeen], LATER),
    ).toEqual([]);
    // A young tombstone stays even then (a snapshot may still be on its way somewhere).
    expect(
      compactOwn(B, bLog, [{ device: A, records: [], seen: { [B]: at(10, B) } }, cSeen], T0 + 1000),
    ).toEqual([tomb]);
    // Once A's snapshot no longer holds them, the tombstone goes too.
    expect(
      compactOwn(B, bLog, [{ device: A, records: [], seen: { [B]: at(10, B) } }, cSeen], LATER),
    ).toEqual([]);
  });
});

// Property tests of the merge (docs/sync.md § Merge): 3–5 devices make random changes while
// their files reach each other late, out of order and more than once; once every file has
// arrived everywhere, every device holds the same accounts, and the rules for deletions hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merge } from '../../../main/sync/merge';
import type { SyncRecord } from '../../../main/sync/records';
import { SimDevice, T0, deviceId, sampleEntry, uuid } from './simulation';

type Op =
  | { kind: 'tick'; ms: number }
  | { kind: 'create'; device: number; hotp: boolean }
  | {
      kind: 'edit';
      device: number;
      pick: number;
      field: 'issuer' | 'name' | 'tags' | 'pinned' | 'order' | 'secret' | 'domains';
      value: number;
    }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'use'; device: number; pick: number }
  | { kind: 'deliver'; to: number; from: number; fraction: number };

const device = fc.nat(4);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.integer({ min: 0, max: 5000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('create' as const), device, hotp: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device,
      pick: fc.nat(),
      field: fc.constantFrom('issuer', 'name', 'tags', 'pinned', 'order', 'secret', 'domains'),
      value: fc.nat(20),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('use' as const), device, pick: fc.nat() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      to: device,
      from: device,
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
);

const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK'];

function run(deviceCount: number, skews: number[], ops: Op[], finalOrder: number[]) {
  const world = { now: T0 };
  const devices = Array.from(
    { length: deviceCount },
    (_, n) => new SimDevice(deviceId(n), world, skews[n] ?? 0),
  );
  let created = 0;
  for (const o of ops) {
    if (o.kind === 'tick') {
      world.now += o.ms;
      continue;
    }
    if (o.kind === 'deliver') {
      const to = devices[o.to % deviceCount]!;
      const from = devices[o.from % deviceCount]!;
      if (to !== from) to.deliver(from, Math.floor(from.log.length * o.fraction));
      continue;
    }
    const d = devices[o.device % deviceCount]!;
    if (o.kind === 'create') {
      const n = created++;
      d.change((entries) => [
        ...entries,
        sampleEntry(uuid(n + 1), n, o.hotp ? { type: 'hotp', counter: 0 } : {}),
      ]);
      continue;
    }
    const entries = d.entries();
    if (entries.length === 0) continue;
    const target = entries[o.pick % entries.length]!;
    d.change((list) => {
      if (o.kind === 'delete') return list.filter((e) => e.id !== target.id);
      return list.map((e) => {
        if (e.id !== target.id) return e;
        if (o.kind === 'use') return { ...e, counter: e.counter + 1 };
        switch (o.field) {
          case 'issuer':
            return { ...e, issuer: `Issuer v${o.value}` };
          case 'name':
            return { ...e, name: `name v${o.value}` };
          case 'tags':
            return { ...e, tags: o.value % 2 ? ['work'] : ['home', `t${o.value}`] };
          case 'pinned':
            return { ...e, pinned: o.value % 2 === 1 };
          case 'order':
            return { ...e, sortOrder: o.value };
          case 'domains':
            return o.value % 3 === 0
              ? { ...e, domains: undefined }
              : { ...e, domains: [`site${o.value}.example.com`] };
          case 'secret':
            return { ...e, secret: SECRETS[o.value % SECRETS.length]!, counter: 0 };
        }
      });
    });
  }
  // Everything arrives everywhere, in a random order, some of it twice.
  for (const n of finalOrder) {
    const to = devices[n % deviceCount]!;
    for (const from of devices) if (from !== to) to.deliver(from, from.log.length);
  }
  for (const to of devices)
    for (const from of devices) if (from !== to) to.deliver(from, from.log.length);
  return devices;
}

const scenario = fc.record({
  deviceCount: fc.integer({ min: 3, max: 5 }),
  // Clocks up to two minutes apart: the HLC, not the wall clock, orders causal changes.
  skews: fc.array(fc.integer({ min: -120_000, max: 120_000 }), { minLength: 5, maxLength: 5 }),
  ops: fc.array(op, { minLength: 30, maxLength: 150, size: 'max' }),
  finalOrder: fc.array(fc.nat(4), { maxLength: 6 }),
});

describe('merge of random changes on 3–5 devices', () => {
  it('converges: once every file arrived everywhere, every device holds the same accounts', () => {
    fc.assert(
      fc.property(scenario, ({ deviceCount, skews, ops, finalOrder }) => {
        const devices = run(deviceCount, skews, ops, finalOrder);
        const first = devices[0]!.entries();
        for (const d of devices) expect(d.entries()).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('is independent of order and duplication: any shuffle of the records, repeated, merges the same', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.infiniteStream(fc.nat()),
        ({ deviceCount, skews, ops, finalOrder }, stream) => {
          const devices = run(deviceCount, skews, ops, finalOrder);
          const all = devices.flatMap((d) => d.log);
          const reference = merge(all);
          const shuffled: SyncRecord[] = [...all, ...all.filter((_, i) => i % 3 === 0)];
          const picks = stream.take(shuffled.length);
          let i = 0;
          for (const pick of picks) {
            const j = i + (pick % (shuffled.length - i));
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
            i++;
          }
          const again = merge(shuffled);
          expect(again.accounts).toEqual(reference.accounts);
          expect([...again.deleted].sort()).toEqual([...reference.deleted].sort());
          // Idempotent: merging the merge's own input twice over changes nothing.
          expect(merge([...all, ...all]).accounts).toEqual(reference.accounts);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never loses an account or undoes a deletion with an older edit; an edit after a deletion wins', () => {
    const seen = { kept: 0, deleted: 0, editAfterDeletion: 0 };
    fc.assert(
      fc.property(scenario, ({ deviceCount, skews, ops, finalOrder }) => {
        const devices = run(deviceCount, skews, ops, finalOrder);
        const all = devices.flatMap((d) => d.log);
        const result = devices[0]!.state();
        const alive = new Set(result.accounts.map((a) => a.entry.id));
        for (const id of new Set(all.map((r) => r.id))) {
          const tombs = all.filter((r) => r.id === id && r.f === 'del').map((r) => r.at);
          const edits = all
            .filter((r) => r.id === id && r.f !== 'del' && r.f !== 'counter')
            .map((r) => r.at);
          const newestTomb = tombs.sort().at(-1);
          const newestEdit = edits.sort().at(-1)!;
          if (newestTomb === undefined) {
            // Never deleted anywhere: it is there (no account lost).
            expect(alive.has(id)).toBe(true);
            seen.kept++;
          } else if (newestEdit > newestTomb) {
            expect(alive.has(id)).toBe(true); // an edit after the deletion wins
            seen.editAfterDeletion++;
          } else {
            seen.deleted++;
            expect(alive.has(id)).toBe(false); // no older edit undoes the deletion
            expect(result.deleted.has(id)).toBe(true);
          }
        }
        expect(result.incomplete).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // The runs did exercise every case (a generator that never deletes would prove nothing).
    console.log('deletion cases over 300 runs:', seen);
    expect(seen.kept).toBeGreaterThan(100);
    expect(seen.deleted).toBeGreaterThan(20);
    expect(seen.editAfterDeletion).toBeGreaterThan(0);
  });

  it('HOTP counters never go back: the merged counter is the highest any device reached for that secret', () => {
    fc.assert(
      fc.property(scenario, ({ deviceCount, skews, ops, finalOrder }) => {
        const devices = run(deviceCount, skews, ops, finalOrder);
        const all = devices.flatMap((d) => d.log);
        for (const { entry, otpAt } of devices[0]!.state().accounts) {
          const reached = all
            .filter((r) => r.id === entry.id && r.f === 'counter' && r.v.otp === otpAt)
            .map((r) => (r.f === 'counter' ? r.v.n : 0));
          expect(entry.counter).toBe(Math.max(0, ...reached));
        }
      }),
      { numRuns: 200 },
    );
  });
});

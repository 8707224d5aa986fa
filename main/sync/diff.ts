// Local changes → records (docs/sync.md § Applying, step 1): every field where the vault's
// entries differ from what the engine last knew becomes a record of this device.
import { isDeepStrictEqual } from 'node:util';
import { entryDomains } from '../vault/entries';
import type { Hlc } from './hlc';
import type { SyncEntry } from './merge';
import type { OtpValue, SyncRecord } from './records';

export function otpValue(entry: SyncEntry): OtpValue {
  const { type, secret, algorithm, digits, period, counter } = entry;
  return { type, secret, algorithm, digits, period, counter };
}

function sameOtp(a: SyncEntry, b: SyncEntry): boolean {
  return (
    a.type === b.type &&
    a.secret === b.secret &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    a.period === b.period
  );
}

/** Every record of a new account, all with one HLC. */
export function creationRecords(entry: SyncEntry, at: Hlc): SyncRecord[] {
  const id = entry.id;
  const records: SyncRecord[] = [
    { at, id, f: 'created', v: entry.createdAt },
    { at, id, f: 'otp', v: otpValue(entry) },
    { at, id, f: 'issuer', v: entry.issuer },
    { at, id, f: 'name', v: entry.name },
    { at, id, f: 'tags', v: [...entry.tags] },
    { at, id, f: 'pinned', v: entry.pinned },
    { at, id, f: 'order', v: entry.sortOrder },
    { at, id, f: 'icon', v: entry.icon },
  ];
  if (entryDomains(entry).length > 0)
    records.push({ at, id, f: 'domains', v: [...entryDomains(entry)] });
  return records;
}

/**
 * The records that turn `known` into `local`. `otpAt(id)` is the HLC of the secret write the
 * known entry came from (HOTP counter records refer to it); `next()` hands out HLCs.
 */
export function diffEntries(
  known: readonly SyncEntry[],
  local: readonly SyncEntry[],
  otpAt: (id: string) => Hlc | undefined,
  next: (madeAt?: number) => Hlc,
): SyncRecord[] {
  const records: SyncRecord[] = [];
  const knownById = new Map(known.map((e) => [e.id, e]));
  const localIds = new Set(local.map((e) => e.id));
  // Oldest change first: the clock never goes back, so a change stamped after a newer one
  // would claim a later time than it was made (and could beat a deletion it never saw).
  const byTime = [...local].sort((x, y) => x.updatedAt - y.updatedAt);
  for (const entry of byTime) {
    const before = knownById.get(entry.id);
    if (!before) {
      records.push(...creationRecords(entry, next(entry.updatedAt)));
      continue;
    }
    const id = entry.id;
    const base = otpAt(id);
    // Stamped with when the vault says the entry changed (the engine notices it later).
    const stamp = () => next(entry.updatedAt);
    if (!sameOtp(before, entry) || entry.counter < before.counter) {
      // A new secret, new parameters, or a counter set back by hand: a new secret write.
      records.push({ at: stamp(), id, f: 'otp', v: otpValue(entry) });
    } else if (entry.counter > before.counter) {
      records.push(
        base === undefined
          ? { at: stamp(), id, f: 'otp', v: otpValue(entry) }
          : { at: stamp(), id, f: 'counter', v: { otp: base, n: entry.counter } },
      );
    }
    if (entry.issuer !== before.issuer)
      records.push({ at: stamp(), id, f: 'issuer', v: entry.issuer });
    if (entry.name !== before.name) records.push({ at: stamp(), id, f: 'name', v: entry.name });
    if (!isDeepStrictEqual(entry.tags, before.tags))
      records.push({ at: stamp(), id, f: 'tags', v: [...entry.tags] });
    if (entry.pinned !== before.pinned)
      records.push({ at: stamp(), id, f: 'pinned', v: entry.pinned });
    if (entry.sortOrder !== before.sortOrder)
      records.push({ at: stamp(), id, f: 'order', v: entry.sortOrder });
    if (entry.icon !== before.icon) records.push({ at: stamp(), id, f: 'icon', v: entry.icon });
    if (!isDeepStrictEqual(entryDomains(entry), entryDomains(before))) {
      records.push({ at: stamp(), id, f: 'domains', v: [...entryDomains(entry)] });
    }
  }
  for (const entry of known) {
    if (!localIds.has(entry.id)) records.push({ at: next(), id: entry.id, f: 'del', v: null });
  }
  return records;
}

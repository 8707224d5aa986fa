// A whole-list change applied on top of another writer's save (main/vault/merge.ts): entry by
// entry, what this writer changed wins, everything else is as the other writer left it.
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../main/vault';
import { mergeEntries, onlyUsageChanged } from '../../../main/vault/merge';

function entry(id: string, name = id, extra: Partial<Entry> = {}): Entry {
  return {
    id,
    type: 'totp',
    issuer: 'Example',
    name,
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    icon: null,
    tags: [],
    pinned: false,
    sortOrder: 0,
    createdAt: 0,
    updatedAt: 0,
    lastUsedAt: null,
    ...extra,
  };
}

const a = entry('a');
const b = entry('b');
const c = entry('c');

describe('mergeEntries(base, next, current)', () => {
  it.each([
    ['nobody else saved: exactly next', [a, b], [b, entry('a', 'A')], [a, b], [b, entry('a', 'A')]],
    ['they added c, we added d', [a], [a, entry('d')], [a, c], [a, entry('d'), c]],
    [
      'they renamed b, we renamed a',
      [a, b],
      [entry('a', 'A'), b],
      [a, entry('b', 'B')],
      [entry('a', 'A'), entry('b', 'B')],
    ],
    [
      'both renamed a: ours wins',
      [a],
      [entry('a', 'ours')],
      [entry('a', 'theirs')],
      [entry('a', 'ours')],
    ],
    ['we deleted b, they edited it: deleted', [a, b], [a], [a, entry('b', 'B')], [a]],
    ['they deleted b, we left it: deleted', [a, b], [a, b], [a], [a]],
    [
      'they deleted b, we edited it: kept (our work)',
      [a, b],
      [a, entry('b', 'B')],
      [a],
      [a, entry('b', 'B')],
    ],
  ] as const)('%s', (_, base, next, current, expected) => {
    expect(mergeEntries(base, next, current)).toEqual(expected);
  });
});

describe('onlyUsageChanged', () => {
  it('ignores lastUsedAt and the HOTP counter, nothing else', () => {
    expect(onlyUsageChanged([a], [{ ...a, lastUsedAt: 5, counter: 3 }])).toBe(true);
    expect(onlyUsageChanged([a], [{ ...a, name: 'x' }])).toBe(false);
    expect(onlyUsageChanged([a], [a, b])).toBe(false);
  });
});

// Invariants of site bindings (issue 23, R5), over generated hosts and bindings:
// 1. a bare hostname binding covers exactly that host;
// 2. "*." and a hostname covers it and the hosts under it, and nothing else (no look-alike that
//    merely ends with the same letters);
// 3. the migration keeps every version 1 binding's meaning: for any host, the old rule (same
//    registrable domain) and the new rule on the migrated binding agree;
// 4. whatever normalizeBinding accepts, the vault's stored form accepts, and normalizing again
//    changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BINDING,
  bindingCovers,
  domainOfHost,
  normalizeBinding,
} from '../../../main/browser/domains';
import { versionOneMeaning } from '../../../main/vault/binding-migration';
import { params, timeout } from './settings';

const label = fc.constantFrom(
  'a',
  'b',
  'my',
  'panel',
  'evil',
  'login',
  'xn--bcher-kva',
  'a-1',
  '20i',
);
const suffix = fc.constantFrom('com', 'test', 'co.uk', 'github.io', 'net', 'de');
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), suffix)
  .map(([labels, tld]) => `${labels.join('.')}.${tld}`);

describe('site bindings (properties)', () => {
  it(
    'a bare host covers exactly itself; "*." covers itself and below, nothing else',
    () => {
      fc.assert(
        fc.property(host, host, (bound, page) => {
          expect(bindingCovers(bound, page)).toBe(bound === page);
          const wide = bindingCovers(`*.${bound}`, page);
          expect(wide).toBe(page === bound || page.endsWith(`.${bound}`));
          if (wide) expect(page.split('.').length).toBeGreaterThanOrEqual(bound.split('.').length);
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'the migration keeps what a version 1 binding meant, for every host',
    () => {
      fc.assert(
        fc.property(host, host, (bound, page) => {
          const before = domainOfHost(bound) !== null && domainOfHost(bound) === domainOfHost(page);
          expect(bindingCovers(versionOneMeaning(bound), page)).toBe(before);
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'what the Sites field accepts is a stored binding, and stays as it is',
    () => {
      const typed = fc.oneof(
        host,
        host.map((h) => `*.${h}`),
        host.map((h) => `https://${h.toUpperCase()}/login?x=1`),
        fc.string({ maxLength: 40 }),
      );
      fc.assert(
        fc.property(typed, (text) => {
          const binding = normalizeBinding(text);
          if (binding === null) return;
          expect(BINDING.test(binding)).toBe(true);
          expect(normalizeBinding(binding)).toBe(binding);
        }),
        params(),
      );
    },
    timeout(),
  );
});

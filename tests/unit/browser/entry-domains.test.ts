// The vault's optional `domains` on an entry (the hostnames the browser extension fills codes
// for): absent in older vaults and read as none, bounded, lower-case hostnames only.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  entryDomains,
  newEntry,
  parseEntries,
  serializeEntries,
} from '../../../main/vault/entries';

const account = {
  type: 'totp' as const,
  issuer: 'GitHub',
  name: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: 0,
};
const entry = newEntry(account, randomUUID(), 1_000);
const body = (entries: unknown[]) => Buffer.from(JSON.stringify({ entries }));

describe('Entry.domains', () => {
  it('reads an entry without domains (an older vault) as bound to none', () => {
    const [read] = parseEntries(body([entry]));
    expect(entryDomains(read!)).toEqual([]);
  });

  it('keeps lower-case hostnames through a save and a load', () => {
    const bound = { ...entry, domains: ['github.com', 'my.20i.com', 'xn--bcher-kva.example'] };
    expect(parseEntries(serializeEntries([bound]))).toEqual([bound]);
    expect(newEntry(account, randomUUID(), 1, { domains: ['github.com'] }).domains).toEqual([
      'github.com',
    ]);
  });

  it.each([
    ['upper case', ['GitHub.com']],
    ['a URL', ['https://github.com']],
    ['a path', ['github.com/login']],
    ['a single label', ['localhost']],
    ['a space', ['git hub.com']],
    ['too long', [`${'a'.repeat(250)}.com`]],
    ['too many', Array.from({ length: 33 }, (_, i) => `d${i}.com`)],
  ])('refuses %s', (_why, domains) => {
    expect(() => parseEntries(body([{ ...entry, domains }]))).toThrow(/domains/);
    expect(() => serializeEntries([{ ...entry, domains }])).toThrow(/domains/);
  });
});

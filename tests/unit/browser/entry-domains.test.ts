// The vault's optional `domains` on an entry (the sites the browser extension fills codes for):
// absent in older vaults and read as none, bounded, lower-case hostnames, "*." and a hostname,
// or a loopback name (bindings version 2); a version 1 body's bindings are migrated on read.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  entryDomains,
  newEntry,
  parseBody,
  parseEntries,
  serializeBody,
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
/** A body as bindings version 2 writes it. */
const body = (entries: unknown[]) => Buffer.from(JSON.stringify({ entries, bindings: 2 }));
/** A body as versions before issue 23 wrote it: no `bindings`. */
const versionOne = (entries: unknown[]) => Buffer.from(JSON.stringify({ entries }));

describe('Entry.domains', () => {
  it('reads an entry without domains (an older vault) as bound to none', () => {
    const [read] = parseEntries(body([entry]));
    expect(entryDomains(read!)).toEqual([]);
  });

  it('keeps hostnames, "*." bindings and loopback names through a save and a load', () => {
    const bound = {
      ...entry,
      domains: ['github.com', 'my.20i.com', 'xn--bcher-kva.example', '*.panel.test', 'localhost'],
    };
    expect(parseEntries(serializeEntries([bound]))).toEqual([bound]);
    expect(newEntry(account, randomUUID(), 1, { domains: ['github.com'] }).domains).toEqual([
      'github.com',
    ]);
  });

  it.each([
    ['upper case', ['GitHub.com']],
    ['a URL', ['https://github.com']],
    ['a path', ['github.com/login']],
    ['a single label', ['intranet']],
    ['a bare "*."', ['*.']],
    ['a "*" inside', ['a.*.github.com']],
    ['an IP address', ['10.0.0.1']],
    ['a space', ['git hub.com']],
    ['too long', [`${'a'.repeat(250)}.com`]],
    ['too many', Array.from({ length: 33 }, (_, i) => `d${i}.com`)],
  ])('refuses %s', (_why, domains) => {
    expect(() => parseEntries(body([{ ...entry, domains }]))).toThrow(/domains/);
    expect(() => serializeEntries([{ ...entry, domains }])).toThrow(/domains/);
  });
});

describe('bindings version 2 (issue 23, R5: a binding means what it shows)', () => {
  it('a version 1 body: each binding becomes the "*." form of what it meant, and is listed', () => {
    const old = { ...entry, domains: ['my.panel.test', 'panel.test', 'github.com'] };
    const read = parseBody(versionOne([old, { ...entry, id: randomUUID() }]));
    expect(read.entries[0]!.domains).toEqual(['*.panel.test', '*.github.com']);
    expect(read.entries[1]!.domains).toBeUndefined();
    expect(read.bindingChanges).toEqual([
      { id: entry.id, issuer: 'GitHub', name: 'alice', from: 'my.panel.test', to: '*.panel.test' },
      { id: entry.id, issuer: 'GitHub', name: 'alice', from: 'panel.test', to: '*.panel.test' },
      { id: entry.id, issuer: 'GitHub', name: 'alice', from: 'github.com', to: '*.github.com' },
    ]);
  });

  it('a version 2 body is read as written, and a save marks the version once anything is bound', () => {
    const exact = { ...entry, domains: ['my.panel.test'] };
    const saved = serializeBody({ entries: [exact], secrets: {} });
    expect(JSON.parse(saved.toString())).toMatchObject({ bindings: 2 });
    const read = parseBody(saved);
    expect(read.entries).toEqual([exact]);
    expect(read.bindingChanges).toBeUndefined();
  });

  it('a vault with no binding stays as older versions wrote it, with nothing to migrate', () => {
    const saved = serializeBody({ entries: [entry], secrets: {} });
    expect(JSON.parse(saved.toString())).toEqual({ entries: [entry] });
    expect(parseBody(versionOne([entry])).bindingChanges).toBeUndefined();
  });

  it('refuses a bindings version it does not know', () => {
    const future = Buffer.from(JSON.stringify({ entries: [entry], bindings: 3 }));
    expect(() => parseBody(future)).toThrow(/bindings/);
  });
});

// Duplicate detection (same type and key bytes) and the skip / replace / keep-both merge.
import { describe, expect, it } from 'vitest';
import { classifyImport, mergeImport } from '../../../main/importers/duplicates';
import type { DuplicateChoices } from '../../../main/importers/duplicates';
import type { ImportedEntry } from '../../../main/importers';
import { toAccount } from '../../../main/otp';
import type { Account } from '../../../main/otp';

const A = 'JBSWY3DPEHPK3PXP';
const B = 'JRZCL47CMXVOQMNPZR2F7J4RGI';
const C = 'KUVJJOM753IHTNDSZVCNKL7GII';
const account = (issuer: string, secret: string, type = 'totp'): Account =>
  toAccount({ type, issuer, name: 'me', secret, counter: 0 }).account;
const entry = (issuer: string, secret: string, type = 'totp'): ImportedEntry => ({
  account: account(issuer, secret, type),
  warnings: [],
});

const existing = [account('Old A', A), account('Old B', B)];

describe('classifyImport', () => {
  it('finds duplicates by type and key bytes, whatever the label, case or padding', () => {
    const classified = classifyImport(existing, [
      entry('New A', A.toLowerCase()),
      entry('A as HOTP', A, 'hotp'),
      entry('C', C),
      entry('C again', `${C}======`),
    ]);
    expect(classified.map((c) => (c.status === 'new' ? 'new' : `${c.of}[${c.index}]`))).toEqual([
      'existing[0]',
      'new',
      'new',
      'import[2]',
    ]);
  });
});

describe('mergeImport', () => {
  const imported = [entry('New A', A), entry('C', C), entry('C again', C)];
  const classified = classifyImport(existing, imported);
  const issuers = (choices: DuplicateChoices) =>
    mergeImport(existing, classified, choices).map((a) => a.issuer);

  it.each<[string, DuplicateChoices, string[]]>([
    ['skip', { default: 'skip' }, ['Old A', 'Old B', 'C']],
    ['replace (in place)', { default: 'replace' }, ['New A', 'Old B', 'C again']],
    ['keep both', { default: 'keep-both' }, ['Old A', 'Old B', 'New A', 'C', 'C again']],
    [
      'per-entry choices over the default',
      { default: 'skip', byEntry: { 0: 'replace', 2: 'keep-both' } },
      ['New A', 'Old B', 'C', 'C again'],
    ],
  ])('%s', (_what, choices, expected) => {
    expect(issuers(choices)).toEqual(expected);
  });

  it('points repeats at the vault account when there is one, else at the earlier entry', () => {
    const twice = classifyImport(existing, [entry('A1', A), entry('A2', A)]);
    expect(twice.map((c) => c.status === 'duplicate' && c.of)).toEqual(['existing', 'existing']);
    const dupOfImport = classifyImport([], [entry('C1', C), entry('C2', C)]);
    expect(
      mergeImport([], dupOfImport, { default: 'replace', byEntry: {} }).map((a) => a.issuer),
    ).toEqual(['C2']);
  });

  it('never changes its inputs', () => {
    const before = JSON.stringify(existing);
    mergeImport(existing, classified, { default: 'replace' });
    expect(JSON.stringify(existing)).toBe(before);
  });
});

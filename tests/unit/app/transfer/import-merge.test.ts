// An import's decisions applied to the vault's entries: defaults, replace in place, keep both,
// an accepted issuer spelling, groups as bounded tags, and new entries ordered after the rest.
import { describe, expect, it } from 'vitest';
import { mergeImport, previewEntries } from '../../../../main/app/transfer/import-merge';
import { classifyImport } from '../../../../main/importers/duplicates';
import { parseOtpUri } from '../../../../main/otp';
import { newEntry } from '../../../../main/vault';

const account = (uri: string) => parseOtpUri(uri).account;
const GITHUB = account('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
const GITLAB = account('otpauth://totp/gitlab.com:bob?secret=GEZDGNBVGY3TQOJQ&issuer=gitlab.com');
const SLACK = account('otpauth://totp/Slack:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Slack');

const existing = [newEntry(GITHUB, 'gh', 1_000, { sortOrder: 4 })];
const imported = [
  { account: { ...GITHUB, name: 'alice (from file)' }, warnings: [] },
  { account: GITLAB, warnings: ['odd'], groups: ['work', '', 'x'.repeat(100)] },
  { account: SLACK, warnings: [] },
];
const classified = classifyImport([GITHUB], imported);
let ids = 0;
const options = { now: 2_000, newId: () => `new${++ids}` };

describe('previewEntries', () => {
  it('names the existing duplicate by id and offers the directory spelling', () => {
    const rows = previewEntries(classified, existing, (issuer) =>
      issuer === 'gitlab.com' ? 'GitLab' : undefined,
    );
    expect(rows.map((r) => [r.issuer, r.duplicateOf, r.suggestedIssuer])).toEqual([
      ['GitHub', 'gh', undefined],
      ['gitlab.com', null, 'GitLab'],
      ['Slack', null, undefined],
    ]);
    expect(rows[1]!.warnings).toEqual(['odd']);
  });
});

describe('mergeImport', () => {
  it('without decisions: new entries added after the others, duplicates skipped', () => {
    const merged = mergeImport(existing, classified, [], options);
    expect(merged).toMatchObject({ added: 2, replaced: 0, skipped: 1 });
    expect(merged.entries.map((e) => [e.issuer, e.sortOrder, e.createdAt])).toEqual([
      ['GitHub', 4, 1_000],
      ['gitlab.com', 5, 2_000],
      ['Slack', 6, 2_000],
    ]);
    // Groups become tags: empty ones dropped, long ones cut.
    expect(merged.entries[1]!.tags).toEqual(['work', 'x'.repeat(64)]);
  });

  it('gives each tag once, at most 64, as the TrayOTP export and the CLI do (importedTags)', () => {
    const groups = ['work', 'work', ...Array.from({ length: 80 }, (_, i) => `g${i}`)];
    const one = classifyImport([], [{ account: SLACK, warnings: [], groups }]);
    const [entry] = mergeImport([], one, [], options).entries;
    expect(entry!.tags.slice(0, 2)).toEqual(['work', 'g0']);
    expect(entry!.tags).toHaveLength(64);
    expect(new Set(entry!.tags).size).toBe(64);
  });

  it('replace overwrites in place; keep both adds; skip skips; an accepted issuer is used', () => {
    const merged = mergeImport(
      existing,
      classified,
      [
        { index: 0, action: 'replace' },
        { index: 1, action: 'add', issuer: ' GitLab ' },
        { index: 2, action: 'skip' },
      ],
      options,
    );
    expect(merged).toMatchObject({ added: 1, replaced: 1, skipped: 1 });
    expect(merged.entries[0]).toMatchObject({
      id: 'gh',
      name: 'alice (from file)',
      updatedAt: 2_000,
    });
    expect(merged.entries[1]!.issuer).toBe('GitLab');

    const both = mergeImport(existing, classified, [{ index: 0, action: 'keep-both' }], options);
    expect(both.entries.filter((e) => e.issuer === 'GitHub')).toHaveLength(2);
    // The input is never changed: a failed save leaves the vault as it was.
    expect(existing).toHaveLength(1);
    expect(existing[0]!.name).toBe('alice');
  });
});

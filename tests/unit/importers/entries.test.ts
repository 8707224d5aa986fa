// The entry collector: every importer's groups and notes are cleaned like labels are.
import { describe, expect, it } from 'vitest';
import { EntryCollector, EXTRA_LIMITS, MAX_IMPORT_ENTRIES } from '../../../main/importers/entries';
import { otpauthListImporter } from '../../../main/importers/otpauth-list';

const S = 'JBSWY3DPEHPK3PXP';

describe('EntryCollector cleans groups and notes', () => {
  it('a group with a newline, an escape sequence or a bidi override is cleaned, with a warning', () => {
    const collector = new EntryCollector();
    collector.add(
      { issuer: 'A', name: 'a', secret: S },
      { groups: ['Work\nFake row', '\u001b]0;t\u0007Home', '\u202eabc', 'Work Fake row', ' '] },
    );
    const [entry] = collector.entries;
    expect(entry?.groups).toEqual(['Work Fake row', ']0;tHome', 'abc']);
    expect(entry?.warnings.join(' ')).toMatch(/groups or note held control/);
  });

  it('a note keeps its lines and tabs but loses escape sequences', () => {
    const collector = new EntryCollector();
    collector.addUri(`otpauth://totp/A:a?secret=${S}`, { note: 'line 1\r\n\tline 2\u001b[2J' });
    expect(collector.entries[0]?.note).toBe('line 1\n\tline 2[2J');
  });

  it('groups and notes past their bounds are cut, with a warning', () => {
    const collector = new EntryCollector();
    const groups = Array.from({ length: 1000 }, (_, i) => `g${i}`);
    collector.add({ name: 'a', secret: S }, { groups, note: 'n'.repeat(1_000_000) });
    const [entry] = collector.entries;
    expect(entry?.groups).toHaveLength(EXTRA_LIMITS.maxGroups);
    expect(entry?.note).toHaveLength(EXTRA_LIMITS.maxNoteChars);
    expect(entry?.warnings.join(' ')).toMatch(/1000 groups.*note was cut/);
  });

  it('clean groups and notes pass unchanged and without a warning', () => {
    const collector = new EntryCollector();
    collector.add({ name: 'a', secret: S }, { groups: ['Work'], note: 'Recovery codes\nin safe' });
    expect(collector.entries[0]).toMatchObject({
      groups: ['Work'],
      note: 'Recovery codes\nin safe',
      warnings: [],
    });
  });
});

describe('EntryCollector bounds the entries of one import', () => {
  it(`refuses more than ${MAX_IMPORT_ENTRIES} entries, skipped ones included`, async () => {
    const lines = `${'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n'.repeat(MAX_IMPORT_ENTRIES)}x\n`;
    const bytes = new TextEncoder().encode(lines);
    await expect(otpauthListImporter.read({ fileName: 'list.txt', bytes })).rejects.toMatchObject({
      name: 'ImportError',
      code: 'too-large',
    });
  });
});

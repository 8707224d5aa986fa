// The CSV reader: RFC 4180 forms, blank lines, and the bounds that keep rows × columns small.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, csvRecords, parseCsv } from '../../../main/importers/csv';

describe('parseCsv', () => {
  it.each([
    [
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['"a ""q""","x\ny"\n', [['a "q"', 'x\ny']]],
    ['""', [['']]],
    ['a,\n', [['a', '']]],
    ['\n\n\r\na\n\n', [['a']]],
  ])('%j', (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('a file of only line breaks makes no rows (not millions of empty ones)', () => {
    expect(parseCsv('\n'.repeat(1_000_000))).toEqual([]);
  });

  it('more rows than any export has are refused', () => {
    expect(() => parseCsv('a\n'.repeat(CSV_LIMITS.maxRows + 1))).toThrow(
      expect.objectContaining({ name: 'ImportError', code: 'too-large' }),
    );
  });

  it('a header of a million columns is refused before rows × columns objects are made', () => {
    const text = `${','.repeat(1_000_000)}\n${'x\n'.repeat(1000)}`;
    expect(() => csvRecords(text)).toThrow(/more than 1000 fields/);
  });
});

describe('parseCsv memory', () => {
  it('a 10 MB field parses within a 200 MiB heap (not a rope of ten million nodes)', () => {
    const code = `
      import { parseCsv } from ${JSON.stringify(`${process.cwd()}/main/importers/csv.ts`)};
      const rows = parseCsv('name,login_totp\\na,' + 'A'.repeat(10_000_000) + '\\nb,"' + 'B'.repeat(10_000_000) + '"\\n');
      process.stdout.write(String(rows[1][1].length + rows[2][1].length));
    `;
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=200', '--import', 'tsx', '--input-type=module', '-e', code],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr.slice(0, 300)).toBe('');
    expect(run.stdout).toBe('20000000');
  });
});

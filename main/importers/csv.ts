// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, newlines inside quotes):
// exports are small, and a dependency for this would be larger than the code. Bounded, since
// csvRecords makes one object per row with one key per column (rows × columns).
import { ImportError } from './errors';

/** Bitwarden's CSV has 11 columns and one row per login; no export comes near these. */
export const CSV_LIMITS = { maxRows: 100_000, maxFields: 1000 } as const;

/**
 * Rows of fields. Blank lines (nothing on them, not even "") are skipped, a trailing one too.
 * Throws ImportError('too-large') past CSV_LIMITS. Fields are cut out with slice(), never built
 * a character at a time: a 10 MB field built with += is a rope of ten million nodes (over
 * 300 MB of heap) before it is ever flattened.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const pushField = (field: string) => {
    if (row.length >= CSV_LIMITS.maxFields) {
      throw new ImportError(
        'too-large',
        `A CSV row has more than ${CSV_LIMITS.maxFields} fields; no export has that many columns.`,
      );
    }
    row.push(field);
  };
  const pushRow = () => {
    if (rows.length >= CSV_LIMITS.maxRows) {
      throw new ImportError(
        'too-large',
        `The CSV has more than ${CSV_LIMITS.maxRows} rows; TrayOTP reads at most that many accounts from one file.`,
      );
    }
    rows.push(row);
    row = [];
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    let field: string;
    let quoted = false;
    if (text[i] === '"') {
      // A quoted field: runs between doubled quotes, joined once. No closing quote: the rest.
      quoted = true;
      const parts: string[] = [];
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          parts.push(text.slice(from));
          i = n;
          break;
        }
        parts.push(text.slice(from, quote));
        if (text[quote + 1] === '"') {
          parts.push('"');
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      field = parts.join('');
    } else {
      field = '';
    }
    // Unquoted text (or what stands after a closing quote) up to the next delimiter.
    let end = i;
    while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
    if (end > i) field += text.slice(i, end);
    i = end;
    const delimiter = i < n ? text[i] : undefined;
    if (delimiter === ',') {
      pushField(field);
      i++;
      if (i === n) pushField(''); // "a," ends with an empty field
      continue;
    }
    // A line break or the end of the text ends the row, unless the line is blank.
    if (row.length > 0 || field !== '' || quoted) {
      pushField(field);
      pushRow();
    }
    if (delimiter === '\r' && text[i + 1] === '\n') i++;
    i++;
  }
  if (row.length > 0) pushRow();
  return rows;
}

/** Rows as objects keyed by the header row's names (lower-cased, trimmed). */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const names = header.map((name) => name.trim().toLowerCase());
  const records = rows
    .filter((row) => row.some((field) => field.trim() !== ''))
    .map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? ''])));
  return { header: names, records };
}

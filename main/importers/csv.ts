// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, newlines inside quotes):
// exports are small, and a dependency for this would be larger than the code. Bounded, since
// csvRecords makes one object per row with one key per column (rows × columns).
import { ImportError } from './errors';

/** Bitwarden's CSV has 11 columns and one row per login; no export comes near these. */
export const CSV_LIMITS = { maxRows: 100_000, maxFields: 1000 } as const;

/**
 * Rows of fields. Blank lines (nothing on them, not even "") are skipped, a trailing one too.
 * Throws ImportError('too-large') past CSV_LIMITS.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // Whether the current field was opened by a quote: "" is an empty field, not a blank line.
  let wasQuoted = false;
  const endField = () => {
    if (row.length >= CSV_LIMITS.maxFields) {
      throw new ImportError(
        'too-large',
        `A CSV row has more than ${CSV_LIMITS.maxFields} fields; no export has that many columns.`,
      );
    }
    row.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    if (row.length === 0 && field === '' && !wasQuoted) return; // a blank line
    endField();
    if (rows.length >= CSV_LIMITS.maxRows) {
      throw new ImportError(
        'too-large',
        `The CSV has more than ${CSV_LIMITS.maxRows} rows; TrayOTP reads at most that many accounts from one file.`,
      );
    }
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
    }
  }
  endRow();
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

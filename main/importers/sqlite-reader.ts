// SQLite databases read with sql.js (SQLite compiled to WebAssembly): no native module to
// rebuild for Electron. The wasm is loaded from the installed package, never from a network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { ImportError } from './errors';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
let engine: Promise<SqlJsStatic> | undefined;

function sqlJs(): Promise<SqlJsStatic> {
  if (!engine) {
    const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    const wasm = readFileSync(wasmPath);
    engine = initSqlJs({
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
    });
  }
  return engine;
}

export function isSqlite(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 16)).toString('latin1') === SQLITE_MAGIC;
}

/**
 * Whether the schema text (kept in plain text on the first pages) mentions every word: enough to
 * tell one app's database from another's without opening it, so detection stays synchronous.
 */
export function schemaMentions(bytes: Uint8Array, words: string[]): boolean {
  const head = Buffer.from(bytes.subarray(0, 65_536));
  return isSqlite(bytes) && words.every((word) => head.includes(word));
}

/** Whether the schema text matches the pattern (for names whose case varies between versions). */
export function schemaMatches(bytes: Uint8Array, pattern: RegExp): boolean {
  return isSqlite(bytes) && pattern.test(Buffer.from(bytes.subarray(0, 65_536)).toString('latin1'));
}

export type Row = Record<string, SqlValue>;

/** Every row of a table (its name matched without regard to case), or undefined without it. */
export async function readTable(bytes: Uint8Array, table: string): Promise<Row[] | undefined> {
  const SQL = await sqlJs();
  // sql.js works on its own in-memory copy: the user's file is never opened or changed.
  let db: Database | undefined;
  try {
    db = new SQL.Database(bytes);
    const [found] = db.exec(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)",
      [table],
    );
    const name = found?.values[0]?.[0];
    if (typeof name !== 'string') return undefined;
    const [result] = db.exec(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
    if (!result) return [];
    return result.values.map((values) =>
      Object.fromEntries(result.columns.map((column, i) => [column, values[i] ?? null])),
    );
  } catch (error) {
    throw new SqliteReadError(error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
  }
}

export class SqliteReadError extends Error {
  override readonly name = 'SqliteReadError';
}

/**
 * `table`'s rows for an importer: a database SQLite cannot read is an ImportError('damaged')
 * naming the file; undefined when the table is not there.
 */
export async function readImportTable(
  input: { fileName: string; bytes: Uint8Array },
  table: string,
): Promise<Row[] | undefined> {
  try {
    return await readTable(input.bytes, table);
  } catch (error) {
    if (!(error instanceof SqliteReadError)) throw error;
    throw new ImportError(
      'damaged',
      `"${input.fileName}" is a damaged SQLite database: ${error.message}`,
    );
  }
}

// Shared harness for the interop test files in tests/fixtures/interop/<set>/ (real exports
// written by other apps, with an expected.json listing passwords and the entries each holds).
// Each file is checked three ways: detection picks the right importer from the CONTENT (also
// when the file is renamed to export.bin), the import yields exactly the expected entries (as a
// multiset: order and duplicates matter only by count), and an encrypted file refuses a missing
// or wrong password with the right ImportError code.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError, detectFormat, importFile } from '../../../main/importers';
import type { ImportErrorCode, ImportInput, ImportResult } from '../../../main/importers';
import type { Account } from '../../../main/otp';
import { testdataPath } from '../../support/testdata';

export const interopDir = testdataPath('interop/');

export type InteropSet = 'aegis' | 'google-migration';

/** One entry as expected.json writes it (period null for HOTP, counter null for non-HOTP). */
export interface ExpectedEntry {
  type: string;
  issuer: string;
  name: string;
  secret: string;
  algo: string;
  digits: number;
  period: number | null;
  counter: number | null;
}

export interface ExpectedFile {
  app: string;
  format: string;
  encrypted: boolean;
  password: string | null;
  notes?: string[];
  entries?: ExpectedEntry[];
  expect_error?: boolean;
}

export function loadExpected(set: InteropSet): Record<string, ExpectedFile> {
  const all = JSON.parse(readFileSync(`${interopDir}${set}/expected.json`, 'utf8')) as Record<
    string,
    unknown
  >;
  delete all._about;
  return all as Record<string, ExpectedFile>;
}

export function readInterop(set: InteropSet, file: string, fileName = file): ImportInput {
  return { fileName, bytes: new Uint8Array(readFileSync(`${interopDir}${set}/${file}`)) };
}

/** Our Account in expected.json's shape, so the two compare field by field. */
export function toExpectedShape(account: Account): ExpectedEntry {
  return {
    type: account.type,
    issuer: account.issuer,
    name: account.name,
    secret: account.secret,
    algo: account.algorithm,
    digits: account.digits,
    period: account.type === 'hotp' ? null : account.period,
    counter: account.type === 'hotp' ? account.counter : null,
  };
}

function entryKey(entry: ExpectedEntry): string {
  const { type, issuer, name, secret, algo, digits, period, counter } = entry;
  return JSON.stringify([type, issuer, name, secret, algo, digits, period, counter]);
}

/** Both lists sorted by a canonical key: equal as multisets iff the sorted lists are equal. */
export function sortedEntries(entries: ExpectedEntry[]): ExpectedEntry[] {
  return [...entries]
    .map((entry) => ({ key: entryKey(entry), entry }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ entry }) => ({
      type: entry.type,
      issuer: entry.issuer,
      name: entry.name,
      secret: entry.secret,
      algo: entry.algo,
      digits: entry.digits,
      period: entry.period,
      counter: entry.counter,
    }));
}

export function expectSameEntries(result: ImportResult, expected: ExpectedEntry[]): void {
  const actual = result.entries.map((entry) => toExpectedShape(entry.account));
  expect(sortedEntries(actual)).toEqual(sortedEntries(expected));
}

/** The error an import throws, or a test failure saying that it did not throw. */
export async function importError(
  input: ImportInput,
  options: { format?: string; password?: string } = {},
): Promise<ImportError> {
  try {
    await importFile(input, options);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error(`importing ${input.fileName} did not fail`);
}

const timings: { file: string; ms: number }[] = [];

/** Imports with the file's password and records how long it took (for the slowest-import note). */
export async function timedImport(
  input: ImportInput,
  options: { format?: string; password?: string } = {},
): Promise<ImportResult> {
  const start = performance.now();
  const result = await importFile(input, options);
  timings.push({ file: input.fileName, ms: performance.now() - start });
  return result;
}

export function slowestImport(): { file: string; ms: number } | undefined {
  return [...timings].sort((a, b) => b.ms - a.ms)[0];
}

export interface InteropOptions {
  set: InteropSet;
  /** The importer id detection must pick for these files. */
  format: string;
  files: string[];
  /** Adjusts an expected entry where we deliberately differ from expected.json (say why!). */
  adjust?: (entry: ExpectedEntry, file: string) => ExpectedEntry;
  /** The code a wrong password gives; formats without an integrity check may say 'damaged'. */
  wrongPasswordCode?: ImportErrorCode;
  /** For files expected.json marks expect_error: the ImportError code each must give. */
  errorCodes?: Record<string, ImportErrorCode>;
}

/**
 * Defines the standard tests for interop files of one format: detection by content (also as
 * export.bin), import equal to expected.json's entries (or the expected failure), and the
 * password errors of encrypted files. Skips with a printed reason when the test data is absent.
 */
export function describeInterop(options: InteropOptions): void {
  const { set, format, files } = options;
  describe(`interop files of ${set}/ read as ${format}`, () => {
    const expected = loadExpected(set);
    afterAll(() => {
      const slowest = slowestImport();
      if (slowest)
        console.info(`slowest import so far: ${slowest.file} ${slowest.ms.toFixed(0)} ms`);
    });

    for (const file of files) {
      const spec = expected[file];
      if (!spec) throw new Error(`${file} is not listed in ${set}/expected.json`);
      const password = spec.password ?? undefined;

      if (spec.expect_error) {
        it(`${file} fails with an ImportError (${spec.format})`, async () => {
          const error = await importError(readInterop(set, file), { password });
          const code = options.errorCodes?.[file];
          if (code) expect(error.code).toBe(code);
          expect(error.message).toMatch(/\w+ \w+/);
        });
        continue;
      }

      it.each([file, 'export.bin'])(`${file} is detected as ${format} when named %s`, (name) => {
        const detected = detectFormat(readInterop(set, file, name));
        expect(detected.importer.id).toBe(format);
        expect(detected.encrypted).toBe(spec.encrypted);
      });

      it(`${file} imports to the entries expected.json lists`, async () => {
        const result = await timedImport(readInterop(set, file), { password });
        expect(result.format).toBe(format);
        const adjust = options.adjust;
        const want = (spec.entries ?? []).map((entry) => (adjust ? adjust(entry, file) : entry));
        expectSameEntries(result, want);
        expect(result.skipped).toEqual([]);
      });

      if (spec.encrypted) {
        it(`${file} without a password fails with password-required`, async () => {
          const error = await importError(readInterop(set, file));
          expect(error.code).toBe('password-required');
        });
        it(`${file} with a wrong password fails with ${options.wrongPasswordCode ?? 'wrong-password'}`, async () => {
          const error = await importError(readInterop(set, file), {
            password: `${password ?? ''}-wrong`,
          });
          expect(error.code).toBe(options.wrongPasswordCode ?? 'wrong-password');
        });
      }
    }
  });
}

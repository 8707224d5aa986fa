// One size cap for every import input, checked before anything is parsed: by stat() before
// reading when a path is given, by length before detection when bytes are given.
import { mkdtemp, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, importFile, ImportError } from '../../../main/importers';
import {
  checkImportSize,
  MAX_IMPORT_BYTES,
  readImportFile,
} from '../../../main/importers/read-content';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trayotp-import-size-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError, got none');
}

describe('import size cap', () => {
  it('is 32 MiB', () => {
    expect(MAX_IMPORT_BYTES).toBe(32 * 1024 * 1024);
  });

  it('a 200 MB file is refused from its size, without reading it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, 200 * 1024 * 1024); // sparse: costs no disk, reading it would cost 200 MB
    const started = performance.now();
    const error = await rejection(readImportFile(path));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/huge\.json.*200 MiB.*32 MiB/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a directory or a missing file is refused with a sentence', async () => {
    await mkdir(join(dir, 'folder'));
    expect((await rejection(readImportFile(join(dir, 'folder')))).message).toMatch(/not a file/);
    expect((await rejection(readImportFile(join(dir, 'nope.txt')))).message).toMatch(
      /does not exist/,
    );
  });

  it('a file within the cap is read', async () => {
    const path = join(dir, 'list.txt');
    await writeFile(path, 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n');
    const input = await readImportFile(path);
    expect(input.fileName).toBe('list.txt');
    expect(Buffer.from(input.bytes).toString()).toContain('otpauth://');
  });

  it('bytes over the cap are refused before detection and before parsing', async () => {
    const input = { fileName: 'big.json', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) };
    expect(() => checkImportSize(input)).toThrow(ImportError);
    expect(() => detectFormat(input)).toThrow(/32 MiB/);
    expect((await rejection(importFile(input))).code).toBe('too-large');
    expect(() => checkImportSize({ fileName: 'ok', bytes: new Uint8Array(10) })).not.toThrow();
  });
});

describe('text past the text cap (issue 24)', () => {
  it('a 17 MiB list of links is refused as too large, not as holding no otpauth links', async () => {
    const line = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example\n';
    const bytes = Buffer.from(line.repeat(Math.ceil((17 * 1024 * 1024) / line.length)));
    const input = { fileName: 'links.txt', bytes: new Uint8Array(bytes) };
    let thrown: unknown;
    try {
      detectFormat(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportError);
    expect((thrown as ImportError).code).toBe('too-large');
    expect((thrown as ImportError).message).toMatch(/links\.txt.*17 MiB.*16 MiB/);
    expect((thrown as ImportError).message).not.toMatch(/no otpauth/);
    const forced = await rejection(importFile(input, { format: 'otpauth' }));
    expect(forced.code).toBe('too-large');
  });
});

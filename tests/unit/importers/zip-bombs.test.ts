// ZIP exports (Proton Pass, Authenticator Plus) are inflated under caps: entry count, each
// entry's actual inflated size (counted while streaming, declared sizes are not trusted), and
// the compression ratio. A bomb ends quickly with an ImportError that names the limit.
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { authenticatorPlusImporter } from '../../../main/importers/authenticator-plus';
import { protonPassImporter } from '../../../main/importers/proton-pass';
import { readZipText, ZIP_LIMITS, zipEntryNames } from '../../../main/importers/zip-archive';

const DATA = 'Proton Pass/data.json';

async function zipOf(files: [name: string, content: string | Uint8Array][]): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [name, content] of files) {
    await writer.add(
      name,
      typeof content === 'string' ? new TextReader(content) : new Uint8ArrayReader(content),
    );
  }
  return writer.close();
}

/** Central directory and local headers rewritten to declare `size` uncompressed bytes. */
function declareSize(bytes: Uint8Array, size: number): Uint8Array {
  const out = Buffer.from(bytes);
  for (let at = out.indexOf('PK\u0003\u0004', 0, 'latin1'); at !== -1;) {
    out.writeUInt32LE(size, at + 22);
    at = out.indexOf('PK\u0003\u0004', at + 4, 'latin1');
  }
  for (let at = out.indexOf('PK\u0001\u0002', 0, 'latin1'); at !== -1;) {
    out.writeUInt32LE(size, at + 24);
    at = out.indexOf('PK\u0001\u0002', at + 4, 'latin1');
  }
  return new Uint8Array(out);
}

async function importError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).name).toBe('ImportError');
    return error as { code: string; message: string };
  }
  throw new Error('expected an ImportError, got none');
}

describe('zip bombs', () => {
  it('a highly compressed entry (8 MiB of zeros in a few KB) is refused by its ratio', async () => {
    const bytes = await zipOf([[DATA, new Uint8Array(8 * 1024 * 1024)]]);
    expect(bytes.length).toBeLessThan(64 * 1024);
    const started = performance.now();
    const error = await importError(protonPassImporter.read({ fileName: 'export.zip', bytes }));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/compress/i);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('an entry that inflates past the size cap is refused, whatever size it declares', async () => {
    // Pseudo-random text compresses little, so only the size cap can stop it.
    let seed = 42;
    const raw = Buffer.alloc(1_600_000);
    for (let i = 0; i < raw.length; i++) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      raw[i] = seed >>> 24;
    }
    const honest = await zipOf([[DATA, raw.toString('base64')]]);
    const limits = { ...ZIP_LIMITS, maxEntryBytes: 1024 * 1024 };
    const error = await importError(
      readZipText(honest, DATA, 'Proton Pass export', undefined, limits),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/more than 1 MiB/);
    // Declaring 100 bytes does not get it read: zip.js stops at the declared size (damaged),
    // and the bytes are counted as they come in any case.
    const lying = declareSize(honest, 100);
    const lie = await importError(
      readZipText(lying, DATA, 'Proton Pass export', undefined, limits),
    );
    expect(['too-large', 'damaged']).toContain(lie.code);
  });

  it('an archive of more entries than any export has is refused before inflating', async () => {
    const files: [string, string][] = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => [
      `f${i}`,
      '',
    ]);
    files.push([DATA, '{}']);
    const bytes = await zipOf(files);
    const error = await importError(readZipText(bytes, DATA, 'Proton Pass export', undefined));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/entries/);
    expect(zipEntryNames(bytes).length).toBeLessThanOrEqual(ZIP_LIMITS.maxEntries + 1);
  });

  it('Authenticator Plus goes through the same caps', async () => {
    const bytes = await zipOf([['Accounts.txt', '\n'.repeat(8 * 1024 * 1024)]]);
    const error = await importError(
      authenticatorPlusImporter.read({ fileName: 'backup.zip', bytes }, 'pw'),
    );
    expect(error.code).toBe('too-large');
  });

  it('a normal export still reads', async () => {
    const json = JSON.stringify({ vaults: {} });
    const bytes = await zipOf([[DATA, json]]);
    expect(await readZipText(bytes, DATA, 'Proton Pass export', undefined)).toBe(json);
  });
});

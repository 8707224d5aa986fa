// Damaged files: every interop file of this module's formats, cut short or with a byte changed,
// either still imports or fails with an ImportError whose message a person can read — never a
// TypeError or a raw crypto error. Detection never throws, whatever the bytes.
import { describe, expect, it } from 'vitest';
import { ImportError, detectFormat, importFile, importers } from '../../../main/importers';
import { seededRandom } from '../../support/random';
import { loadExpected, readInterop } from './interop-harness';

const FILES: Record<string, string> = {
  'plain.txt': 'otpauth',
  'ente_auth.txt': 'otpauth',
  'aegis_plain.json': 'aegis',
  'aegis_encrypted.json': 'aegis',
  'andotp_plain.json': 'andotp',
  'andotp_encrypted.bin': 'andotp',
  'andotp_encrypted_old.bin': 'andotp',
  '2fas_authenticator_plain_v4.2fas': '2fas',
  '2fas_authenticator_encrypted_v4.2fas': '2fas',
  'bitwarden.json': 'bitwarden',
  'bitwarden.csv': 'bitwarden',
};

function variants(bytes: Uint8Array, next: () => number): { what: string; bytes: Uint8Array }[] {
  const out = [0.1, 0.5, 0.9].map((f) => ({
    what: `cut at ${Math.round(f * 100)}%`,
    bytes: bytes.subarray(0, Math.floor(bytes.length * f)),
  }));
  for (let i = 0; i < 4; i++) {
    const copy = Uint8Array.from(bytes);
    const at = Math.floor(next() * copy.length);
    copy[at] = (copy[at]! + 1 + Math.floor(next() * 254)) & 0xff;
    out.push({ what: `byte ${at} changed`, bytes: copy });
  }
  return out;
}

describe('damaged interop files', () => {
  const expected = loadExpected('aegis');
  for (const [file, format] of Object.entries(FILES)) {
    it(`${file}: every damaged variant imports or fails with an ImportError`, async () => {
      const next = seededRandom(file.length * 7919);
      const password = expected[file]?.password ?? undefined;
      for (const variant of variants(readInterop('aegis', file).bytes, next)) {
        const input = { fileName: file, bytes: variant.bytes };
        for (const importer of importers) expect(() => importer.detect(input)).not.toThrow();
        try {
          await importFile(input, { format, password });
        } catch (error) {
          expect(error, `${file} ${variant.what}: ${String(error)}`).toBeInstanceOf(ImportError);
          expect((error as ImportError).message).toMatch(/[a-z]+ [a-z]+/);
        }
      }
    });
  }

  it('detection never throws on random bytes', () => {
    const next = seededRandom(42);
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from({ length: Math.floor(next() * 3000) }, () =>
        Math.floor(next() * 256),
      );
      try {
        detectFormat({ fileName: 'random.bin', bytes });
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
      }
    }
  });
});

// Damaged LastPass, WinAuth and KeePass files: each fixture cut short or with bytes changed (a
// seeded, reproducible choice) either still imports or fails with an ImportError a person can
// read, never a TypeError or a raw library error; detection never throws on them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, importFile, importers } from '../../../main/importers';
import { seededRandom } from '../../support/random';
import { testdataPath } from '../../support/testdata';

const FILES: [file: string, format: string, password?: string][] = [
  ['lastpass/lastpass_android.json', 'lastpass'],
  ['lastpass/lastpass_ios.json', 'lastpass'],
  ['winauth/winauth.zip', 'winauth', 'test'],
  ['winauth/winauth-built-from-source.txt', 'winauth'],
  // AES-KDF with 6,000 rounds: each variant is cheap to try.
  ['keepass/keepassxc-NewDatabase.kdbx', 'keepass', 'a'],
];

function variants(bytes: Uint8Array, next: () => number): { what: string; bytes: Uint8Array }[] {
  const out = [0.05, 0.3, 0.6, 0.95].map((f) => ({
    what: `cut at ${Math.round(f * 100)}%`,
    bytes: bytes.subarray(0, Math.floor(bytes.length * f)),
  }));
  for (let i = 0; i < 6; i++) {
    const copy = Uint8Array.from(bytes);
    const at = Math.floor(next() * copy.length);
    copy[at] = (copy[at]! + 1 + Math.floor(next() * 254)) & 0xff;
    out.push({ what: `byte ${at} changed`, bytes: copy });
  }
  return out;
}

describe('damaged LastPass, WinAuth and KeePass files', () => {
  for (const [file, format, password] of FILES) {
    it(`${file}: every damaged variant imports or fails with an ImportError`, async () => {
      const next = seededRandom(file.length * 7919);
      const bytes = new Uint8Array(readFileSync(testdataPath(file)));
      for (const variant of variants(bytes, next)) {
        const input = { fileName: file, bytes: variant.bytes };
        for (const importer of importers) expect(() => importer.detect(input)).not.toThrow();
        try {
          await importFile(input, { format, ...(password ? { password } : {}) });
        } catch (error) {
          expect(error, `${file} ${variant.what}: ${String(error)}`).toBeInstanceOf(ImportError);
          expect((error as ImportError).message).toMatch(/[a-z]+ [a-z]+/);
        }
      }
    });
  }
});

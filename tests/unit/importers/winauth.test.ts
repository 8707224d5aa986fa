// WinAuth exports: the password-protected ZIP from Stratum's (Authenticator Pro's) tests, the text
// file inside it as WinAuth wrote it, and a text export built line by line from WinAuth's own
// WinAuthAuthenticator.ToUrl (Steam, Battle.net, HOTP, a custom period, a '#' in a name), plain
// and zipped (tests/fixtures/winauth/PROVENANCE.md). Then detection and damaged files.
import { readFileSync } from 'node:fs';
import { TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile, importers } from '../../../main/importers';
import type { ImportInput, ImportResult } from '../../../main/importers';
import { testdataPath } from '../../support/testdata';
import { importError } from './interop-harness';

const bytesOf = (file: string) =>
  new Uint8Array(readFileSync(testdataPath(file.includes('/') ? file : `winauth/${file}`)));
const fixture = (file: string, fileName = file): ImportInput => ({
  fileName,
  bytes: bytesOf(file),
});
const text = (body: string, fileName = 'winauth-2026-01-02.txt'): ImportInput => ({
  fileName,
  bytes: new TextEncoder().encode(body),
});
const winauth = importers.find((i) => i.id === 'winauth')!;

async function zipOf(entries: Record<string, string>, password?: string): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    ...(password ? { password, zipCrypto: true } : {}),
  });
  for (const [name, body] of Object.entries(entries)) await zip.add(name, new TextReader(body));
  return zip.close();
}

const rows = (result: ImportResult) =>
  result.entries.map(({ account: a, note }) => [
    a.type,
    a.issuer,
    a.name,
    a.secret,
    a.algorithm,
    a.digits,
    a.type === 'hotp' ? a.counter : a.period,
    note ?? '',
  ]);

const BUILT_ROWS = [
  ['totp', 'Google', 'alice@gmail.com', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, ''],
  ['steam', 'Steam', 'gaben', 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ', 'SHA1', 5, 30, ''],
  [
    'totp',
    'BattleNet',
    'Battle.net',
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    'SHA1',
    8,
    30,
    'Battle.net serial US-1234-5678-9012',
  ],
  ['hotp', 'Example', 'bob', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 'SHA1', 6, 5, ''],
  ['totp', '', 'GitHub', 'ONSWG4TFORQW4Y3FMVZXI2LOM5ZW64TU', 'SHA256', 6, 60, ''],
  ['totp', '', 'Server #2', 'NB2W45DFOIZA', 'SHA1', 6, 30, ''],
];

describe('WinAuth exports written by the app', () => {
  it.each(['winauth.zip', 'export.bin'])(
    'its password-protected ZIP is detected as WinAuth when named %s',
    (name) => {
      const detected = detectFormat(fixture('winauth.zip', name));
      expect([detected.importer.id, detected.encrypted]).toEqual(['winauth', true]);
    },
  );

  it('reads the ZIP with its password (ZipCrypto, as WinAuth writes it)', async () => {
    const result = await importFile(fixture('winauth.zip'), { password: 'test' });
    expect(result.format).toBe('winauth');
    expect(rows(result)).toEqual([
      ['totp', '', 'Authenticator', 'TESTTESTTESTTESTTESQ', 'SHA1', 6, 30, ''],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('asks for the password, and says when it is wrong', async () => {
    expect((await importError(fixture('winauth.zip'))).code).toBe('password-required');
    const wrong = await importError(fixture('winauth.zip'), { password: 'test1' });
    expect([wrong.code, wrong.message]).toEqual([
      'wrong-password',
      'The password does not open this WinAuth export.',
    ]);
  });

  it.each(['winauth-2023-03-24.txt', 'export.bin'])(
    'its plain text export is detected as WinAuth when named %s, and read',
    async (name) => {
      const input = fixture('winauth-2023-03-24.txt', name);
      expect(detectFormat(input).importer.id).toBe('winauth');
      expect(rows(await importFile(input))).toEqual([
        ['totp', '', 'Authenticator', 'TESTTESTTESTTESTTESQ', 'SHA1', 6, 30, ''],
      ]);
    },
  );

  it("refuses Stratum's invalid WinAuth file (an empty ZIP)", async () => {
    expect((await importError(fixture('winauth.invalid.zip'))).code).toBe('unknown-format');
    const forced = await importError(fixture('winauth.invalid.zip'), { format: 'winauth' });
    expect([forced.code, forced.message]).toEqual([
      'damaged',
      '"winauth.invalid.zip" is not a WinAuth export: it is neither a text file of otpauth:// links nor a ZIP holding one.',
    ]);
  });
});

describe("WinAuth's link forms (built from WinAuthAuthenticator.ToUrl)", () => {
  it('reads Steam, Battle.net (serial kept as a note), HOTP, a period and a # in a name', async () => {
    const input = fixture('winauth-built-from-source.txt');
    expect(detectFormat(input).importer.id).toBe('winauth');
    const result = await importFile(input);
    expect(rows(result)).toEqual(BUILT_ROWS);
    expect(result.skipped).toEqual([]);
  });

  it('reads the same export zipped without a password, and every .txt in a ZIP', async () => {
    const built = new TextDecoder().decode(bytesOf('winauth-built-from-source.txt'));
    const [first, ...rest] = built.split('\r\n');
    const bytes = await zipOf({
      'winauth-2026-01-02.txt': first!,
      'more.txt': rest.join('\r\n'),
      'readme.md': 'not read',
    });
    const input = { fileName: 'winauth-2026-01-02.zip', bytes };
    expect(detectFormat(input)).toMatchObject({ encrypted: false });
    expect(detectFormat(input).importer.id).toBe('winauth');
    expect(rows(await importFile(input))).toEqual(BUILT_ROWS);
  });

  it('skips the lines that are not links, with their line numbers', async () => {
    const result = await importFile(
      text(
        '# comment\r\notpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=6&icon=A\r\nhello\r\notpauth://totp/B?secret=0&digits=6&icon=B\r\n',
      ),
      { format: 'winauth' },
    );
    expect(result.entries.map((e) => e.account.name)).toEqual(['A']);
    expect(result.skipped).toEqual([
      { label: 'line 4', reason: 'The secret is not base32: "0" is not one of A–Z, 2–7.' },
      { label: 'line 3', reason: 'This line is not an otpauth:// link.' },
    ]);
  });
});

describe('WinAuth detection', () => {
  it.each([
    [
      'a list with a WinAuth icon parameter',
      'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=6&icon=Google\n',
      2,
    ],
    [
      'a Battle.net serial',
      'otpauth://totp/BattleNet:x?secret=JBSWY3DPEHPK3PXP&digits=8&issuer=BattleNet&serial=US123456789012\n',
      2,
    ],
    // No WinAuth-only parameter: any app could have written it; the otpauth list reads it.
    ['links in WinAuth order only', 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=6\n', 0],
    // Aegis / Ente / KeePassXC order: secret is not followed by digits.
    ['an icon in another order', 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&icon=x&digits=6\n', 0],
    [
      'a line that is not a link',
      'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=6&icon=A\nsomething else\n',
      0,
    ],
    ['a Google migration link', 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGE\n', 0],
    ['JSON', '{"icon":"otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=6&icon=A"}', 0],
  ])('%s → confidence %d', (_what, body, confidence) => {
    expect(winauth.detect(text(body, 'export.bin')).confidence).toBe(confidence);
  });

  it("a ZIP's .txt entries are WinAuth for certain only under WinAuth's own name", async () => {
    const named = await zipOf({ 'winauth-2026-01-02.txt': 'x' }, 'pw');
    const renamed = await zipOf({ 'mine.txt': 'x' });
    const other = await zipOf({ 'accounts.json': '{}' });
    expect(winauth.detect({ fileName: 'a.zip', bytes: named })).toEqual({
      confidence: 2,
      encrypted: true,
    });
    expect(winauth.detect({ fileName: 'a.zip', bytes: renamed })).toEqual({
      confidence: 1,
      encrypted: false,
    });
    expect(winauth.detect({ fileName: 'a.zip', bytes: other }).confidence).toBe(0);
  });

  it('plain otpauth lists of other apps stay with the otpauth list importer', () => {
    const input = text(
      'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\notpauth://totp/B?secret=JBSWY3DPEHPK3PXP\n',
      'plain.txt',
    );
    expect(detectFormat(input).importer.id).toBe('otpauth');
  });
});

describe('damaged WinAuth files', () => {
  it.each([0.3, 0.6, 0.9])('the ZIP cut at %d fails with an ImportError', async (fraction) => {
    const bytes = bytesOf('winauth.zip');
    const input = { fileName: 'winauth.zip', bytes: bytes.subarray(0, bytes.length * fraction) };
    const error = await importError(input, { format: 'winauth', password: 'test' });
    expect(['damaged', 'wrong-password']).toContain(error.code);
    expect(error.message).toMatch(/WinAuth/);
  });

  it('refuses a ZIP with too many entries before reading any', async () => {
    const many = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`${i}.txt`, 'x']));
    const error = await importError(
      { fileName: 'a.zip', bytes: await zipOf(many) },
      { format: 'winauth' },
    );
    expect([error.code, error.message]).toEqual([
      'unsupported',
      'This WinAuth export has 70 files in its ZIP; WinAuth writes one, and TrayOTP reads at most 64.',
    ]);
  });
});

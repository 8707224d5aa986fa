// LastPass Authenticator JSON exports: the Android file from Stratum's (Authenticator Pro's) tests
// and the iOS file from Bitwarden Authenticator's tests (tests/fixtures/lastpass/PROVENANCE.md),
// every entry exactly, then detection and every way such a file can be wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile, importers } from '../../../main/importers';
import type { ImportInput } from '../../../main/importers';
import { testdataPath } from '../../support/testdata';
import { importError } from './interop-harness';

const fixture = (file: string, fileName = file): ImportInput => ({
  fileName,
  bytes: new Uint8Array(readFileSync(testdataPath(`lastpass/${file}`))),
});
const json = (value: unknown): ImportInput => ({
  fileName: 'accounts.json',
  bytes: new TextEncoder().encode(JSON.stringify(value)),
});
/** The fields people compare, in one row per entry. */
const rows = (result: Awaited<ReturnType<typeof importFile>>) =>
  result.entries.map(({ account: a, groups }) => [
    a.type,
    a.issuer,
    a.name,
    a.secret,
    a.algorithm,
    a.digits,
    a.period,
    groups ?? [],
  ]);

const account = (extra: object = {}) => ({
  accountID: 'a1',
  lmiUserId: '',
  issuerName: 'GitHub',
  originalIssuerName: 'GitHub',
  userName: 'alice',
  originalUserName: 'alice',
  pushNotification: false,
  secret: 'JBSWY3DPEHPK3PXP',
  timeStep: 30,
  digits: 6,
  creationTimestamp: 1682843408613,
  isFavorite: false,
  algorithm: 'SHA1',
  folderData: { folderId: 0, position: 0 },
  ...extra,
});
const android = (accounts: unknown[], extra: object = {}) =>
  json({
    deviceId: '',
    deviceSecret: '',
    localDeviceId: '81b55075-02d3-4e5f-9603-8eb4c66bff18',
    deviceName: 'Google Pixel 7',
    version: 3,
    accounts,
    folders: [
      { id: 1, name: 'Favorites', isOpened: true },
      { id: 0, name: 'Other accounts', isOpened: true },
    ],
    ...extra,
  });

describe('LastPass Authenticator exports written by the app', () => {
  it.each(['lastpass_android.json', 'lastpass_ios.json'])(
    '%s is detected as LastPass from its content, also when named export.bin',
    (file) => {
      for (const name of [file, 'export.bin']) {
        const detected = detectFormat(fixture(file, name));
        expect([detected.importer.id, detected.encrypted]).toEqual(['lastpass', false]);
      }
    },
  );

  it('reads the Android export (version 3): every entry, with its folder', async () => {
    const result = await importFile(fixture('lastpass_android.json'));
    expect(result.format).toBe('lastpass');
    expect(rows(result)).toEqual([
      [
        'totp',
        'Standard',
        'Totp',
        '54VEGZFJHM3BGDONFERMPUOKNGDJETGM',
        'SHA1',
        6,
        30,
        ['Favorites'],
      ],
      ['totp', 'Long', 'Period', 'JGRMXBLPPYQIFMRBFQDHNP3MPPYQYNUN', 'SHA1', 6, 60, ['Favorites']],
      ['totp', 'Many', 'Digits', 'WEV2GHDH4EAU7D5SZGCIQOFBNQ35EHBS', 'SHA1', 9, 30, ['Group']],
      ['totp', '', 'NoIssuer', 'KY2QJPMNQLSGSZE2C5F7AYBLBVEEDHFX', 'SHA1', 6, 30, ['Group']],
      // Folder 0 is LastPass's "Other accounts", where every unfiled account is: not a group.
      ['totp', 'Sha', '256', 'RJNZJM7PAGJUBG32XHQWHFZVLYOMGIUQ', 'SHA256', 6, 30, []],
      ['totp', 'Sha', '512', 'UW33SR5O4EKTDXNCBBS5FSPUKAYXIWOH', 'SHA512', 6, 30, []],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reads the iOS export (version 1, no device secret) and skips the entry that cannot work', async () => {
    const result = await importFile(fixture('lastpass_ios.json'));
    expect(rows(result)).toEqual([['totp', 'Issuer2', 'name', 'SECRETTWO', 'SHA512', 8, 60, []]]);
    // Bitwarden's test file has the made-up secret "Secret1One": "1" is not base32.
    expect(result.skipped).toEqual([
      {
        label: 'Name: person@example.com',
        reason: 'The secret is not base32: "1" is not one of A–Z, 2–7.',
      },
    ]);
  });
});

describe('LastPass Authenticator fields', () => {
  it('shows the names as edited in the app, the original ones when those are empty', async () => {
    const result = await importFile(
      android([
        account({ issuerName: 'Work GitHub', userName: 'alice (work)' }),
        account({ issuerName: '', userName: '', secret: 'KRSXG5CTMVRXEZLU' }),
      ]),
    );
    expect(result.entries.map((e) => [e.account.issuer, e.account.name])).toEqual([
      ['Work GitHub', 'alice (work)'],
      ['GitHub', 'alice'],
    ]);
  });

  it('keeps a user folder as a group and ignores a folder id the file does not name', async () => {
    const result = await importFile(
      android(
        [
          account({ folderData: { folderId: 7, position: 0 } }),
          account({ folderData: { folderId: 9, position: 0 }, secret: 'KRSXG5CTMVRXEZLU' }),
        ],
        { folders: [{ id: 7, name: ' Banking ', isOpened: false }] },
      ),
    );
    expect(result.entries.map((e) => e.groups)).toEqual([['Banking'], undefined]);
  });

  it.each([
    [
      'an unknown algorithm',
      account({ algorithm: 'MD5' }),
      'Unknown algorithm "MD5": TrayOTP supports SHA1, SHA256 and SHA512.',
    ],
    ['4 digits', account({ digits: 4 }), 'Digits must be a whole number from 6 to 10, not "4".'],
    ['no secret', account({ secret: undefined }), 'The account has no secret.'],
    [
      'a zero time step',
      account({ timeStep: 0 }),
      'The period must be a whole number of seconds from 1 to 86400, not "0".',
    ],
  ])('skips an entry with %s and imports the rest', async (_what, bad, reason) => {
    const result = await importFile(android([account({ userName: 'ok' }), bad]));
    expect(result.entries.map((e) => e.account.name)).toEqual(['ok']);
    expect(result.skipped).toEqual([{ label: 'GitHub: alice', reason }]);
  });

  it('skips an account that is not an object', async () => {
    const result = await importFile(android([account(), 'nonsense']));
    expect(result.entries).toHaveLength(1);
    expect(result.skipped).toEqual([{ label: 'entry 2', reason: 'The entry is not an object.' }]);
  });

  it('warns about a version it has not seen, and still reads the accounts', async () => {
    const result = await importFile(android([account()], { version: 4 }));
    expect(result.entries).toHaveLength(1);
    expect(result.warnings).toEqual([
      'This LastPass Authenticator export has version 4; TrayOTP knows versions 1 (iPhone) and 3 (Android). Check that the codes match before you delete anything in LastPass.',
    ]);
  });
});

describe('LastPass detection and damaged files', () => {
  it.each([
    ['no accounts list', { localDeviceId: 'x', deviceName: 'y', version: 3 }],
    ['accounts but no device fields', { version: 3, accounts: [account()] }],
    ['accounts of another shape', { localDeviceId: 'x', version: 3, accounts: [{ name: 'a' }] }],
    ['a JSON list', [account()]],
  ])('does not claim %s', (_what, value) => {
    const lastpass = importers.find((i) => i.id === 'lastpass')!;
    expect(lastpass.detect(json(value))).toEqual({ confidence: 0, encrypted: false });
  });

  it('claims an empty export (no accounts yet) with certainty', () => {
    const lastpass = importers.find((i) => i.id === 'lastpass')!;
    expect(lastpass.detect(android([]))).toEqual({ confidence: 2, encrypted: false });
  });

  it.each([
    ['cut short', fixture('lastpass_android.json').bytes.subarray(0, 700)],
    ['not JSON', new TextEncoder().encode('deviceName=x')],
  ])('refuses a file %s as damaged when LastPass is asked for', async (_what, bytes) => {
    const error = await importError({ fileName: 'accounts.json', bytes }, { format: 'lastpass' });
    expect([error.code, error.message]).toEqual([
      'damaged',
      '"accounts.json" is not a LastPass Authenticator export: it is not JSON with an accounts list and device fields.',
    ]);
  });

  it('a truncated export is not taken for any format', async () => {
    const error = await importError({
      fileName: 'accounts.json',
      bytes: fixture('lastpass_android.json').bytes.subarray(0, 700),
    });
    expect(error.code).toBe('unknown-format');
  });
});
